"""Who gets into the admin, and what the admin lets each role do with units, people and roles."""

import datetime

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse
from django.utils import timezone

from common.models import HistoryEntry
from organizations import permissions
from organizations.models import Membership, Role, Unit, User
from tests.actions import Action

pytestmark = pytest.mark.django_db

ADMIN = reverse("admin:index")


def change_url(obj):
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


def yesterday():
    return timezone.localdate() - datetime.timedelta(days=1)


# Entering the admin


def test_admin_anonymous_is_sent_to_the_portal_login(anonymous_client):
    response = anonymous_client.get(ADMIN)
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:login") + "?next=" + ADMIN


def test_admin_anonymous_deep_link_keeps_its_address(anonymous_client, units):
    url = reverse("admin:organizations_unit_changelist")
    response = anonymous_client.get(url)
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:login") + "?next=" + url


@pytest.mark.parametrize(
    "persona", ["officer_le_chan_client", "approver_le_chan_client", "nobody_client"]
)
def test_admin_people_without_admin_role_get_403(persona, request, units):
    client = request.getfixturevalue(persona)
    assert client.get(ADMIN).status_code == 403
    assert client.get(reverse("admin:organizations_unit_changelist")).status_code == 403
    assert client.get(change_url(units.le_chan)).status_code == 403


@pytest.mark.parametrize(
    "persona", ["staff_client", "treasurer_client", "reviewer_client", "superuser_client"]
)
def test_admin_association_roles_get_in(persona, request):
    assert request.getfixturevalue(persona).get(ADMIN).status_code == 200


def test_admin_ended_staff_role_closes_the_admin(staff, client_for):
    staff.memberships.update(ends_on=yesterday())
    assert client_for(staff).get(ADMIN).status_code == 403


# Units


def test_admin_staff_opens_and_changes_a_unit(staff_client, units, admin_form_data):
    assert staff_client.get(reverse("admin:organizations_unit_changelist")).status_code == 200
    page = staff_client.get(change_url(units.kien_an))
    assert page.status_code == 200
    data = admin_form_data(page)
    data["source"] = "Nghị quyết 1232/NQ-UBTVQH15"
    response = staff_client.post(change_url(units.kien_an), data)
    assert response.status_code == 302, response.context and response.context["errors"]
    units.kien_an.refresh_from_db()
    assert units.kien_an.source == "Nghị quyết 1232/NQ-UBTVQH15"


def test_admin_treasurer_sees_units_but_cannot_change_them(
    treasurer_client, staff_client, units, admin_form_data
):
    assert treasurer_client.get(reverse("admin:organizations_unit_changelist")).status_code == 200
    data = admin_form_data(staff_client.get(change_url(units.kien_an)))
    data["name"] = "Quận Kiến An (đổi)"
    assert treasurer_client.post(change_url(units.kien_an), data).status_code == 403
    units.kien_an.refresh_from_db()
    assert units.kien_an.name == "Quận Kiến An"
    assert treasurer_client.get(reverse("admin:organizations_unit_add")).status_code == 403
    assert Unit.objects.count() == 9


def test_admin_staff_opens_roles(staff_client, officer_le_chan):
    membership = officer_le_chan.memberships.get()
    assert staff_client.get(reverse("admin:organizations_membership_changelist")).status_code == 200
    assert staff_client.get(change_url(membership)).status_code == 200
    assert staff_client.get(reverse("admin:organizations_membership_add")).status_code == 200


# Granting roles


def grant(client, *, user, unit, role, starts_on="2024-08-01", note=""):
    return client.post(
        reverse("admin:organizations_membership_add"),
        {"user": user.pk, "unit": unit.pk, "role": role, "starts_on": starts_on, "note": note},
    )


def test_admin_grant_role_goes_through_the_service(staff_client, staff, nobody, units):
    response = grant(
        staff_client, user=nobody, unit=units.kien_an, role=Role.OFFICER, note="QĐ 15/QĐ-UBND"
    )
    assert response.status_code == 302
    membership = Membership.objects.get(user=nobody)
    assert (membership.unit, membership.role, membership.granted_by) == (
        units.kien_an,
        Role.OFFICER,
        staff,
    )
    entry = HistoryEntry.objects.for_object(nobody).get(action="role_granted")
    assert entry.actor == staff
    assert entry.changes["unit"] == [None, "Quận Kiến An"]
    assert permissions.can(nobody, Action.EDIT_UNIT_WORK, units.bac_son)


def test_a_persons_history_shows_days_as_the_portal_writes_them(staff_client, nobody, units):
    grant(staff_client, user=nobody, unit=units.kien_an, role=Role.OFFICER)

    page = staff_client.get(reverse("admin:organizations_user_change", args=[nobody.pk]))

    text = page.content.decode()
    assert "→ 01/08/2024" in text
    assert "2024-08-01" not in text


def test_admin_superuser_names_a_treasurer(superuser_client, nobody, units):
    response = grant(superuser_client, user=nobody, unit=units.association, role=Role.TREASURER)
    assert response.status_code == 302
    assert permissions.can(nobody, Action.HANDLE_MONEY, units.kien_an)


@pytest.mark.parametrize(
    ("person", "unit", "role", "says"),
    [
        ("officer_le_chan", "le_chan", Role.OFFICER, "already holds this role"),
        ("nobody", "association", Role.TREASURER, "Ask an administrator"),
        ("staff", "kien_an", Role.APPROVER, "your own roles"),
        ("nobody", "le_chan", Role.STAFF, "acts for the whole city"),
    ],
    ids=[
        "same-open-role-twice",
        "staff-cannot-name-a-treasurer",
        "staff-cannot-give-themselves-a-role",
        "citywide-role-must-be-held-in-the-association",
    ],
)
def test_admin_grant_refused_says_why_and_grants_nothing(
    staff_client, units, request, person, unit, role, says
):
    user = request.getfixturevalue(person)
    held = user.memberships.count()

    response = grant(staff_client, user=user, unit=getattr(units, unit), role=role)

    assert response.status_code == 200
    assert says in response.text
    assert user.memberships.count() == held


# Ending roles


def end_role(client, membership, *, ends_on, reason):
    """The role's change page posted with an end date and a reason."""
    return client.post(change_url(membership), {"ends_on": ends_on, "reason": reason, "note": ""})


def test_admin_end_role_records_who_when_why(staff_client, staff, officer_le_chan, units):
    membership = officer_le_chan.memberships.get()
    response = end_role(
        staff_client, membership, ends_on=yesterday().isoformat(), reason="Chuyển công tác"
    )
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.ends_on == yesterday()
    entry = HistoryEntry.objects.for_object(officer_le_chan).get(action="role_ended")
    assert (entry.actor, entry.reason) == (staff, "Chuyển công tác")
    assert entry.changes["ends_on"] == [None, yesterday().isoformat()]
    assert not permissions.can(
        User.objects.get(pk=officer_le_chan.pk), Action.VIEW_UNIT, units.le_chan
    )
    # The person's account page shows it.
    account = staff_client.get(change_url(officer_le_chan)).text
    assert "Chuyển công tác" in account
    assert "role ended" in account


def test_admin_end_role_needs_a_reason(staff_client, officer_le_chan):
    membership = officer_le_chan.memberships.get()
    response = end_role(staff_client, membership, ends_on=yesterday().isoformat(), reason="")
    assert response.status_code == 200
    assert "Say why the role ends" in response.text
    membership.refresh_from_db()
    assert membership.ends_on is None


def test_admin_end_role_before_it_started_is_refused(staff_client, officer_le_chan):
    membership = officer_le_chan.memberships.get()
    response = end_role(staff_client, membership, ends_on="2023-12-31", reason="Nhầm")
    assert response.status_code == 200
    membership.refresh_from_db()
    assert membership.ends_on is None


def test_admin_ended_role_cannot_be_changed_again(staff_client, officer_le_chan):
    membership = officer_le_chan.memberships.get()
    membership.ends_on = yesterday()
    membership.save()
    assert staff_client.get(change_url(membership)).status_code == 200  # read-only
    response = end_role(staff_client, membership, ends_on="", reason="")
    assert response.status_code == 403
    membership.refresh_from_db()
    assert membership.ends_on == yesterday()


def test_admin_roles_are_never_deleted(staff_client, superuser_client, officer_le_chan):
    membership = officer_le_chan.memberships.get()
    delete_url = reverse("admin:organizations_membership_delete", args=[membership.pk])
    for client in [staff_client, superuser_client]:
        assert client.get(delete_url).status_code == 403
        assert client.post(delete_url, {"post": "yes"}).status_code == 403
        changelist = client.get(reverse("admin:organizations_membership_changelist"))
        assert "delete_selected" not in changelist.text
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_admin_end_roles_action_asks_for_a_reason_then_ends(
    staff_client, staff, officer_le_chan, officer_kien_an, treasurer
):
    chosen = [
        officer_le_chan.memberships.get().pk,
        officer_kien_an.memberships.get().pk,
        treasurer.memberships.get().pk,
    ]
    url = reverse("admin:organizations_membership_changelist")
    ask = staff_client.post(url, {"action": "end_roles", ACTION_CHECKBOX_NAME: chosen})
    assert ask.status_code == 200
    assert "Reason for ending the roles" in ask.text
    assert Membership.objects.filter(ends_on__isnull=False).count() == 0
    done = staff_client.post(
        url,
        {
            "action": "end_roles",
            ACTION_CHECKBOX_NAME: chosen,
            "confirm": "yes",
            "reason": "Kết thúc nhiệm kỳ",
        },
    )
    assert done.status_code == 302
    ended = Membership.objects.filter(ends_on__isnull=False)
    assert {m.user.username for m in ended} == {"officer_le_chan", "officer_kien_an"}
    # Staff cannot take money powers away either: the treasurer keeps the role.
    assert treasurer.memberships.get().ends_on is None
    assert HistoryEntry.objects.filter(action="role_ended", reason="Kết thúc nhiệm kỳ").count() == 2


def test_admin_treasurer_cannot_end_roles(treasurer_client, officer_le_chan):
    membership = officer_le_chan.memberships.get()
    response = end_role(treasurer_client, membership, ends_on=yesterday().isoformat(), reason="x")
    assert response.status_code == 403
    membership.refresh_from_db()
    assert membership.ends_on is None


# Accounts


def user_data(user, **changes):
    data = {
        "username": user.username,
        "full_name": user.full_name,
        "position": user.position,
        "email": user.email,
        "phone": user.phone,
        "is_active": "on" if user.is_active else "",
        # The inline of roles is read-only, but its management form is still posted.
        "memberships-TOTAL_FORMS": "0",
        "memberships-INITIAL_FORMS": "0",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value != ""}


def test_admin_staff_cannot_make_anyone_superuser(staff_client, officer_le_chan):
    page = staff_client.get(change_url(officer_le_chan))
    assert "is_superuser" not in page.context["adminform"].form.fields
    response = staff_client.post(
        change_url(officer_le_chan),
        user_data(officer_le_chan, position="Phó Trưởng phòng", is_superuser="on"),
    )
    assert response.status_code == 302
    officer_le_chan.refresh_from_db()
    assert officer_le_chan.position == "Phó Trưởng phòng"
    assert officer_le_chan.is_superuser is False


def test_admin_staff_cannot_create_a_superuser(staff_client):
    response = staff_client.post(
        reverse("admin:organizations_user_add"),
        {
            "username": "moi",
            "full_name": "Ngô Thị Mới",
            "usable_password": "true",
            "password1": "Mot-mat-khau-dai-2024",
            "password2": "Mot-mat-khau-dai-2024",
            "is_superuser": "on",
        },
    )
    assert response.status_code == 302
    created = User.objects.get(username="moi")
    assert created.full_name == "Ngô Thị Mới"
    assert created.is_superuser is False


def test_admin_staff_cannot_change_a_superuser(staff_client, superuser):
    response = staff_client.post(
        change_url(superuser), user_data(superuser, email="attacker@example.com")
    )
    assert response.status_code == 403
    password_url = reverse("admin:auth_user_password_change", args=[superuser.pk])
    assert staff_client.get(password_url).status_code == 403
    superuser.refresh_from_db()
    assert superuser.email == "superuser@example.com"


def test_admin_staff_cannot_set_the_treasurers_password(staff_client, treasurer):
    password_url = reverse("admin:auth_user_password_change", args=[treasurer.pk])
    response = staff_client.post(
        password_url,
        {"password1": "Mat-khau-moi-2024!", "password2": "Mat-khau-moi-2024!"},
    )
    assert response.status_code == 403
    treasurer.refresh_from_db()
    assert not treasurer.check_password("Mat-khau-moi-2024!")


def test_admin_staff_sets_an_officers_password(staff_client, officer_le_chan, anonymous_client):
    password_url = reverse("admin:auth_user_password_change", args=[officer_le_chan.pk])
    response = staff_client.post(
        password_url,
        {
            "usable_password": "true",
            "password1": "Mat-khau-moi-2024!",
            "password2": "Mat-khau-moi-2024!",
        },
    )
    assert response.status_code == 302
    login = anonymous_client.post(
        reverse("accounts:login"), {"username": "officer_le_chan", "password": "Mat-khau-moi-2024!"}
    )
    assert login.status_code == 302


def test_admin_accounts_are_never_deleted(staff_client, superuser_client, officer_le_chan):
    delete_url = reverse("admin:organizations_user_delete", args=[officer_le_chan.pk])
    for client in [staff_client, superuser_client]:
        assert client.post(delete_url, {"post": "yes"}).status_code == 403
    assert User.objects.filter(pk=officer_le_chan.pk).exists()


def test_admin_superuser_may_make_a_superuser(superuser_client, officer_le_chan):
    response = superuser_client.post(
        change_url(officer_le_chan), user_data(officer_le_chan, is_superuser="on")
    )
    assert response.status_code == 302
    officer_le_chan.refresh_from_db()
    assert officer_le_chan.is_superuser is True


def test_admin_user_list_shows_roles_in_force(staff_client, officer_le_chan, approver_le_chan):
    approver_le_chan.memberships.update(ends_on=yesterday())
    page = staff_client.get(reverse("admin:organizations_user_changelist")).text
    rows = page.split("<tr")
    officer_row = next(row for row in rows if "Nguyễn Thị Thu Hà" in row)
    approver_row = next(row for row in rows if "Trần Văn Hùng" in row)
    assert "unit officer" in officer_row
    assert "unit approver" not in approver_row  # ended yesterday


def test_a_persons_phone_is_checked_and_written_in_the_common_form(staff_client, officer_le_chan):
    refused = staff_client.post(
        change_url(officer_le_chan), user_data(officer_le_chan, phone="gọi anh Hùng")
    )
    assert refused.status_code == 200
    assert refused.context["adminform"].form.errors["phone"]
    officer_le_chan.refresh_from_db()
    assert officer_le_chan.phone != "gọi anh Hùng"

    saved = staff_client.post(
        change_url(officer_le_chan), user_data(officer_le_chan, phone="0912345678")
    )
    assert saved.status_code == 302
    officer_le_chan.refresh_from_db()
    assert officer_le_chan.phone == "0912 345 678"


def test_phones_already_stored_are_rewritten_once_with_history(officer_le_chan, staff):
    import importlib

    from django.apps import apps

    from common.models import HistoryEntry

    User.objects.filter(pk=officer_le_chan.pk).update(phone="912345678")
    User.objects.filter(pk=staff.pk).update(phone="máy bàn")
    migration = importlib.import_module("organizations.migrations.0005_user_phone_vietnamese")

    migration.rewrite_phones(apps, None)

    officer_le_chan.refresh_from_db()
    staff.refresh_from_db()
    assert (officer_le_chan.phone, staff.phone) == ("0912 345 678", "máy bàn")
    entry = HistoryEntry.objects.for_object(officer_le_chan).get(action="phone_rewritten")
    assert entry.changes == {"phone": ["912345678", "0912 345 678"]}
    assert not HistoryEntry.objects.for_object(staff).filter(action="phone_rewritten").exists()


def test_admin_names_a_reviewer_in_a_district(staff_client, nobody, units):
    """A district's education office appraises its communes' learning-model dossiers: the
    reviewer role may be held in a district, and then reaches that district only."""
    response = grant(staff_client, user=nobody, unit=units.le_chan, role=Role.REVIEWER)
    assert response.status_code == 302
    assert nobody.memberships.get().unit == units.le_chan
    assert permissions.can(nobody, Action.REVIEW, units.an_bien)
    assert not permissions.can(nobody, Action.REVIEW, units.bac_son)
