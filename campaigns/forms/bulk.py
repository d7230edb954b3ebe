"""Forms of acting on many activities at once from the officers' list (campaigns.bulk).

They only read which activities were ticked and what to do; whether the person may act on
each one is decided by the services, activity by activity.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from campaigns.bulk import MAX_SELECTED
from common.strict import MAX_INT, parse_ids


class IdsField(forms.Field):
    """The numbers of the ticked activities (checkboxes, or hidden fields on a confirmation
    page): a list of positive whole numbers, none trusted beyond that."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value):
        if not value:
            return []
        if not isinstance(value, list | tuple):
            value = [value]
        ids = parse_ids(value)
        if ids is None:
            raise ValidationError(
                _("The selection could not be read. Reload the page and try again."),
                code="invalid",
            )
        if len(ids) > MAX_SELECTED:
            raise ValidationError(
                _("At most %(count)s activities can be handled at once.") % {"count": MAX_SELECTED},
                code="too_many",
            )
        return list(dict.fromkeys(ids))


class BulkForm(forms.Form):
    SUBMIT = "submit"
    DISCARD = "discard"

    action = forms.ChoiceField(choices=[(SUBMIT, _("Submit for review")), (DISCARD, _("Discard"))])
    activity = IdsField(required=False)
    # "Every activity of this upload" (the upload page's button), instead of ticked ones.
    upload = forms.IntegerField(required=False, min_value=1, max_value=MAX_INT)

    def clean(self):
        data = super().clean()
        if not self.errors and not data.get("activity") and not data.get("upload"):
            raise ValidationError(_("Tick at least one activity first."), code="empty")
        return data


class DiscardForm(forms.Form):
    reason = forms.CharField(
        label=_("Why (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept in the history of each discarded draft, with your name."),
    )
