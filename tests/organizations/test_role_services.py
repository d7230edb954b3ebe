"""Giving, ending and noting roles, and saving units by hand, through organizations.services:
who may (permissions.may_grant), and the history of who, when and why."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from common.models import HistoryEntry
from organizations import services
from organizations.models import Membership, Role, Unit, UnitAncestry, UnitKind

pytestmark = pytest.mark.django_db


def entries(user, action):
    return HistoryEntry.objects.for_object(user).filter(action=action)


# Giving roles


@pytest.mark.parametrize(
    ("grantor", "person", "role"),
    [
        ("staff", "nobody", Role.TREASURER),  # staff do not handle money
        ("staff", "staff", Role.APPROVER),  # nor give themselves roles
        ("officer_le_chan", "nobody", Role.OFFICER),
        ("treasurer", "nobody", Role.OFFICER),
        ("anonymous", "nobody", Role.OFFICER),
    ],
)
def test_grant_role_refused_writes_nothing(request, units, grantor, person, role):
    by = AnonymousUser() if grantor == "anonymous" else request.getfixturevalue(grantor)
    user = request.getfixturevalue(person)
    held, history = Membership.objects.count(), HistoryEntry.objects.count()
    unit = units.association if role in (Role.TREASURER, Role.STAFF) else units.kien_an

    with pytest.raises(PermissionDenied):
        services.grant_role(user=user, unit=unit, role=role, by=by, note="QĐ 7/QĐ-KH")

    assert (Membership.objects.count(), HistoryEntry.objects.count()) == (held, history)


def test_grant_role_records_who_when_why(staff, nobody, units):
    asked = timezone.now()
    membership = services.grant_role(
        user=nobody,
        unit=units.kien_an,
        role=Role.APPROVER,
        by=staff,
        starts_on=datetime.date(2024, 9, 1),
        note="  Quyết định 15/QĐ-UBND  ",
    )

    assert (membership.granted_by, membership.note) == (staff, "Quyết định 15/QĐ-UBND")
    entry = entries(nobody, "role_granted").get()
    assert (entry.actor, entry.reason) == (staff, membership.note)
    assert asked <= entry.at <= timezone.now()
    assert entry.changes == {
        "role": [None, "approver"],
        "unit": [None, "Quận Kiến An"],
        "starts_on": [None, "2024-09-01"],
    }


def test_grant_role_by_the_portal_itself(nobody, units):
    """A management command or the demo loader (by=None): recorded without a person."""
    services.grant_role(user=nobody, unit=units.association, role=Role.TREASURER)
    assert entries(nobody, "role_granted").get().actor is None


# Ending roles


def test_end_role_refused_leaves_the_role_in_force(staff, treasurer, units):
    membership = treasurer.memberships.get()

    with pytest.raises(PermissionDenied):
        services.end_role(membership, by=staff, reason="Chuyển công tác")

    membership.refresh_from_db()
    assert membership.ends_on is None
    assert not entries(treasurer, "role_ended").exists()


def test_end_role_by_someone_who_may(staff, officer_le_chan, units):
    membership = officer_le_chan.memberships.get()
    services.end_role(
        membership, by=staff, ends_on=datetime.date(2024, 12, 31), reason=" Chuyển công tác "
    )
    entry = entries(officer_le_chan, "role_ended").get()
    assert (entry.actor, entry.reason) == (staff, "Chuyển công tác")
    assert entry.changes["ends_on"] == [None, "2024-12-31"]


# A role's note


def test_change_role_note_records_old_and_new(staff, officer_le_chan):
    membership = officer_le_chan.memberships.get()

    services.change_role_note(membership, note="QĐ 21/QĐ-UBND", by=staff)
    services.change_role_note(membership, note="QĐ 21/QĐ-UBND ", by=staff)  # the same

    membership.refresh_from_db()
    assert membership.note == "QĐ 21/QĐ-UBND"
    entry = entries(officer_le_chan, "role_note_changed").get()
    assert entry.actor == staff
    assert entry.changes["note"] == ["", "QĐ 21/QĐ-UBND"]
    assert entry.changes["role"] == ["officer", "officer"]


def test_change_role_note_refused_for_a_role_one_may_not_give(staff, treasurer):
    membership = treasurer.memberships.get()
    with pytest.raises(PermissionDenied):
        services.change_role_note(membership, note="Sửa", by=staff)
    membership.refresh_from_db()
    assert membership.note == ""
    assert not entries(treasurer, "role_note_changed").exists()


def membership_url(membership):
    return reverse("admin:organizations_membership_change", args=[membership.pk])


def test_admin_note_change_goes_through_the_service(staff_client, staff, officer_le_chan):
    membership = officer_le_chan.memberships.get()

    response = staff_client.post(
        membership_url(membership), {"ends_on": "", "reason": "", "note": "QĐ 21/QĐ-UBND"}
    )

    assert response.status_code == 302
    entry = entries(officer_le_chan, "role_note_changed").get()
    assert (entry.actor, entry.changes["note"]) == (staff, ["", "QĐ 21/QĐ-UBND"])
    account = staff_client.get(
        reverse("admin:organizations_user_change", args=[officer_le_chan.pk])
    ).text
    assert "note on a role changed" in account


def test_admin_note_change_refused_says_why(staff_client, treasurer):
    membership = treasurer.memberships.get()

    response = staff_client.post(
        membership_url(membership), {"ends_on": "", "reason": "", "note": "Sửa"}
    )

    assert response.status_code == 200
    assert "Ask an administrator" in response.text
    membership.refresh_from_db()
    assert membership.note == ""


# Units saved by hand


def test_admin_new_unit_is_saved_with_its_history_and_place_in_the_tree(
    staff_client, staff, units, admin_form_data
):
    add = reverse("admin:organizations_unit_add")
    data = admin_form_data(staff_client.get(add))
    data.update(code="11440", name="Phường Thử Nghiệm", kind=UnitKind.WARD, parent_code="307")
    data.update(valid_from="2024-01-01", valid_until="2025-06-30")

    response = staff_client.post(add, data)

    assert response.status_code == 302, response.context and response.context["errors"]
    unit = Unit.objects.get(code="11440")
    entry = HistoryEntry.objects.for_object(unit).get()
    assert (entry.action, entry.actor) == ("created", staff)
    assert entry.changes["name"] == [None, "Phường Thử Nghiệm"]
    assert UnitAncestry.objects.filter(unit=unit, ancestor=units.kien_an).exists()


def test_save_unit_writes_nothing_when_the_save_fails(staff, units):
    unit = Unit.objects.get(pk=units.bac_son.pk)
    unit.name = "Phường Bắc Sơn (mới)"

    def save():
        unit.save()
        raise RuntimeError("the predecessors could not be saved")

    with pytest.raises(RuntimeError):
        services.save_unit(unit, by=staff, save=save)

    assert Unit.objects.get(pk=unit.pk).name == "Phường Bắc Sơn"
    assert not HistoryEntry.objects.for_object(unit).exists()
