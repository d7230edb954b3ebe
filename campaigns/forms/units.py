"""The units an activity may name, as the forms, the Excel template and the admin offer them.

The unit table holds every unit of every period, and other provinces' units too (Hải
Dương's communes, until the province joined the city on 1/7/2025). A chooser offers only the
units that belonged to the city's tree on the day that matters (the activity's start), each
ward or commune under its district as the tree stood that day; from 1/7/2025, when there are
no districts any more, the wards and communes are grouped by kind. The choices come from
one tree (organizations.selectors.city_tree_on), read in two queries whatever its size.

What is offered is a convenience; what is allowed is checked by the services
(rules.validate_activity), on the activity's own start date, with a message naming the
unit and the day.
"""

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from campaigns.models import Campaign
from organizations.models import UnitKind, UnitLevel
from organizations.selectors import Tree, city_tree_on

# How wards and communes directly under the city (after 1/7/2025) are grouped.
_KIND_GROUPS = {
    UnitKind.WARD: _("Wards"),
    UnitKind.COMMUNE: _("Communes"),
    UnitKind.TOWNSHIP: _("Townships"),
    UnitKind.SPECIAL_ZONE: _("Special zones"),
}


def choice_day(campaign: Campaign, starts_on: datetime.date | None = None) -> datetime.date:
    """The day whose tree a form offers: the activity's start date when one is given (kept
    inside the campaign), otherwise the campaign's first day. A campaign that spans a
    change of the tree thus offers the tree of its first day until a date is entered."""
    if starts_on is None:
        return campaign.starts_on
    return min(max(starts_on, campaign.starts_on), campaign.ends_on)


@dataclass
class UnitGroup:
    """One <optgroup>: its label, its units, and the district it stands for (if any)."""

    label: str
    units: list
    district: object = None


@dataclass
class UnitChoices:
    """The city's units on one day, grouped for the choosers."""

    tree: Tree

    @classmethod
    def on(cls, day: datetime.date) -> "UnitChoices":
        return cls(city_tree_on(day))

    @property
    def day(self) -> datetime.date:
        return self.tree.day

    @property
    def ids(self) -> set[int]:
        return set(self.tree.units)

    @property
    def city(self):
        return self.tree.roots[0] if self.tree.roots else None

    def commune_groups(self, keep=None) -> list[UnitGroup]:
        """The wards, communes and special zones: under each district in the tree's order
        (urban districts first), then those directly under the city, by kind. Only the units
        whose ids are in `keep`, when given."""
        city = self.city
        if city is None:
            return []
        groups, by_kind = [], {}
        for child in self.tree.children(city):
            if child.level == UnitLevel.DISTRICT:
                communes = [u for u in self.tree.children(child) if u.level == UnitLevel.COMMUNE]
                groups.append(UnitGroup(child.name, communes, district=child))
            elif child.level == UnitLevel.COMMUNE:
                by_kind.setdefault(child.kind, []).append(child)
        groups += [
            UnitGroup(str(_KIND_GROUPS.get(kind, UnitKind(kind).label)), members)
            for kind, members in by_kind.items()
        ]
        return _kept(groups, keep)

    def groups(self, keep=None) -> list[UnitGroup]:
        """Every unit of the city that day: the city and its districts, the departments and
        other bodies, then the wards and communes (commune_groups). Only `keep`, if given."""
        city = self.city
        if city is None:
            return []
        districts = [u for u in self.tree.children(city) if u.level == UnitLevel.DISTRICT]
        bodies = sorted(
            (u for u in self.tree.units.values() if u.level == UnitLevel.BODY),
            key=lambda unit: unit.search_name,
        )
        territories = _("City and districts") if districts else _("City")
        groups = [
            UnitGroup(str(territories), [city, *districts]),
            UnitGroup(str(_("Departments and organisations")), bodies),
        ]
        return _kept(groups, keep) + self.commune_groups(keep)


def _kept(groups, keep):
    if keep is not None:
        for group in groups:
            group.units = [unit for unit in group.units if unit.pk in keep]
    return [group for group in groups if group.units]


def as_choices(groups, blank_label=None):
    """A select's choices: one <optgroup> a group."""
    choices = [("", blank_label)] if blank_label is not None else []
    for group in groups:
        choices.append((group.label, [(unit.pk, unit.name) for unit in group.units]))
    return choices
