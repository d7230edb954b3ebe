"""Validity in time (common/periods.py): the value, the database filters, and that the
two say the same thing for every pair of a small set of periods, open ends included."""

import datetime
import itertools

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from common.formatting import format_period
from common.periods import Period
from organizations import permissions
from organizations.models import Membership, Role, Unit, UnitAncestry, UnitKind
from tests.actions import Action

D = datetime.date
JAN, MAR, JUN, SEP, DEC = (
    D(2024, 1, 10),
    D(2024, 3, 1),
    D(2024, 6, 30),
    D(2024, 9, 15),
    D(2025, 1, 1),
)
DAYS = [D(2023, 12, 31), JAN, D(2024, 2, 1), MAR, JUN, D(2024, 7, 1), SEP, DEC, D(2025, 6, 1)]
BOUNDS = [None, JAN, MAR, JUN, SEP, DEC]
# Every period with ends from BOUNDS (None: open) that does not end before it starts.
PERIODS = [
    Period(start, end)
    for start, end in itertools.product(BOUNDS, BOUNDS)
    if start is None or end is None or start <= end
]


def test_period_contains_its_ends_and_nothing_outside():
    summer = Period(MAR, JUN)
    assert summer.contains(MAR)
    assert summer.contains(JUN)
    assert summer.contains(D(2024, 4, 1))
    assert not summer.contains(MAR - datetime.timedelta(days=1))
    assert not summer.contains(JUN + datetime.timedelta(days=1))


def test_period_open_ends_reach_every_day():
    assert Period().contains(D(1900, 1, 1))
    assert Period().contains(D(2100, 1, 1))
    assert Period(None, JUN).contains(D(1900, 1, 1))
    assert not Period(None, JUN).contains(DEC)
    assert Period(MAR, None).contains(D(2100, 1, 1))
    assert not Period(MAR, None).contains(JAN)


def test_period_refuses_to_end_before_it_starts():
    with pytest.raises(ValueError, match="before it starts"):
        Period(JUN, MAR)


def test_periods_sharing_one_day_overlap():
    assert Period(MAR, JUN).overlaps(Period(JUN, DEC))
    assert not Period(MAR, JUN).overlaps(Period(D(2024, 7, 1), DEC))
    assert Period(None, MAR).overlaps(Period(MAR, None))
    assert not Period(None, JAN).overlaps(Period(MAR, None))


@pytest.mark.parametrize("a", PERIODS, ids=str)
def test_overlaps_means_a_common_day_and_is_symmetric(a):
    for b in PERIODS:
        common = any(a.contains(day) and b.contains(day) for day in DAYS)
        assert a.overlaps(b) == common == b.overlaps(a), (a, b)
        joint = a.intersection(b)
        assert (joint is not None) == a.overlaps(b)
        if joint is not None:
            assert all(joint.contains(day) == (a.contains(day) and b.contains(day)) for day in DAYS)


@translation.override("en")
def test_format_period_takes_a_period_or_two_days():
    assert (
        format_period(Period(MAR, JUN))
        == format_period(MAR, JUN)
        == "from 01/03/2024 to 30/06/2024"
    )
    assert format_period(Period(MAR, None)) == "since 01/03/2024"
    assert format_period(Period(None, JUN)) == "until 30/06/2024"
    assert format_period(Period()) == ""


@pytest.fixture
def grid_units(db):
    """One unit for each period of PERIODS."""
    return [
        Unit.objects.create(
            code=f"G{number}",
            name=f"Xã Lưới {number}",
            kind=UnitKind.COMMUNE,
            valid_from=period.start,
            valid_until=period.end,
        )
        for number, period in enumerate(PERIODS)
    ]


def test_valid_on_in_the_database_is_contains_in_python(grid_units):
    for day in DAYS:
        found = set(Unit.objects.filter(code__startswith="G").valid_on(day))
        assert found == {unit for unit in grid_units if unit.period.contains(day)}, day
        assert all(unit.is_valid_on(day) == (unit in found) for unit in grid_units)


def test_overlapping_in_the_database_is_overlaps_in_python(grid_units):
    for asked in PERIODS:
        found = set(Unit.objects.filter(code__startswith="G").overlapping(asked.start, asked.end))
        expected = {unit for unit in grid_units if unit.period.overlaps(asked)}
        assert found == expected, asked


def test_overlapping_on_other_field_names_and_a_required_start(db, make_person, make_unit):
    """Roles in units are valid from starts_on (always given) until ends_on (open if empty)."""
    unit = make_unit("G0", "Xã Lưới", UnitKind.COMMUNE)
    person = make_person("grid_person")
    periods = [period for period in PERIODS if period.start is not None]
    roles = [
        Membership.objects.create(
            user=person, unit=unit, role=Role.OFFICER, starts_on=period.start, ends_on=period.end
        )
        for period in periods
        if period.end is not None  # one open role per unit and role only
    ]
    roles.append(
        Membership.objects.create(user=person, unit=unit, role=Role.APPROVER, starts_on=MAR)
    )
    for asked in PERIODS:
        found = set(Membership.objects.filter(user=person).overlapping(asked.start, asked.end))
        assert found == {role for role in roles if role.period.overlaps(asked)}, asked
    for day in DAYS:
        assert set(Membership.objects.filter(user=person).active(day)) == {
            role for role in roles if role.is_valid_on(day)
        }


@translation.override("en")
def test_unit_period_check_keeps_its_name_and_message(db):
    with pytest.raises(IntegrityError, match="unit_period_in_order"), transaction.atomic():
        Unit.objects.create(
            code="G1", name="Xã Ngược", kind=UnitKind.COMMUNE, valid_from=JUN, valid_until=MAR
        )
    unit = Unit(code="G1", name="Xã Ngược", kind=UnitKind.COMMUNE, valid_from=JUN, valid_until=MAR)
    with pytest.raises(ValidationError) as refused:
        unit.full_clean()
    assert refused.value.messages == ["The end of validity is before its start."]


def test_ancestry_rows_answer_valid_on(moved_ward, units):
    ward = moved_ward.after
    parents = UnitAncestry.objects.valid_on(moved_ward.day_after).filter(unit=ward, depth=1)
    assert [row.ancestor for row in parents] == [units.kien_an]
    assert not UnitAncestry.objects.valid_on(moved_ward.day_before).filter(unit=ward).exists()


@pytest.mark.parametrize("role", ["officer_le_chan", "officer_kien_an"])
def test_unit_filter_on_a_day_agrees_with_can_on_that_day(request, role, moved_ward, units):
    user = request.getfixturevalue(role)
    action = Action.EDIT_UNIT_WORK
    every_unit = list(Unit.objects.all())
    for day in (moved_ward.day_before, moved_ward.day_after):
        listed = set(Unit.objects.filter(permissions.unit_filter(user, action, "pk", on=day)))
        for unit in every_unit:
            if unit.is_valid_on(day):
                assert (unit in listed) == permissions.can(user, action, unit, on=day), (unit, day)
