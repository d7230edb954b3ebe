"""Forms for signing in and for looking after one's password, and the text field every
portal form uses for what people type."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from common.text import refuse_control_characters, trimmed


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


class VisibleTextField(forms.CharField):
    """A text field that keeps only what can be seen: the spaces and invisible format
    characters around it (a zero-width space, a byte order mark) are dropped before the
    field is checked, so a required reason of only a zero-width space is empty; control
    characters are refused."""

    default_validators = [refuse_control_characters]

    def to_python(self, value):
        value = super().to_python(value)
        return trimmed(value) if value not in self.empty_values else value


def visible_text_formfield(model_field, **kwargs):
    """formfield_callback for model forms: text fields as VisibleTextField."""
    from django.db import models

    # Plain text only: e-mail and phone fields have form fields of their own.
    if type(model_field) in (models.CharField, models.TextField) and not model_field.choices:
        kwargs.setdefault("form_class", VisibleTextField)
    return model_field.formfield(**kwargs)
