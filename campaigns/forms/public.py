"""The public calendar's query string, read by one form for the page and the iCal feed.

Everything here comes from an address anybody can type or a link somebody shared years
ago, so no value may break the page: a bad value is reported on the page in words and
left out, and the rest of the query still applies.
"""

import datetime
import re
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django import forms
from django.core.exceptions import ValidationError
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from campaigns.calendar_grid import first_of_month, months_between
from campaigns.models import ActivityKind, Campaign, FocusArea
from campaigns.selectors import CalendarFilters
from common.strict import bound_search, parse_id
from organizations.models import UnitAncestry, UnitLevel
from organizations.selectors import city_units_between

VIEW_MONTH = "month"
VIEW_LIST = "list"
ALL_CAMPAIGNS = "all"
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
_MONTH = re.compile(r"(\d{4})-(\d{1,2})")


def _day(value):
    return formats.date_format(value, "SHORT_DATE_FORMAT")


def _month(value):
    return formats.date_format(value, "YEAR_MONTH_FORMAT")


class MonthField(forms.Field):
    """A month written YYYY-MM, cleaned to its first day."""

    default_error_messages = {
        "invalid": _("Write the month as YYYY-MM, for example 2024-09."),
    }

    def to_python(self, value):
        value = (value or "").strip()
        if not value:
            return None
        match = _MONTH.fullmatch(value)
        if not match:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        year, month = (int(part) for part in match.groups())
        if not (1 <= month <= 12 and 1 <= year <= 9999):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return datetime.date(year, month, 1)


class CalendarDateField(forms.DateField):
    default_error_messages = {
        "invalid": _("Write the date as dd/mm/yyyy, for example 05/09/2024."),
    }

    def __init__(self, **kwargs):
        super().__init__(input_formats=DATE_INPUT_FORMATS, required=False, **kwargs)


@dataclass
class UnitGroup:
    label: str
    units: list


def unit_groups(first: datetime.date, last: datetime.date) -> list[UnitGroup]:
    """The units a visitor can filter by, for a campaign running from `first` to `last`:
    the city, its districts, each district's wards and communes, then the departments and
    other bodies. Two queries."""
    units = list(
        city_units_between(first, last).only("pk", "name", "kind", "search_name", "valid_from")
    )
    parent_of = {}
    for unit_id, ancestor_id in (
        UnitAncestry.objects.overlapping(first, last)
        .filter(depth=1)
        .order_by("valid_from")
        .values_list("unit_id", "ancestor_id")
    ):
        parent_of.setdefault(unit_id, ancestor_id)
    by_level = {level: [] for level in UnitLevel}
    for unit in units:
        by_level.setdefault(unit.level, []).append(unit)
    districts = by_level[UnitLevel.DISTRICT]
    district_ids = {unit.pk for unit in districts}
    communes_of = {unit.pk: [] for unit in districts}
    loose_communes = []
    for commune in by_level[UnitLevel.COMMUNE]:
        parent = parent_of.get(commune.pk)
        if parent in district_ids:
            communes_of[parent].append(commune)
        else:
            loose_communes.append(commune)
    groups = [
        UnitGroup(_("City"), by_level[UnitLevel.PROVINCE]),
        UnitGroup(_("Districts"), districts),
    ]
    groups += [
        UnitGroup(district.name, communes_of[district.pk])
        for district in districts
        if communes_of[district.pk]
    ]
    groups += [
        UnitGroup(_("Wards, communes and special zones"), loose_communes),
        UnitGroup(_("Departments, unions and other bodies"), by_level[UnitLevel.BODY]),
    ]
    return [group for group in groups if group.units]


@dataclass
class CalendarQuery:
    """What the visitor asked for, once checked (bad parts dropped)."""

    campaign: Campaign | None
    campaigns: list
    all_campaigns: bool
    view: str
    month: datetime.date | None
    months: list
    filters: CalendarFilters
    page: int
    params: dict = field(default_factory=dict)

    def query_string(self, **extra) -> str:
        """The filters as a query string, with `extra` added (None values left out)."""
        values = {**self.params, **extra}
        return urlencode({key: value for key, value in values.items() if value not in (None, "")})

    @property
    def previous_month(self):
        if self.month is None or self.month not in self.months:
            return None
        index = self.months.index(self.month)
        return self.months[index - 1] if index > 0 else None

    @property
    def next_month(self):
        if self.month is None or self.month not in self.months:
            return None
        index = self.months.index(self.month)
        return self.months[index + 1] if index + 1 < len(self.months) else None


class CalendarForm(forms.Form):
    """The calendar's filters, shared by /calendar/ and /calendar.ics.

    `campaigns` are the public campaigns (newest first) and `default` the one shown when the
    query names none. The feed (`feed=True`) also takes campaign=all. The lists the page's
    selects offer (unit_groups, focus_areas) are read only when asked for.
    """

    campaign = forms.CharField(label=_("Campaign"), required=False)
    view = forms.ChoiceField(
        label=_("Show as"),
        required=False,
        choices=[
            (VIEW_MONTH, pgettext_lazy("calendar view", "month")),
            (VIEW_LIST, pgettext_lazy("calendar view", "list")),
        ],
        error_messages={"invalid_choice": _("The calendar can be shown as a month or a list.")},
    )
    month = MonthField(label=_("Month"), required=False)
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        help_text=_("Words from the title, description, venue or organiser; accents optional."),
    )
    unit = forms.CharField(
        label=_("District, ward or body"),
        required=False,
        help_text=_(
            "A district shows everything organised, co-organised or held in it or in its "
            "wards and communes, as they were on the day of the activity."
        ),
    )
    area = forms.CharField(label=_("Focus area"), required=False)
    kind = forms.ChoiceField(
        label=_("Kind of activity"),
        required=False,
        choices=[("", _("All kinds")), *ActivityKind.choices],
        error_messages={"invalid_choice": _("There is no kind of activity called “%(value)s”.")},
    )
    date_from = CalendarDateField(label=pgettext_lazy("date range", "From"))
    date_to = CalendarDateField(label=pgettext_lazy("date range", "To"))
    page = forms.IntegerField(
        label=_("Page"),
        required=False,
        min_value=1,
        error_messages={"invalid": _("The page number must be a whole number.")},
    )

    # "from" and "to" are Python keywords, so the fields are declared under other names
    # and renamed to what the query string says.
    _renamed = {"date_from": "from", "date_to": "to"}

    def __init__(self, data, *, campaigns, default, feed=False, today=None):
        super().__init__(data)
        self.fields = {self._renamed.get(name, name): f for name, f in self.fields.items()}
        self.today = today or timezone.localdate()
        self.campaigns = list(campaigns)
        raw = (data.get("campaign") or "").strip()
        self.all_campaigns = feed and raw == ALL_CAMPAIGNS
        by_year = {str(c.year): c for c in self.campaigns}
        self.campaign = None if self.all_campaigns else by_year.get(raw, default)
        self._unit_groups = None

    # --- what the choices are --------------------------------------------------------

    @property
    def period(self):
        """The first and last day of the campaign(s) asked for."""
        if self.campaign is not None:
            return self.campaign.starts_on, self.campaign.ends_on
        if self.campaigns:
            return (
                min(c.starts_on for c in self.campaigns),
                max(c.ends_on for c in self.campaigns),
            )
        return None

    @property
    def unit_groups(self):
        if self._unit_groups is None:
            self._unit_groups = unit_groups(*self.period) if self.period else []
        return self._unit_groups

    @property
    def focus_areas(self):
        if not hasattr(self, "_focus_areas"):
            areas = FocusArea.objects.order_by("campaign__year", "position")
            if self.campaign is not None:
                areas = areas.filter(campaign=self.campaign)
            else:
                areas = areas.filter(campaign__in=self.campaigns)
            self._focus_areas = list(areas)
        return self._focus_areas

    @property
    def months(self):
        if self.campaign is None:
            return []
        return months_between(self.campaign.starts_on, self.campaign.ends_on)

    # --- checks ----------------------------------------------------------------------

    def clean_campaign(self):
        value = self.cleaned_data["campaign"].strip()
        if not value or self.all_campaigns:
            return value
        if value not in {str(c.year) for c in self.campaigns}:
            if self.campaign is None:
                raise ValidationError(
                    _("There is no public campaign for “%(value)s”."), params={"value": value}
                )
            raise ValidationError(
                _("There is no public campaign for “%(value)s”; showing %(campaign)s."),
                params={"value": value, "campaign": self.campaign},
            )
        return value

    def clean_month(self):
        month = self.cleaned_data["month"]
        if month is None or self.campaign is None:
            return None
        if month not in self.months:
            raise ValidationError(
                _("%(month)s is outside the campaign (%(start)s – %(end)s)."),
                params={
                    "month": _month(month),
                    "start": _day(self.campaign.starts_on),
                    "end": _day(self.campaign.ends_on),
                },
            )
        return month

    def clean_unit(self):
        value = self.cleaned_data["unit"].strip()
        if not value:
            return None
        unit_id = parse_id(value)
        if unit_id is None:
            raise ValidationError(_("Choose a district, ward or body from the list."))
        if self.period is None:
            return None
        unit = city_units_between(*self.period).filter(pk=unit_id).first()
        if unit is None:
            raise ValidationError(
                _(
                    "That unit was not one of the city's units during the campaign; choose "
                    "one from the list."
                )
            )
        return unit

    def clean_area(self):
        value = self.cleaned_data["area"].strip()
        if not value:
            return None
        area_id = parse_id(value)
        if area_id is not None and any(area.pk == area_id for area in self.focus_areas):
            return area_id
        raise ValidationError(_("That focus area is not part of this campaign."))

    def clean_q(self):
        return bound_search(self.cleaned_data["q"])[0]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("from"), cleaned.get("to")
        if start and end and end < start:
            self.add_error("to", _("The end of the date range is before its start."))
            cleaned.pop("to", None)
        return cleaned

    # --- the result ------------------------------------------------------------------

    def problems(self, ignore=()):
        """Every problem found (except in the fields named in `ignore`), as sentences
        naming the field."""
        messages = []
        for name, errors in self.errors.items():
            if name in ignore:
                continue
            label = self.fields[name].label if name in self.fields else None
            for error in errors:
                messages.append(f"{label}: {error}" if label else str(error))
        return messages

    def query(self) -> CalendarQuery:
        """The checked query; call after is_valid() (whatever it returned)."""
        data = getattr(self, "cleaned_data", {})
        view = data.get("view") or VIEW_MONTH
        month = data.get("month")
        months = self.months
        if month is None and months:
            # The month of the range asked for, else this month, else the campaign's first.
            start = data.get("from")
            candidates = [first_of_month(start)] if start else []
            candidates.append(first_of_month(self.today))
            month = next((m for m in candidates if m in months), months[0])
        filters = CalendarFilters(
            unit=data.get("unit"),
            focus_area_id=data.get("area"),
            kind=data.get("kind") or "",
            date_from=data.get("from"),
            date_to=data.get("to"),
            query=data.get("q") or "",
        )
        if self.all_campaigns:
            campaign_param = ALL_CAMPAIGNS
        elif self.campaign is not None:
            campaign_param = str(self.campaign.year)
        else:
            campaign_param = ""
        params = {
            "campaign": campaign_param,
            "unit": filters.unit.pk if filters.unit else "",
            "area": filters.focus_area_id or "",
            "kind": filters.kind,
            "from": filters.date_from.isoformat() if filters.date_from else "",
            "to": filters.date_to.isoformat() if filters.date_to else "",
            "q": filters.query,
        }
        return CalendarQuery(
            campaign=self.campaign,
            campaigns=self.campaigns,
            all_campaigns=self.all_campaigns,
            view=view,
            month=month,
            months=months,
            filters=filters,
            page=data.get("page") or 1,
            params=params,
        )
