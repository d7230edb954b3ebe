"""Reads of the public register: the recognitions, filtered as a visitor asks; the areas
one can filter by; the communes' yearly counts and the national targets; a unit's
recognitions with those of the units it was formed from.

Each list comes with its related rows fetched up front, so that a page costs the same few
queries whatever the number of rows. Nothing here reads a household's name unless it agreed
to be named in public (DOMAIN.md §5).
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.text import fold
from learning_models.models import HouseholdCount, RecognisedHousehold, Recognition
from learning_models.states import HOUSEHOLD_TITLES, Title
from organizations.models import Unit, UnitAncestry, UnitKind, UnitLevel, UnitPredecessor
from organizations.selectors import city_units_between

# --- the areas a visitor filters by -----------------------------------------------------


@dataclass
class AreaGroup:
    label: str
    units: list


def area_groups() -> list[AreaGroup]:
    """The city; its districts (the district level ended on 30/6/2025), each with the wards
    and communes that were ever under it; then the wards, communes and special zones that
    never were under a district (those formed on 1/7/2025). Two queries."""
    units = list(
        city_units_between()
        .administrative()
        .only("pk", "name", "kind", "code", "search_name", "valid_from", "valid_until")
        .order_by("search_name", "valid_from")
    )
    by_level = {level: [] for level in UnitLevel}
    for unit in units:
        by_level[unit.level].append(unit)
    districts = by_level[UnitLevel.DISTRICT]
    district_ids = {unit.pk for unit in districts}
    parent_of = {}
    for unit_id, ancestor_id in (
        UnitAncestry.objects.filter(
            depth=1, unit__in=[u.pk for u in by_level[UnitLevel.COMMUNE]], ancestor__in=district_ids
        )
        .order_by("valid_from")
        .values_list("unit_id", "ancestor_id")
    ):
        parent_of.setdefault(unit_id, ancestor_id)
    communes_of = {unit.pk: [] for unit in districts}
    loose = []
    for commune in by_level[UnitLevel.COMMUNE]:
        parent = parent_of.get(commune.pk)
        (communes_of.get(parent, loose)).append(commune)
    # The city has a row per period (its area changed on 1/7/2025): one choice stands for all.
    cities = by_level[UnitLevel.PROVINCE]
    city = max(cities, key=lambda u: u.valid_from or datetime.date.min) if cities else None
    groups = [
        AreaGroup(_("City"), [city] if city else []),
        AreaGroup(_("Districts (until 30/6/2025)"), districts),
    ]
    groups += [AreaGroup(d.name, communes_of[d.pk]) for d in districts if communes_of[d.pk]]
    groups.append(AreaGroup(_("Wards, communes and special zones from 1/7/2025"), loose))
    return [group for group in groups if group.units]


def _is_city(unit) -> bool:
    return unit.code == settings.PORTAL_CITY_CODE and unit.kind == UnitKind.CITY


def _ancestor_is(area) -> Q:
    """The closure rows whose ancestor is `area`: every row (period) of the city, or the
    one unit."""
    if _is_city(area):
        return Q(ancestor__code=area.code, ancestor__kind=area.kind)
    return Q(ancestor=area)


def in_area(recognitions, area: Unit):
    """Recognitions of units that lay in `area` (or were it) on the day of the decision,
    following the tree as it stood on that day."""
    return recognitions.filter(
        Exists(
            UnitAncestry.objects.valid_on(OuterRef("decision_date")).filter(
                _ancestor_is(area), unit=OuterRef("unit")
            )
        )
    )


# --- the register -----------------------------------------------------------------------


@dataclass
class RegisterFilters:
    query: str = ""
    title: str = ""
    level: int | None = None
    year: int | None = None
    area: Unit | None = None
    status: str = ""

    @property
    def active(self):
        return any([self.query, self.title, self.level, self.year, self.area, self.status])


def public_recognitions(filters: RegisterFilters | None = None, today=None):
    """The recognitions the register lists, filtered: without a status asked for, those
    valid or expired (a revoked one is listed when asked for; its entry stays public)."""
    filters = filters or RegisterFilters()
    today = today or timezone.localdate()
    rows = Recognition.objects.select_related("unit")
    if filters.status == "revoked":
        rows = rows.filter(revoked_at__isnull=False)
    else:
        rows = rows.filter(revoked_at__isnull=True)
        if filters.status == "valid":
            rows = rows.filter(valid_until__gte=today)
        elif filters.status == "expired":
            rows = rows.filter(valid_until__lt=today)
    if filters.title:
        rows = rows.filter(title=filters.title)
    if filters.level:
        rows = rows.filter(level=filters.level)
    if filters.year:
        rows = rows.filter(year=filters.year)
    if filters.area is not None:
        rows = in_area(rows, filters.area)
    for word in fold(filters.query).split():
        rows = rows.filter(unit__search_name__contains=word)
    return rows.order_by("-decision_date", "unit__search_name", "pk")


def recognition_years() -> list[int]:
    """The assessment years of the recognitions, newest first. One query."""
    return sorted(
        Recognition.objects.order_by().values_list("year", flat=True).distinct(), reverse=True
    )


def count_years() -> list[int]:
    """The years the communes' counts are for, newest first. One query."""
    return sorted(
        HouseholdCount.objects.order_by().values_list("year", flat=True).distinct(), reverse=True
    )


# --- yearly counts and the national targets ---------------------------------------------


@dataclass
class Cell:
    """One title's count in a commune (or summed over communes)."""

    registered: int = 0
    recognised: int = 0
    reported: bool = False
    # Summed over the communes that gave their total only, for the share.
    total: int | None = None
    recognised_of_total: int = 0

    def add(self, count):
        self.reported = True
        self.registered += count.registered
        self.recognised += count.recognised
        if count.total is not None:
            self.total = (self.total or 0) + count.total
            self.recognised_of_total += count.recognised

    def merge(self, other):
        self.reported = self.reported or other.reported
        self.registered += other.registered
        self.recognised += other.recognised
        if other.total is not None:
            self.total = (self.total or 0) + other.total
            self.recognised_of_total += other.recognised_of_total

    @property
    def share(self) -> Decimal | None:
        """The recognised share of the total, in per cent (one decimal), where known."""
        if not self.total:
            return None
        return (Decimal(self.recognised_of_total) * 100 / self.total).quantize(Decimal("0.1"))


@dataclass
class CountRow:
    unit: Unit | None
    label: str
    cells: dict = field(default_factory=lambda: {t.value: Cell() for t in HOUSEHOLD_TITLES})
    is_total: bool = False

    def add(self, count):
        self.cells[count.title].add(count)

    def merge(self, row):
        for title, cell in row.cells.items():
            self.cells[title].merge(cell)

    @property
    def cell_list(self):
        return [self.cells[t.value] for t in HOUSEHOLD_TITLES]


@dataclass
class DistrictBlock:
    district: Unit | None
    communes: list
    total: CountRow


@dataclass
class Target:
    title: Title
    percent: int
    decision: str
    share: Decimal | None
    recognised: int
    total: int | None

    @property
    def met(self):
        return self.share is not None and self.share >= self.percent

    @property
    def gap(self):
        return None if self.share is None else self.percent - self.share


# Quyết định 387/QĐ-TTg (2022) and 677/QĐ-TTg (2022): the shares to reach by 2025.
TARGETS_2025 = [
    (Title.FAMILY, 70, "387/QĐ-TTg"),
    (Title.CLAN, 65, "387/QĐ-TTg"),
    (Title.VILLAGE, 65, "387/QĐ-TTg"),
    (Title.LEARNING_UNIT, 80, "387/QĐ-TTg"),
    (Title.CITIZEN, 40, "677/QĐ-TTg"),
]


@dataclass
class CountTable:
    year: int
    blocks: list
    city: CountRow
    targets: list

    @property
    def empty(self):
        return not any(block.communes for block in self.blocks)


def _under(area, day) -> Q:
    return Q(
        Exists(
            UnitAncestry.objects.valid_on(day).filter(_ancestor_is(area), unit=OuterRef("commune"))
        )
    )


def count_table(year: int, area: Unit | None = None) -> CountTable:
    """The communes' counts for `year`, each district's total following the tree of 31/12
    of that year, the city's total and the targets. Two queries."""
    day = datetime.date(year, 12, 31)
    counts = HouseholdCount.objects.filter(year=year).select_related("commune")
    if area is not None:
        counts = counts.filter(_under(area, day))
    counts = list(counts.order_by("commune__search_name", "commune_id"))
    commune_ids = {count.commune_id for count in counts}
    district_of = {}
    for link in (
        UnitAncestry.objects.valid_on(day)
        .filter(
            depth=1,
            unit__in=commune_ids,
            ancestor__kind__in=UnitKind.of_level(UnitLevel.DISTRICT),
        )
        .select_related("ancestor")
    ):
        district_of[link.unit_id] = link.ancestor
    rows = {}
    for count in counts:
        row = rows.get(count.commune_id)
        if row is None:
            row = rows[count.commune_id] = CountRow(unit=count.commune, label=count.commune.name)
        row.add(count)
    blocks = {}
    for commune_id, row in rows.items():
        district = district_of.get(commune_id)
        key = district.pk if district else None
        if key not in blocks:
            label = district.name if district else _("Not under a district")
            blocks[key] = DistrictBlock(
                district=district, communes=[], total=CountRow(None, label, is_total=True)
            )
        blocks[key].communes.append(row)
        blocks[key].total.merge(row)
    ordered = sorted(
        blocks.values(),
        key=lambda b: (b.district is None, b.district.search_name if b.district else ""),
    )
    city = CountRow(None, str(_("Whole city")) if area is None else area.name, is_total=True)
    for block in ordered:
        city.merge(block.total)
    targets = []
    for title, percent, decision in TARGETS_2025:
        cell = city.cells.get(title.value)
        targets.append(
            Target(
                title=title,
                percent=percent,
                decision=decision,
                share=cell.share if cell else None,
                recognised=cell.recognised_of_total if cell else 0,
                total=cell.total if cell else None,
            )
        )
    return CountTable(year=year, blocks=ordered, city=city, targets=targets)


# --- a unit's recognitions, and its predecessors' ---------------------------------------


@dataclass
class Forebear:
    """A unit the given one was formed from (directly or through earlier mergers), and the
    day from which it no longer stood on its own."""

    unit: Unit
    before: datetime.date | None
    recognitions: list = field(default_factory=list)


# Mergers are followed this many steps back (2025 → 2019 → earlier).
HISTORY_DEPTH = 4


def forebears(unit: Unit) -> list[Forebear]:
    """The units `unit` was formed from, and theirs, with their recognitions. One query a
    step back, and one for the recognitions."""
    found, seen, frontier = [], {unit.pk}, [unit]
    for _step in range(HISTORY_DEPTH):
        if not frontier:
            break
        links = (
            UnitPredecessor.objects.filter(unit__in=[u.pk for u in frontier])
            .select_related("predecessor", "unit")
            .order_by("predecessor__search_name")
        )
        frontier = []
        for link in links:
            if link.predecessor_id in seen:
                continue
            seen.add(link.predecessor_id)
            found.append(Forebear(unit=link.predecessor, before=link.unit.valid_from))
            frontier.append(link.predecessor)
    if found:
        by_unit = {f.unit.pk: f for f in found}
        for recognition in Recognition.objects.filter(unit__in=by_unit).order_by(
            "-decision_date", "pk"
        ):
            by_unit[recognition.unit_id].recognitions.append(recognition)
    return found


def successors(unit: Unit) -> list[Unit]:
    """The units `unit` became part of (a merger). One query."""
    return [
        link.unit
        for link in UnitPredecessor.objects.filter(predecessor=unit)
        .select_related("unit")
        .order_by("unit__valid_from", "unit__search_name")
    ]


def unit_recognitions(unit: Unit) -> list[Recognition]:
    return list(Recognition.objects.filter(unit=unit).order_by("-decision_date", "pk"))


def has_public_view(unit: Unit) -> bool:
    """Whether the register shows a page for the unit: one of the city's units at some
    time (a body of the city included), or one that has a recognition."""
    return (
        city_units_between().filter(pk=unit.pk).exists()
        or Recognition.objects.filter(unit=unit).exists()
    )


# --- households (names only with consent) -----------------------------------------------


@dataclass
class HouseholdTitle:
    title: Title
    count: HouseholdCount | None
    named: list
    not_named: int


def households_of(commune: Unit, year: int) -> list[HouseholdTitle]:
    """Per title: the commune's yearly count, the households that agreed to be named in
    public (name, place, decision) and how many others there are. Three queries; the name
    of a household without consent is never read."""
    counts = {c.title: c for c in HouseholdCount.objects.filter(commune=commune, year=year)}
    named = {}
    for row in (
        RecognisedHousehold.objects.filter(commune=commune, year=year, public_consent=True)
        .only("title", "name", "place", "decision_number")
        .order_by("title", "name", "pk")
    ):
        named.setdefault(row.title, []).append(row)
    others = dict(
        RecognisedHousehold.objects.filter(commune=commune, year=year, public_consent=False)
        .order_by()
        .values_list("title")
        .annotate(n=Count("pk"))
        .values_list("title", "n")
    )
    return [
        HouseholdTitle(
            title=t,
            count=counts.get(t.value),
            named=named.get(t.value, []),
            not_named=others.get(t.value, 0),
        )
        for t in HOUSEHOLD_TITLES
    ]


def household_years(commune: Unit) -> list[int]:
    """The years a commune has counts or recognised households for. Two queries."""
    years = set(
        HouseholdCount.objects.filter(commune=commune)
        .order_by()
        .values_list("year", flat=True)
        .distinct()
    )
    years |= set(
        RecognisedHousehold.objects.filter(commune=commune)
        .order_by()
        .values_list("year", flat=True)
        .distinct()
    )
    return sorted(years, reverse=True)
