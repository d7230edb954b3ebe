"""Forms of the officers' and reviewers' dossier pages.

The forms only turn what a person typed into values; the rules (which unit may ask for
which title, a value's range, who may act in which state) are the services'. A value typed
for an indicator is read by `rules.parse_value`, the same reading the service applies,
so that a refused value is shown beside its indicator and nothing is saved.
"""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import get_format
from django.utils.translation import gettext_lazy as _

from common import attachments
from common.formatting import in_portal_formats
from common.strict import StrictModelChoiceField
from learning_models import rules
from learning_models.models import FileKind
from learning_models.permissions import EDIT_DOSSIERS
from learning_models.states import BODY_TITLES, DossierState, IndicatorKind, Level
from organizations import permissions
from organizations.forms import VisibleTextField

DAY_FORMAT = "%d/%m/%Y"
DAY_INPUT = forms.DateInput(format=DAY_FORMAT, attrs={"inputmode": "numeric", "size": 12})
FIRST_YEAR = 2020


def add_service_errors(form, error: ValidationError):
    """Put a service's ValidationError on `form`: by field where the form has the field,
    the rest at its top."""
    error = in_portal_formats(error)
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        form.add_error(name if name in form.fields else None, errors)


def _years():
    last = timezone.localdate().year + 1
    return [(str(year), str(year)) for year in range(last, FIRST_YEAR - 1, -1)]


def _body_titles():
    return [(title.value, title.label) for title in BODY_TITLES]


class DossierFilterForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Assessment year"), required=False, coerce=int)
    title = forms.ChoiceField(label=_("Title"), required=False)
    state = forms.ChoiceField(label=_("State"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("every year")), *_years()]
        self.fields["title"].choices = [("", _("every title")), *_body_titles()]
        self.fields["state"].choices = [("", _("every state")), *DossierState.choices]


def title_units(user, on: datetime.date):
    """The units `user` may register on `on` for a title a unit may ask for."""
    kinds = set().union(*rules.TITLE_UNITS.values())
    return (
        permissions.units_for(user, EDIT_DOSSIERS, on=on)
        .filter(kind__in=kinds)
        .valid_on(on)
        .order_by("search_name", "valid_from")
    )


class RegisterForm(forms.Form):
    unit = StrictModelChoiceField(label=_("Unit"), queryset=None, empty_label=_("Choose a unit"))
    title = forms.ChoiceField(label=_("Title"))
    level = forms.TypedChoiceField(label=_("Level"), coerce=int, choices=Level.choices)
    year = forms.TypedChoiceField(
        label=_("Assessment year"),
        coerce=int,
        help_text=_("The year whose data (1/1–31/12) the self-assessment is about."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = title_units(user, timezone.localdate())
        self.fields["title"].choices = _body_titles()
        self.fields["year"].choices = _years()
        self.fields["year"].initial = str(timezone.localdate().year)


class TeamForm(forms.Form):
    team = VisibleTextField(
        label=_("Assessment team"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("One member a line: full name, position, role in the team."),
    )


MET_CHOICES = [("", "—"), ("1", _("met")), ("0", _("not met"))]


def _value_shown(value, indicator):
    """A stored value as the form shows it again: "1"/"0" for met, "92,5" for a number
    (with the language's decimal mark, which the service reads back either way)."""
    if value is None:
        return ""
    if indicator.kind == IndicatorKind.MET:
        return "1" if value else "0"
    text = format(value.normalize(), "f")
    return text.replace(".", get_format("DECIMAL_SEPARATOR"))


class IndicatorRowsForm(forms.Form):
    """One value and one note per indicator of the dossier (the self-assessment or the
    appraisal), each value read as the service reads it; for the self-assessment also an
    evidence file per indicator."""

    def __init__(self, *args, rows, appraisal=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.appraisal = appraisal
        self.rows = []
        for row in rows:
            indicator = row.indicator
            value = row.appraised_value if appraisal else row.value
            note = row.appraisal_note if appraisal else row.note
            value_name, note_name = f"value_{indicator.pk}", f"note_{indicator.pk}"
            label = _("Value of %(code)s") % {"code": indicator.code}
            if indicator.kind == IndicatorKind.MET:
                field = forms.ChoiceField(label=label, choices=MET_CHOICES, required=False)
            else:
                field = forms.CharField(
                    label=label,
                    required=False,
                    max_length=30,
                    widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 8}),
                )
            field.initial = _value_shown(value, indicator)
            self.fields[value_name] = field
            self.fields[note_name] = VisibleTextField(
                label=_("Note on %(code)s") % {"code": indicator.code},
                required=False,
                max_length=2000,
                initial=note,
                widget=forms.Textarea(attrs={"rows": 1}),
            )
            evidence_name = None
            if not appraisal:
                evidence_name = f"evidence_{indicator.pk}"
                self.fields[evidence_name] = forms.FileField(
                    label=_("Evidence for %(code)s") % {"code": indicator.code},
                    required=False,
                )
            self.rows.append((row, value_name, note_name, evidence_name))

    def clean(self):
        data = super().clean()
        for row, value_name, _note, evidence_name in self.rows:
            if value_name in data:
                try:
                    rules.parse_value(row.indicator, data[value_name])
                except ValidationError as error:
                    self.add_error(value_name, error)
            upload = data.get(evidence_name) if evidence_name else None
            if upload:
                try:
                    attachments.check(upload)
                except ValidationError as error:
                    self.add_error(evidence_name, error)
        return data

    def entries(self):
        """{indicator id: (raw value, note)} for the service."""
        data = self.cleaned_data
        return {
            row.indicator_id: (data.get(value_name), data.get(note_name, ""))
            for row, value_name, note_name, _evidence in self.rows
        }

    def evidence(self):
        """[(indicator, upload)] of the files sent with the rows."""
        data = self.cleaned_data
        return [
            (row.indicator, data[evidence_name])
            for row, _value, _note, evidence_name in self.rows
            if evidence_name and data.get(evidence_name)
        ]

    def bound_rows(self):
        """(row, value field, note field, evidence field or None) for the template."""
        return [
            (row, self[value], self[note], self[evidence] if evidence else None)
            for row, value, note, evidence in self.rows
        ]


class FileForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind of file"),
        choices=[
            (FileKind.SELF_REPORT.value, FileKind.SELF_REPORT.label),
            (FileKind.COVER_LETTER.value, FileKind.COVER_LETTER.label),
            (FileKind.EVIDENCE.value, _("evidence for the whole dossier")),
        ],
    )
    file = forms.FileField(
        label=_("Photo or PDF"), help_text=_("JPEG, PNG, WebP or PDF, at most 10 MB.")
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        attachments.check(upload)
        return upload


class ReasonForm(forms.Form):
    reason = VisibleTextField(
        label=_("Reason"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, label=None, **kwargs):
        super().__init__(*args, **kwargs)
        if label:
            self.fields["reason"].label = label


class DecisionForm(forms.Form):
    decision_number = VisibleTextField(label=_("Decision number"), max_length=60)
    decision_date = forms.DateField(
        label=_("Decision date"),
        input_formats=[DAY_FORMAT],
        widget=DAY_INPUT,
        help_text=_("dd/mm/yyyy"),
    )
    signed_by = VisibleTextField(
        label=_("Signed by"),
        max_length=200,
        help_text=_("Name and position of who signed the decision."),
    )
    authority = VisibleTextField(label=_("Deciding authority"), max_length=300, required=False)
    valid_until = forms.DateField(
        label=_("Valid until"),
        input_formats=[DAY_FORMAT],
        widget=DAY_INPUT,
        help_text=_("dd/mm/yyyy"),
    )

    @classmethod
    def initial_for(cls, dossier):
        return {
            "authority": dossier.criteria_set.authority,
            "valid_until": rules.recognition_valid_until(dossier.criteria_set, dossier.year),
        }
