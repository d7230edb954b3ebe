"""Forms of the campaigns admin: an activity's fields checked by the services' own rules,
and the reason staff give when they return or cancel an activity."""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.forms.models import construct_instance
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from import_export.forms import SelectableFieldsExportForm

from campaigns import rules, services
from campaigns.models import Activity
from common.formatting import in_portal_formats
from organizations.forms import VisibleTextField


def add_service_error(form, error: ValidationError):
    """Put a service's refusal on the form: by field where the form has the field, above
    the fields otherwise."""
    error = in_portal_formats(error)
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, messages in error.message_dict.items():
        target = field if field in form.fields else None
        if target is None and field != NON_FIELD_ERRORS:
            messages = [f"{field}: {message}" for message in messages]
        form.add_error(target, messages)


class ActivityAdminForm(forms.ModelForm):
    """An activity's own fields, checked by the same rules as the officers' form
    (rules.check_activity: the services' rules and the model's) so that every refusal
    shows on the form at once, by field; the admin then saves through
    services.update_activity, which checks them again under a lock.
    """

    # Set by ActivityAdmin.get_form: the person editing, whom the rules depend on.
    portal_user = None

    class Meta:
        model = Activity
        fields = [*services.ACTIVITY_FIELDS, "co_organizers"]

    def _post_clean(self):
        if self.instance.pk is None:
            super()._post_clean()
            return
        # In place of ModelForm's own model check, which would say the model's part of
        # check_activity a second time (and keep the services' rules silent while a field
        # is wrong).
        unreadable = set(self.errors)
        try:
            self.instance = construct_instance(
                self, self.instance, self._meta.fields, self._meta.exclude
            )
        except ValidationError as error:
            self._update_errors(error)
        co_organizers = self.cleaned_data.get("co_organizers")
        if co_organizers is None:
            co_organizers = self.instance.co_organizers.all()
        try:
            rules.check_activity(
                self.instance,
                by=self.portal_user,
                co_organizers=list(co_organizers),
                unreadable=unreadable,
            )
        except ValidationError as error:
            add_service_error(self, error)


class ReasonForm(forms.Form):
    """Why staff return (or cancel) activities. Required: the unit, or the public, reads it."""

    reason = VisibleTextField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 5, "cols": 80}),
        max_length=2000,
    )

    def __init__(self, *args, help_text="", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].help_text = help_text


class ActivityExportForm(SelectableFieldsExportForm):
    """import-export's export form, with each column named as in the file ("start date")
    rather than by its attribute ("Starts On (start date)"), and Excel chosen first."""

    def __init__(self, formats, resources, **kwargs):
        super().__init__(formats, resources, **kwargs)
        if len(formats) > 0 and "format" in self.fields:
            self.fields["format"].initial = "0"

    def _get_field_label(self, resource, field_name):
        field = resource.fields.get(field_name)
        return capfirst(field.column_name) if field is not None else field_name
