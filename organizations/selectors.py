"""Reads of the unit tree."""

import datetime
from dataclasses import dataclass, field

from django.conf import settings

from organizations.models import Unit, UnitAncestry, UnitKind, UnitLevel
from organizations.models.units import valid_on


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
    links = UnitAncestry.objects.filter(valid_on(day), depth=1, unit_id__in=units).values_list(
        "unit_id", "ancestor_id"
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


def descendants_on(unit: Unit, day: datetime.date):
    """Units under `unit` on `day` (not `unit` itself), in one query."""
    return Unit.objects.filter(
        pk__in=UnitAncestry.objects.filter(valid_on(day), ancestor=unit, depth__gt=0).values(
            "unit_id"
        )
    ).valid_on(day)


def ancestors_on(unit: Unit, day: datetime.date):
    """`unit`'s chain upwards on `day`, nearest first."""
    rows = (
        UnitAncestry.objects.filter(valid_on(day), unit=unit, depth__gt=0)
        .select_related("ancestor")
        .order_by("depth")
    )
    return [row.ancestor for row in rows]


def search_units(query: str, *, day: datetime.date | None = None, limit: int = 20):
    """Units whose name contains `query`, diacritics ignored."""
    from organizations.text import fold

    units = Unit.objects.filter(search_name__contains=fold(query))
    if day is not None:
        units = units.valid_on(day)
    return units[:limit]
