"""Reads of the unit tree, and of the roles people hold in it."""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Q

from organizations.models import Membership, Unit, UnitAncestry, UnitKind, UnitLevel


@dataclass
class Tree:
    """The tree as it stood on one day."""

    day: datetime.date
    units: dict[int, Unit]
    parent_of: dict[int, int | None]
    _children: dict[int | None, list[Unit]] = field(default_factory=dict)

    def __post_init__(self):
        for unit_id, unit in self.units.items():
            self._children.setdefault(self.parent_of.get(unit_id), []).append(unit)
        for siblings in self._children.values():
            siblings.sort(key=_display_order)

    @property
    def roots(self):
        return self._children.get(None, [])

    def children(self, unit):
        return self._children.get(unit.pk, [])

    def parent(self, unit):
        parent_id = self.parent_of.get(unit.pk)
        return self.units.get(parent_id) if parent_id else None

    def descendants(self, unit):
        found = []
        stack = list(self.children(unit))
        while stack:
            node = stack.pop()
            found.append(node)
            stack.extend(self.children(node))
        return found

    def of_level(self, level, under=None):
        pool = self.descendants(under) if under is not None else self.units.values()
        return [unit for unit in pool if unit.level == level]


_LEVEL_ORDER = {
    UnitLevel.PROVINCE: 0,
    UnitLevel.DISTRICT: 1,
    UnitLevel.COMMUNE: 2,
    UnitLevel.BODY: 3,
}
_KIND_ORDER = {kind: index for index, kind in enumerate(UnitKind.values)}


def _display_order(unit):
    return (_LEVEL_ORDER.get(unit.level, 9), _KIND_ORDER.get(unit.kind, 99), unit.search_name)


def tree_on(day: datetime.date) -> Tree:
    """Every unit valid on `day`, with the parent each had that day. Two queries."""
    units = {unit.pk: unit for unit in Unit.objects.valid_on(day)}
    links = (
        UnitAncestry.objects.valid_on(day)
        .filter(depth=1, unit_id__in=units)
        .values_list("unit_id", "ancestor_id")
    )
    parent_of = dict.fromkeys(units)
    for unit_id, ancestor_id in links:
        if ancestor_id in units:
            parent_of[unit_id] = ancestor_id
    return Tree(day=day, units=units, parent_of=parent_of)


def city_on(day: datetime.date) -> Unit | None:
    """The city (Hải Phòng, code PORTAL_CITY_CODE) as it was on `day`."""
    return (
        Unit.objects.valid_on(day)
        .filter(code=settings.PORTAL_CITY_CODE, kind=UnitKind.CITY)
        .first()
    )


def _is_city(unit) -> bool:
    return unit.code == settings.PORTAL_CITY_CODE and unit.kind == UnitKind.CITY


def city_tree_on(day: datetime.date) -> Tree:
    """The city's part of the tree on `day`: the city and every unit under it that day.

    The table also holds other provinces' units (Hải Dương's, until it joined the city on
    1/7/2025), which the city's choices and checks must leave out. Two queries.
    """
    tree = tree_on(day)
    city = next((unit for unit in tree.roots if _is_city(unit)), None)
    if city is None:
        return Tree(day=day, units={}, parent_of={})
    kept = [city, *tree.descendants(city)]
    return Tree(
        day=day,
        units={unit.pk: unit for unit in kept},
        parent_of={unit.pk: tree.parent_of[unit.pk] for unit in kept},
    )


def _city_links(first=None, last=None):
    """Closure rows that put a unit under the city (or make it the city) on at least one
    day from `first` to `last` (ends left out are open)."""
    links = UnitAncestry.objects.filter(
        ancestor__code=settings.PORTAL_CITY_CODE, ancestor__kind=UnitKind.CITY
    )
    return links.overlapping(first, last)


def city_units_between(first: datetime.date | None = None, last: datetime.date | None = None):
    """Units that belonged to the city's tree (the city itself included) on at least one
    day from `first` to `last`; at any time when neither is given. A queryset."""
    return Unit.objects.filter(pk__in=_city_links(first, last).values("unit_id"))


def in_city_on(units, day: datetime.date) -> set[int]:
    """The ids of those of `units` that belonged to the city's tree on `day`. One query."""
    return set(
        _city_links(day, day)
        .filter(unit__in=[unit.pk for unit in units])
        .values_list("unit_id", flat=True)
    )


def city_periods(units, first=None, last=None) -> dict[int, list[tuple]]:
    """{unit id: [(from, until), ...]}: when each of `units` belonged to the city's tree
    between `first` and `last` (empty ends are open); units that never did are left out.
    One query."""
    periods = {}
    links = _city_links(first, last).filter(unit__in=[unit.pk for unit in units])
    for unit_id, starts, ends in links.values_list("unit_id", "valid_from", "valid_until"):
        periods.setdefault(unit_id, []).append((starts, ends))
    return periods


def tree_changes_between(first: datetime.date, last: datetime.date) -> list[datetime.date]:
    """`first`, then each later day up to `last` on which the city's tree stood otherwise
    than the day before (a unit of the city began or ended). One query."""
    one_day = datetime.timedelta(days=1)
    bounds = city_units_between(first, last).filter(
        Q(valid_from__range=(first + one_day, last)) | Q(valid_until__range=(first, last - one_day))
    )
    days = {first}
    for starts, ends in bounds.values_list("valid_from", "valid_until"):
        if starts is not None and first < starts <= last:
            days.add(starts)
        if ends is not None and first <= ends < last:
            days.add(ends + one_day)
    return sorted(days)


def descendants_on(unit: Unit, day: datetime.date):
    """Units under `unit` on `day` (not `unit` itself), in one query."""
    return Unit.objects.filter(
        pk__in=UnitAncestry.objects.valid_on(day)
        .filter(ancestor=unit, depth__gt=0)
        .values("unit_id")
    ).valid_on(day)


def ancestors_on(unit: Unit, day: datetime.date):
    """`unit`'s chain upwards on `day`, nearest first."""
    rows = (
        UnitAncestry.objects.valid_on(day)
        .filter(unit=unit, depth__gt=0)
        .select_related("ancestor")
        .order_by("depth")
    )
    return [row.ancestor for row in rows]


def search_units(query: str, *, day: datetime.date | None = None, limit: int = 20):
    """Units whose name contains `query`, diacritics ignored."""
    from common.text import fold

    units = Unit.objects.filter(search_name__contains=fold(query))
    if day is not None:
        units = units.valid_on(day)
    return units[:limit]


# --- roles ------------------------------------------------------------------------------

# A role ending within this many days is announced: to its holder on their front page, to
# the association's staff (who renew roles) in the admin's list of roles.
ROLES_ENDING_WITHIN = datetime.timedelta(days=30)


def ending_soon(membership, today: datetime.date) -> bool:
    """Whether a role in force on `today` ends within ROLES_ENDING_WITHIN."""
    return membership.ends_on is not None and membership.ends_on <= today + ROLES_ENDING_WITHIN


def roles_ending(today: datetime.date):
    """The roles in force on `today` that end within ROLES_ENDING_WITHIN, first ending first."""
    return (
        Membership.objects.active(today)
        .filter(ends_on__lte=today + ROLES_ENDING_WITHIN)
        .order_by("ends_on", "pk")
    )
