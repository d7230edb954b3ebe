"""Who holds an action on a unit on a day (permissions.holders), and the lists of units a
person may act on (unit_filter, units_for) agreeing with `can` on every day."""

import datetime

import pytest

from organizations import permissions
from organizations.models import Role, Unit
from organizations.services import end_role
from tests.actions import Action

pytestmark = pytest.mark.django_db

PERSONAS = (
    "officer_le_chan",
    "approver_le_chan",
    "officer_kien_an",
    "officer_department",
    "staff",
    "treasurer",
    "reviewer",
    "superuser",
    "nobody",
)
# A day of the 2024 month, a day after the Lãm Hà move, and one after the districts ended.
DAYS = (datetime.date(2024, 9, 15), datetime.date(2025, 3, 1), datetime.date(2025, 8, 1))


@pytest.fixture
def everyone(request, moved_ward):
    return {name: request.getfixturevalue(name) for name in PERSONAS}


def names(users):
    return {user.username for user in users}


def test_holders_of_a_ward_are_its_districts_people_and_the_association(everyone, units):
    day = units.campaign_day

    assert names(permissions.holders(Action.EDIT_UNIT_WORK, units.an_bien, on=day)) == {
        "officer_le_chan",
        "approver_le_chan",
        "staff",
    }
    assert names(permissions.holders(Action.SIGN_OFF, units.an_bien, on=day)) == {
        "approver_le_chan",
        "staff",
    }
    assert names(permissions.holders(Action.EDIT_UNIT_WORK, units.bac_son, on=day)) == {
        "officer_kien_an",
        "staff",
    }
    assert names(permissions.holders(Action.VIEW_UNIT, units.department, on=day)) == {
        "officer_department",
        "staff",
        "treasurer",
        "reviewer",
    }
    # Nobody below reaches up: the city's work is the association's.
    assert names(permissions.holders(Action.EDIT_UNIT_WORK, units.city, on=day)) == {"staff"}
    assert names(permissions.holders(Action.HANDLE_MONEY, units.nam_son, on=day)) == {"treasurer"}
    assert names(permissions.holders(Action.REVIEW, units.le_chan, on=day)) == {
        "staff",
        "reviewer",
    }


def test_holders_follow_the_tree_as_it_stood_on_the_day(everyone, moved_ward):
    before, after = moved_ward.before, moved_ward.after
    edit = Action.EDIT_UNIT_WORK

    assert names(permissions.holders(edit, before, on=moved_ward.day_before)) == {
        "officer_le_chan",
        "approver_le_chan",
        "staff",
    }
    assert names(permissions.holders(edit, after, on=moved_ward.day_after)) == {
        "officer_kien_an",
        "staff",
    }
    # The row of 2024 on a day of 2025: it lay under no district any more.
    assert names(permissions.holders(edit, before, on=moved_ward.day_after)) == {"staff"}


def test_holders_leave_out_ended_future_and_inactive_roles(
    everyone, make_person, units, django_assert_num_queries
):
    day = units.campaign_day
    ended = make_person("ended_officer", Role.OFFICER, units.le_chan)
    end_role(ended.memberships.get(), ends_on=datetime.date(2024, 8, 31), reason="Nghỉ hưu")
    make_person("future_officer", Role.OFFICER, units.le_chan, starts_on=datetime.date(2024, 10, 1))
    make_person("inactive_officer", Role.OFFICER, units.le_chan, is_active=False)
    make_person("second_role", Role.APPROVER, units.an_bien)
    everyone["officer_le_chan"].memberships.update(unit=units.an_bien)  # a ward's officer now

    with django_assert_num_queries(1):
        found = names(permissions.holders(Action.EDIT_UNIT_WORK, units.du_hang_kenh, on=day))

    assert found == {"approver_le_chan", "staff"}
    assert names(permissions.holders(Action.EDIT_UNIT_WORK, units.an_bien, on=day)) == {
        "officer_le_chan",
        "approver_le_chan",
        "second_role",
        "staff",
    }
    assert "future_officer" in names(
        permissions.holders(Action.EDIT_UNIT_WORK, units.le_chan, on=datetime.date(2024, 10, 1))
    )
    assert "ended_officer" in names(
        permissions.holders(Action.EDIT_UNIT_WORK, units.le_chan, on=datetime.date(2024, 8, 31))
    )


def test_holders_without_a_day_are_todays(everyone, make_person, units):
    make_person("retired", Role.OFFICER, units.kien_an, starts_on=datetime.date(2023, 1, 1))
    end_role(
        Unit.objects.get(pk=units.kien_an.pk).memberships.get(user__username="retired"),
        ends_on=datetime.date(2024, 12, 31),
        reason="Nghỉ hưu",
    )
    today = names(permissions.holders(Action.VIEW_UNIT, units.kien_an))
    assert "retired" not in today
    assert "officer_kien_an" in today


@pytest.mark.parametrize("action", ["VIEW_UNIT", "EDIT_UNIT_WORK", "SIGN_OFF", "HANDLE_MONEY"])
def test_holders_are_who_can_on_every_unit_and_day(everyone, action):
    """Every persona with a role, every unit, every day: holding it is being able to."""
    action = getattr(Action, action)
    for unit in Unit.objects.all():
        for day in DAYS:
            held = set(permissions.holders(action, unit, on=day))
            for user in everyone.values():
                if user.is_superuser:
                    assert user not in held  # may do everything, holds nothing
                    continue
                able = permissions.can(user, action, unit, on=day)
                assert (user in held) is able, (action, unit, day, user.username)


@pytest.mark.parametrize("action", ["VIEW_UNIT", "EDIT_UNIT_WORK", "SIGN_OFF"])
def test_units_for_on_a_day_says_what_can_says(everyone, action):
    """unit_filter(on=day) and can(on=day) answer alike for every persona, unit and day,
    the days after a unit ended included (its own officers still reach it, as `can` says)."""
    action = getattr(Action, action)
    every_unit = list(Unit.objects.all())
    for user in everyone.values():
        for day in (*DAYS, None):
            listed = set(permissions.units_for(user, action, on=day))
            able = {unit for unit in every_unit if permissions.can(user, action, unit, on=day)}
            assert listed == able, (action, user.username, day)
