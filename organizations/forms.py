"""Forms for signing in and for looking after one's password."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    """Sign in with the user name the association gave you."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "The user name or password is not right. Both are case-sensitive: check that "
            "Caps Lock is off. After a few tries, use “Forgotten your password?” below."
        ),
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = _("User name")
        self.fields["username"].help_text = _(
            "The user name the association gave you, for example nguyenthuha.lechan."
        )
        self.fields["username"].widget.attrs.update(
            {"autocapitalize": "none", "autocorrect": "off", "spellcheck": "false"}
        )
        self.fields["password"].label = _("Password")
        # Django gives the field a max_length but no check of it: a name of thousands of
        # characters reached the sign-in records (255 characters at most on PostgreSQL).
        self.fields["username"].validators.append(
            MaxLengthValidator(self.fields["username"].max_length)
        )


class PortalPasswordResetForm(PasswordResetForm):
    """Ask for a link to choose a new password. Never says whether the address is known."""

    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        help_text=_("The address the association has on record for your account."),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )
