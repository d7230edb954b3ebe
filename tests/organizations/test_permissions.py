"""Who may do what on which unit: organizations.permissions, asked with the personas."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from organizations import permissions
from organizations.models import Membership, Role, Unit
from organizations.permission_registry import all_actions
from organizations.services import end_role, grant_role, rebuild_ancestry
from tests.actions import Action

pytestmark = pytest.mark.django_db

ALL_ACTIONS = set(all_actions())


def _le_chan_side(units):
    return [units.le_chan, units.an_bien, units.du_hang_kenh]


def _kien_an_side(units):
    return [units.kien_an, units.bac_son, units.nam_son]


def test_can_officer_acts_on_own_district_and_its_wards(officer_le_chan, units):
    for unit in _le_chan_side(units):
        assert permissions.can(officer_le_chan, Action.VIEW_UNIT, unit), unit
        assert permissions.can(officer_le_chan, Action.EDIT_UNIT_WORK, unit), unit
        permissions.require(officer_le_chan, Action.EDIT_UNIT_WORK, unit)


def test_can_officer_refused_on_another_district_and_its_wards(officer_le_chan, units):
    for unit in _kien_an_side(units):
        assert not permissions.can(officer_le_chan, Action.VIEW_UNIT, unit), unit
        assert not permissions.can(officer_le_chan, Action.EDIT_UNIT_WORK, unit), unit


def test_can_officer_refused_above_and_beside_own_district(officer_le_chan, units):
    for unit in [units.city, units.department, units.association]:
        assert not permissions.can(officer_le_chan, Action.VIEW_UNIT, unit), unit


def test_require_officer_on_another_district_raises_permission_denied(officer_le_chan, units):
    with pytest.raises(PermissionDenied):
        permissions.require(officer_le_chan, Action.EDIT_UNIT_WORK, units.kien_an)
    with pytest.raises(PermissionDenied):
        permissions.require(officer_le_chan, Action.VIEW_UNIT, units.bac_son)


def test_can_officer_may_not_sign_off_or_use_admin(officer_le_chan, units):
    assert not permissions.can(officer_le_chan, Action.SIGN_OFF, units.le_chan)
    assert not permissions.can(officer_le_chan, Action.USE_ADMIN)
    assert not permissions.can(officer_le_chan, Action.MANAGE_CAMPAIGNS, units.le_chan)
    assert not permissions.can(officer_le_chan, Action.HANDLE_MONEY, units.le_chan)


def test_can_approver_signs_off_own_district_only(approver_le_chan, units):
    for unit in _le_chan_side(units):
        assert permissions.can(approver_le_chan, Action.SIGN_OFF, unit), unit
        assert permissions.can(approver_le_chan, Action.EDIT_UNIT_WORK, unit), unit
    for unit in _kien_an_side(units):
        assert not permissions.can(approver_le_chan, Action.SIGN_OFF, unit), unit
        assert not permissions.can(approver_le_chan, Action.VIEW_UNIT, unit), unit
    assert not permissions.can(approver_le_chan, Action.USE_ADMIN)


def test_can_department_officer_reaches_the_department_only(officer_department, units):
    assert permissions.can(officer_department, Action.EDIT_UNIT_WORK, units.department)
    for unit in [units.city, units.le_chan, units.bac_son, units.association]:
        assert not permissions.can(officer_department, Action.VIEW_UNIT, unit), unit


def test_unit_filter_list_of_units_keeps_own_district(officer_le_chan, units):
    listed = Unit.objects.filter(permissions.unit_filter(officer_le_chan, Action.VIEW_UNIT, "pk"))
    assert set(listed) == set(_le_chan_side(units))
    assert set(permissions.units_for(officer_le_chan, Action.EDIT_UNIT_WORK)) == set(
        _le_chan_side(units)
    )


def test_unit_filter_list_of_related_rows_hides_another_district(
    officer_le_chan, approver_le_chan, officer_kien_an, make_person, units
):
    # A list of records that point at units (here: roles), filtered in the database.
    make_person("ward_officer", Role.OFFICER, units.bac_son)
    make_person("ward_officer_le_chan", Role.OFFICER, units.an_bien)
    rows = Membership.objects.filter(permissions.unit_filter(officer_le_chan, Action.VIEW_UNIT))
    assert {m.user.username for m in rows} == {
        "officer_le_chan",
        "approver_le_chan",
        "ward_officer_le_chan",
    }
    assert not rows.filter(unit__in=_kien_an_side(units)).exists()


def test_unit_filter_is_one_query_whatever_the_length(
    officer_le_chan, units, django_assert_num_queries
):
    permissions.memberships(officer_le_chan)  # the roles are read once per request
    with django_assert_num_queries(1):
        list(Unit.objects.filter(permissions.unit_filter(officer_le_chan, Action.VIEW_UNIT, "pk")))


def test_can_staff_acts_on_every_unit_but_handles_no_money(staff, units):
    everywhere = [*_le_chan_side(units), *_kien_an_side(units), units.city, units.department]
    for unit in everywhere:
        for action in ALL_ACTIONS - {Action.HANDLE_MONEY}:
            assert permissions.can(staff, action, unit), (action, unit)
        assert not permissions.can(staff, Action.HANDLE_MONEY, unit), unit
    assert set(permissions.units_for(staff, Action.VIEW_UNIT)) == set(Unit.objects.all())


@pytest.mark.parametrize(
    ("persona", "allowed"),
    [
        ("treasurer", {Action.VIEW_UNIT, Action.HANDLE_MONEY, Action.USE_ADMIN}),
        ("reviewer", {Action.VIEW_UNIT, Action.REVIEW, Action.USE_ADMIN}),
    ],
)
def test_can_association_roles_only_their_own_actions(persona, allowed, request, units):
    user = request.getfixturevalue(persona)
    for unit in [units.kien_an, units.an_bien, units.department]:
        for action in ALL_ACTIONS:
            assert permissions.can(user, action, unit) == (action in allowed), (action, unit)


def test_can_superuser_does_everything_without_a_role(superuser, units):
    assert not superuser.memberships.exists()
    for action in ALL_ACTIONS:
        assert permissions.can(superuser, action, units.nam_son), action
        assert permissions.can(superuser, action), action
    assert set(permissions.units_for(superuser, Action.HANDLE_MONEY)) == set(Unit.objects.all())


def test_can_nobody_anonymous_and_inactive_get_nothing(nobody, officer_le_chan, units):
    officer_le_chan.is_active = False
    for user in [nobody, AnonymousUser(), officer_le_chan]:
        for action in ALL_ACTIONS:
            assert not permissions.can(user, action, units.le_chan), (user, action)
            assert not permissions.can(user, action), (user, action)
        assert not permissions.units_for(user, Action.VIEW_UNIT).exists()


def test_can_ended_membership_grants_nothing(officer_le_chan, staff, units):
    membership = officer_le_chan.memberships.get()
    end_role(membership, by=staff, reason="Chuyển công tác")
    assert not permissions.can(officer_le_chan, Action.VIEW_UNIT, units.le_chan)
    assert not permissions.units_for(officer_le_chan, Action.VIEW_UNIT).exists()
    membership.refresh_from_db()
    assert membership.ends_on < timezone.localdate()  # kept, with its period
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_can_role_ended_in_the_past_grants_nothing(make_person, units):
    person = make_person("former_officer", Role.OFFICER, units.kien_an)
    person.memberships.update(ends_on=datetime.date(2024, 12, 31))
    assert not permissions.can(person, Action.VIEW_UNIT, units.kien_an)


def test_can_role_starting_later_grants_nothing_yet(make_person, units):
    starts = timezone.localdate() + datetime.timedelta(days=10)
    person = make_person("future_officer", Role.OFFICER, units.kien_an, starts_on=starts)
    assert not permissions.can(person, Action.VIEW_UNIT, units.kien_an)


def test_can_new_role_takes_effect_at_once(officer_le_chan, staff, units):
    assert not permissions.can(officer_le_chan, Action.VIEW_UNIT, units.kien_an)
    grant_role(user=officer_le_chan, unit=units.kien_an, role=Role.OFFICER, by=staff)
    assert permissions.can(officer_le_chan, Action.VIEW_UNIT, units.kien_an)


def test_can_follow_the_tree_as_it_stood_on_the_day(officer_le_chan, officer_kien_an, moved_ward):
    before, after = moved_ward.before, moved_ward.after
    # Before the move the ward was Lê Chân's ...
    assert permissions.can(officer_le_chan, Action.EDIT_UNIT_WORK, before, on=moved_ward.day_before)
    assert not permissions.can(
        officer_kien_an, Action.EDIT_UNIT_WORK, before, on=moved_ward.day_before
    )
    # ... after it, Kiến An's.
    assert not permissions.can(
        officer_le_chan, Action.EDIT_UNIT_WORK, after, on=moved_ward.day_after
    )
    assert not permissions.can(
        officer_le_chan, Action.EDIT_UNIT_WORK, before, on=moved_ward.day_after
    )
    assert permissions.can(officer_kien_an, Action.EDIT_UNIT_WORK, after, on=moved_ward.day_after)


def test_can_same_row_changing_parent_follows_the_day(make_unit, make_person, units):
    # A commune whose parent code stays 311 while the unit with that code changes: Huyện
    # Thuỷ Nguyên until 31/12/2024, Thành phố Thuỷ Nguyên from 1/1/2025.
    old = make_unit(
        "311", "Huyện Thuỷ Nguyên", "huyen", units.city, valid_until=datetime.date(2024, 12, 31)
    )
    new = make_unit(
        "311",
        "Thành phố Thuỷ Nguyên",
        "thanh_pho_thuoc_tp",
        units.city,
        valid_from=datetime.date(2025, 1, 1),
        valid_until=datetime.date(2025, 6, 30),
    )
    commune = make_unit("11500", "Xã Thử Nghiệm", "xa", "311", valid_until=new.valid_until)
    rebuild_ancestry()
    old_officer = make_person("old_officer", Role.OFFICER, old)
    new_officer = make_person("new_officer", Role.OFFICER, new)
    in_2024, in_2025 = datetime.date(2024, 9, 15), datetime.date(2025, 3, 1)
    assert permissions.can(old_officer, Action.VIEW_UNIT, commune, on=in_2024)
    assert not permissions.can(old_officer, Action.VIEW_UNIT, commune, on=in_2025)
    assert permissions.can(new_officer, Action.VIEW_UNIT, commune, on=in_2025)
    assert not permissions.can(new_officer, Action.VIEW_UNIT, commune, on=in_2024)
    # Without a day: its officers at any time.
    assert permissions.can(old_officer, Action.VIEW_UNIT, commune)
    assert permissions.can(new_officer, Action.VIEW_UNIT, commune)


@pytest.mark.parametrize(
    ("grantor", "role", "allowed"),
    [
        ("staff", Role.OFFICER, True),
        ("staff", Role.APPROVER, True),
        ("staff", Role.STAFF, True),
        ("staff", Role.REVIEWER, True),
        ("staff", Role.TREASURER, False),  # staff do not handle money
        ("superuser", Role.TREASURER, True),
        ("treasurer", Role.OFFICER, False),
        ("officer_le_chan", Role.OFFICER, False),
    ],
)
def test_may_grant_nobody_hands_out_more_than_they_hold(
    grantor, role, allowed, request, officer_kien_an
):
    user = request.getfixturevalue(grantor)
    assert permissions.may_grant(user, role, to=officer_kien_an) is allowed


def test_may_grant_staff_not_to_themselves(staff, superuser):
    assert not permissions.may_grant(staff, Role.OFFICER, to=staff)
    assert permissions.may_grant(superuser, Role.OFFICER, to=superuser)


def test_may_manage_account_not_beyond_own_powers(
    staff, treasurer, officer_le_chan, superuser, make_person, units
):
    other_staff = make_person("other_staff", Role.STAFF, units.association)
    assert permissions.may_manage_account(staff, officer_le_chan)
    assert permissions.may_manage_account(staff, other_staff)
    assert permissions.may_manage_account(staff, staff)
    # The treasurer can handle money and staff cannot: setting the treasurer's password
    # would be a way into the fund.
    assert not permissions.may_manage_account(staff, treasurer)
    assert not permissions.may_manage_account(staff, superuser)
    assert not permissions.may_manage_account(treasurer, officer_le_chan)
    assert permissions.may_manage_account(superuser, treasurer)


@pytest.mark.parametrize(
    ("persona", "citywide"),
    [
        ("staff", True),
        ("treasurer", True),
        ("reviewer", True),
        ("superuser", True),
        ("officer_le_chan", False),
        ("approver_le_chan", False),
        ("nobody", False),
    ],
)
def test_is_citywide_for_the_association_only(request, persona, citywide):
    assert permissions.is_citywide(request.getfixturevalue(persona)) is citywide
    assert not permissions.is_citywide(AnonymousUser())


def test_units_for_on_a_day_follows_the_tree_as_it_stood(officer_le_chan, moved_ward, units):
    before = moved_ward.before
    own = {units.le_chan, units.an_bien, units.du_hang_kenh}
    action = Action.EDIT_UNIT_WORK

    any_time = set(permissions.units_for(officer_le_chan, action))
    in_2024 = permissions.units_for(officer_le_chan, action, on=moved_ward.day_before)
    in_2025 = permissions.units_for(officer_le_chan, action, on=moved_ward.day_after)

    assert any_time == own | {before}
    assert set(in_2024) == own | {before}
    assert set(in_2025) == own  # Phường Lãm Hà lies under Kiến An from 1/1/2025
