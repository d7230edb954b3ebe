"""Forms of the officers' area: an activity, its results, evidence, cancelling, the upload.

The forms only turn what a person typed into values; the rules (dates inside the campaign,
a unit the person works for, which state allows what) live in campaigns.services, whose
ValidationError is put back on the form by `add_service_errors`.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Case, Q, When
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from campaigns.forms.units import UnitChoices, as_choices, choice_day
from campaigns.models import Activity, ActivityState, Campaign, CampaignState, FocusArea
from campaigns.permissions import EDIT_UNIT_WORK
from campaigns.services import ACTIVITY_FIELDS, check_activity
from common.formatting import format_day, in_portal_formats
from common.money import MoneyField
from common.periods import overlapping_q
from common.strict import (
    StrictModelChoiceField,
    StrictModelMultipleChoiceField,
    bound_search,
)
from organizations import permissions
from organizations.forms import VisibleTextField, visible_text_formfield
from organizations.models import Unit, UnitKind, UnitLevel
from organizations.permissions import VIEW_UNIT
from organizations.selectors import city_units_between

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME_WIDGET = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


def add_service_errors(form, error: ValidationError):
    """Show a service's ValidationError on `form`: by field where the form has that field,
    the rest at the top of the form."""
    error = in_portal_formats(error)
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        target = field if field in form.fields else None
        form.add_error(target, errors)


def during(campaign: Campaign) -> Q:
    """Units that existed on at least one day of the campaign."""
    return overlapping_q(campaign.starts_on, campaign.ends_on)


def open_campaigns():
    return Campaign.objects.filter(state=CampaignState.OPEN).order_by("-year")


def bigger_units_first():
    """Bigger units first: the city, the districts, the communes, then the bodies."""
    order = (UnitLevel.PROVINCE, UnitLevel.DISTRICT, UnitLevel.COMMUNE)
    return Case(
        *[When(kind__in=UnitKind.of_level(level), then=rank) for rank, level in enumerate(order)],
        default=len(order),
    )


def organizer_choices(user, campaign: Campaign):
    """The units `user` may enter activities for that existed during the campaign, the
    user's own (bigger) unit before the units under it. What the organiser field accepts;
    rules.validate_activity then checks the unit on the activity's own date."""
    return (
        permissions.units_for(user, EDIT_UNIT_WORK)
        .filter(during(campaign))
        .order_by(bigger_units_first(), "search_name", "valid_from")
    )


def offered_organizers(user, choices: UnitChoices) -> set[int]:
    """The ids of the units of the city, on the choices' day, that `user` may enter
    activities for then. One query."""
    permitted = permissions.units_for(user, EDIT_UNIT_WORK, on=choices.day)
    return set(permitted.order_by().values_list("pk", flat=True)) & choices.ids


class ActivityForm(forms.Form):
    """What an organising unit says about its activity (services.ACTIVITY_FIELDS)."""

    FIELDSETS = (
        (
            _("The activity"),
            ("title", "kind", "focus_area", "description", "audience", "expected_participants"),
        ),
        (_("Who organises it"), ("organizer", "co_organizers")),
        (_("When"), ("starts_on", "start_time", "ends_on", "end_time")),
        (_("Where"), ("venue", "address", "commune")),
        (
            _("Contact and publication"),
            ("contact_name", "contact_phone", "contact_email", "is_public"),
        ),
    )

    def __init__(self, *args, user, campaign: Campaign, **kwargs):
        super().__init__(*args, **kwargs)
        self.campaign = campaign
        self.user = user
        self.fields.update(
            forms.fields_for_model(
                Activity,
                fields=[*ACTIVITY_FIELDS, "co_organizers"],
                formfield_callback=visible_text_formfield,
                field_classes={
                    "focus_area": StrictModelChoiceField,
                    "organizer": StrictModelChoiceField,
                    "commune": StrictModelChoiceField,
                    "co_organizers": StrictModelMultipleChoiceField,
                },
                widgets={
                    "starts_on": DATE_WIDGET,
                    "ends_on": DATE_WIDGET,
                    "start_time": TIME_WIDGET,
                    "end_time": TIME_WIDGET,
                    "description": forms.Textarea(attrs={"rows": 5}),
                },
            )
        )
        self.order_fields([name for _legend, names in self.FIELDSETS for name in names])
        fields = self.fields
        fields["focus_area"].queryset = FocusArea.objects.filter(campaign=campaign)
        fields["focus_area"].label_from_instance = lambda area: f"{area.position}. {area.title}"
        # The lists offer the city's units on the activity's start date (the campaign's
        # first day until one is entered), under their districts as they stood then. The
        # querysets accept any unit of the campaign's time: the services check the chosen
        # ones on the activity's own date and say which unit is wrong, and why.
        self.unit_day = choice_day(campaign, self._start_entered())
        offered = UnitChoices.on(self.unit_day)
        self._organizers = offered_organizers(user, offered)
        fields["organizer"].queryset = organizer_choices(user, campaign)
        fields["organizer"].choices = as_choices(
            offered.groups(keep=self._organizers), blank_label="---------"
        )
        fields["commune"].queryset = Unit.objects.of_level(UnitLevel.COMMUNE).filter(
            during(campaign)
        )
        fields["commune"].choices = as_choices(offered.commune_groups(), blank_label="---------")
        fields["co_organizers"].queryset = Unit.objects.filter(during(campaign))
        fields["co_organizers"].choices = as_choices(offered.groups())
        fields["co_organizers"].widget.attrs["size"] = 8
        fields["co_organizers"].help_text = _(
            "Other units that organise it with you, if any. Hold Ctrl (⌘ on a Mac) to choose "
            "several."
        )
        fields["ends_on"].required = False
        fields["ends_on"].help_text = _("Leave empty if it ends on the day it starts.")
        fields["start_time"].help_text = _(
            "Leave both times empty for an activity that lasts all day (or several whole days)."
        )
        fields["end_time"].help_text = _("Optional. Needs a start time.")
        fields["starts_on"].help_text = _(
            "Between %(start)s and %(end)s, the dates of the campaign."
        ) % {
            "start": format_day(campaign.starts_on),
            "end": format_day(campaign.ends_on),
        }
        fields["commune"].help_text = _(
            "The ward, commune or special zone of the venue. The lists show the city's units "
            "as they stood on %(day)s."
        ) % {"day": format_day(self.unit_day)}
        for name in ("contact_phone",):
            fields[name].widget.input_type = "tel"
        fields["kind"].choices = [
            (value, capfirst(label)) for value, label in fields["kind"].choices
        ]
        if not self.is_bound:
            self.initial.setdefault("organizer", self._usual_organizer(user))

    def _post_clean(self):
        """When some fields cannot be read, the services' rules still check the others, so
        that one round names every problem. (A form read whole is checked by the service
        the view calls.)"""
        if not self.errors:
            return
        values, co_organizers = self.service_values()
        try:
            check_activity(
                Activity(campaign=self.campaign, created_by=self.user, **values),
                by=self.user,
                co_organizers=co_organizers,
                unreadable=set(self.errors),
            )
        except ValidationError as error:
            self.add_service_errors(error)

    def add_service_errors(self, error: ValidationError):
        """Put a service's refusal on the form. An empty end date stands for the start
        date, so its errors would only repeat those of the start date."""
        if (
            hasattr(error, "error_dict")
            and "starts_on" in error.error_dict
            and not self.cleaned_data.get("ends_on")
        ):
            error = ValidationError(
                {name: errors for name, errors in error.error_dict.items() if name != "ends_on"}
            )
        add_service_errors(self, error)

    # Said beside the contact fields: a public activity shows them to everyone.
    CONTACT_NOTE = _(
        "When the activity is public, the contact person's name, phone and e-mail are "
        "published with it: on the public calendar, on the activity's page and in calendar "
        "subscriptions. Give a contact who agrees to that, for example the unit's office."
    )

    def fieldsets(self):
        """The groups of fields in the order the page shows them."""
        return [
            {
                "legend": legend,
                "fields": [self[name] for name in names],
                "paired": "starts_on" in names,
                "note": self.CONTACT_NOTE if "contact_name" in names else "",
            }
            for legend, names in self.FIELDSETS
        ]

    def _start_entered(self):
        """The start date typed in (or, before anything is posted, the activity's), when it
        reads as a date."""
        field = self.fields["starts_on"]
        if not self.is_bound:
            return self.initial.get("starts_on")
        raw = field.widget.value_from_datadict(self.data, self.files, self.add_prefix("starts_on"))
        try:
            return field.to_python(raw)
        except ValidationError:
            return None

    def _usual_organizer(self, user):
        """The unit of the user's one role, when they hold exactly one and it is offered."""
        held = {membership.unit_id for membership in permissions.memberships(user)}
        if len(held) != 1:
            return None
        (unit_id,) = held
        return unit_id if unit_id in self._organizers else None

    @property
    def has_organizers(self):
        """Whether the user may enter activities for a unit of the city during the campaign."""
        campaign = self.campaign
        return (
            self.fields["organizer"]
            .queryset.filter(pk__in=city_units_between(campaign.starts_on, campaign.ends_on))
            .exists()
        )

    def service_values(self):
        """(fields, co_organizers) as the services take them."""
        values = {name: self.cleaned_data.get(name) for name in ACTIVITY_FIELDS}
        # An empty end date means the day it starts (the help text says so).
        values["ends_on"] = values["ends_on"] or values["starts_on"]
        for name in ("description", "venue", "address", "audience"):
            values[name] = values[name] or ""
        for name in ("contact_name", "contact_phone", "contact_email"):
            values[name] = values[name] or ""
        return values, list(self.cleaned_data.get("co_organizers") or [])

    @staticmethod
    def initial_for(activity: Activity):
        initial = {name: getattr(activity, name) for name in ACTIVITY_FIELDS}
        for name in ("organizer", "focus_area", "commune"):
            initial[name] = getattr(activity, f"{name}_id")
        initial["co_organizers"] = [unit.pk for unit in activity.co_organizers.all()]
        return initial


class CampaignChoiceForm(forms.Form):
    """Which open campaign a new activity or an upload is for."""

    campaign = StrictModelChoiceField(
        queryset=Campaign.objects.none(), label=_("Campaign"), empty_label=None
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["campaign"].queryset = open_campaigns()


class ResultsForm(forms.Form):
    """What came of an activity (ActivityResult)."""

    participants = forms.IntegerField(label=_("participants"), min_value=0, required=False)
    money_raised = MoneyField(
        label=_("money raised (VND)"),
        help_text=_("Whole đồng, for example 1.500.000. Leave empty if no money was raised."),
    )
    people_supported = forms.IntegerField(
        label=_("people supported"),
        min_value=0,
        required=False,
        help_text=_("Pupils, students or citizens who received support or a scholarship."),
    )
    awards_given = forms.IntegerField(label=_("awards given"), min_value=0, required=False)
    notes = VisibleTextField(
        label=_("notes"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )

    def service_values(self):
        return {name: self.cleaned_data.get(name) for name in self.fields} | {
            "notes": self.cleaned_data.get("notes") or ""
        }


class EvidenceForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("A photo (JPEG, PNG or WebP) or a PDF document, at most 10 MB."),
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/jpeg,image/png,image/webp,application/pdf"}
        ),
    )
    caption = VisibleTextField(
        label=_("Caption"),
        max_length=250,
        required=False,
        help_text=_("What the file shows, for example “Trao học bổng tại UBND phường”."),
    )


class CancelForm(forms.Form):
    reason = VisibleTextField(
        label=_("Reason for cancellation"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The public calendar shows this reason beside the cancelled activity."),
    )


class UploadForm(CampaignChoiceForm):
    file = forms.FileField(
        label=_("Spreadsheet"),
        help_text=_("The filled-in template, as .xlsx (or .csv in UTF-8)."),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".xlsx,.csv,application/vnd.openxmlformats-officedocument."
                "spreadsheetml.sheet,text/csv"
            }
        ),
    )


class ActivityFilterForm(forms.Form):
    """The filters of the officers' activity list (a GET form)."""

    ALL = "all"

    q = forms.CharField(label=_("Search"), required=False)
    state = forms.ChoiceField(label=_("State"), required=False)
    unit = StrictModelChoiceField(
        label=_("Unit"), queryset=Unit.objects.none(), required=False, empty_label=_("All units")
    )
    campaign = forms.ChoiceField(label=_("Campaign"), required=False)

    def __init__(self, *args, user, campaigns, unit_choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["state"].choices = [("", _("All but discarded")), *ActivityState.choices]
        # Only the city's units: the table also holds other provinces' (Hải Dương's before
        # the 2025 merger), which no activity of the city can belong to.
        in_city = Q(pk__in=city_units_between())
        self.fields["unit"].queryset = permissions.units_for(user, VIEW_UNIT).filter(in_city)
        self.fields["unit"].choices = [("", _("All units"))] + [
            (unit.pk, unit.name) for unit in unit_choices.filter(in_city)
        ]
        self.fields["campaign"].choices = [(self.ALL, _("All campaigns"))] + [
            (str(campaign.pk), campaign.title) for campaign in campaigns
        ]
        self.search_cut = False

    def clean_q(self):
        # A search of a thousand words would be a thousand LIKEs: the first words are used.
        text, self.search_cut = bound_search(self.cleaned_data["q"])
        return text
