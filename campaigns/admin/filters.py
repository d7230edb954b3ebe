"""List filters of the activities admin."""

from collections import Counter

from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import PAGE_VAR
from django.utils.translation import gettext_lazy as _

from campaigns import selectors
from campaigns.models import ActivityState, FocusArea
from common.formatting import format_period
from common.strict import parse_id
from organizations.models import Unit, UnitKind, UnitLevel
from organizations.selectors import city_units_between

_LEVELS = (UnitLevel.DISTRICT, UnitLevel.BODY)


class UnitFilter(admin.SimpleListFilter):
    """Activities of a district or a body of the city, including those of the units under it
    and those held in its wards, as the tree stood on each activity's date (selectors.in_unit).

    Shown as a drop-down list (a plain GET form, no script): the city has dozens of
    districts and bodies, too many for the usual list of links."""

    title = _("unit (and the units under it)")
    parameter_name = "unit"
    template = "admin/campaigns/unit_filter.html"

    def lookups(self, request, model_admin):
        kinds = [kind for level in _LEVELS for kind in UnitKind.of_level(level)]
        units = sorted(
            Unit.objects.filter(kind__in=kinds, pk__in=city_units_between()).only(
                "name", "kind", "search_name", "valid_from", "valid_until"
            ),
            key=lambda unit: (_LEVELS.index(unit.level), unit.search_name, unit.valid_from or 0),
        )
        names = Counter(unit.name for unit in units)
        self.groups = {level: [] for level in _LEVELS}
        for unit in units:
            label = unit.name
            if names[unit.name] > 1:  # the same name in two periods: say which is which
                label = f"{unit.name} ({format_period(unit.valid_from, unit.valid_until)})"
            self.groups[unit.level].append((str(unit.pk), label))
        return [choice for level in _LEVELS for choice in self.groups[level]]

    def choices(self, changelist):
        # The form sends the other filters, the search and the ordering along.
        self.hidden_params = [
            (name, value)
            for name, values in changelist.params.items()
            if name not in (self.parameter_name, PAGE_VAR)
            for value in (values if isinstance(values, list) else [values])
        ]
        self.option_groups = [
            (UnitLevel(level).label, self.groups[level]) for level in _LEVELS if self.groups[level]
        ]
        yield from super().choices(changelist)

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        unit_id = parse_id(self.value())
        if unit_id is None:
            raise IncorrectLookupParameters(self.value())
        return selectors.in_unit(queryset, Unit(pk=unit_id))


class StateFilter(admin.ChoicesFieldListFilter):
    """The activity's state. Discarded drafts are left out unless asked for: they were
    never submitted, and staff look for them only when a unit asks what became of one."""

    def choices(self, changelist):
        choices = super().choices(changelist)
        everything = next(choices)  # the first, "All", which is all but the discarded here
        yield {**everything, "display": _("All but discarded")}
        yield from choices

    def queryset(self, request, queryset):
        if self.lookup_val is None and not self.lookup_val_isnull:
            queryset = queryset.exclude(state=ActivityState.DISCARDED)
        return super().queryset(request, queryset)


class FocusAreaFilter(admin.SimpleListFilter):
    """Focus areas, labelled with their campaign's year; only the chosen campaign's when a
    campaign is chosen."""

    title = _("focus area")
    parameter_name = "focus_area"

    def lookups(self, request, model_admin):
        areas = FocusArea.objects.select_related("campaign").order_by("-campaign__year", "position")
        campaign = parse_id(request.GET.get("campaign__id__exact", ""))
        if campaign is not None:
            areas = areas.filter(campaign_id=campaign)
        return [(str(area.pk), f"{area.campaign.year} · {area}") for area in areas]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        area_id = parse_id(self.value())
        if area_id is None:
            raise IncorrectLookupParameters(self.value())
        return queryset.filter(focus_area_id=area_id)
