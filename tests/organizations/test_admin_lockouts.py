"""Staff see who is locked out of signing in, until when, and lift a lockout (with a reason,
kept in the account's history). The clock is the `clock` fixture: 08:00 on 15/09/2024."""

import pytest
from axes.models import AccessAttempt
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from common.models import HistoryEntry

# Some tests ask for Vietnamese pages; the tests after them still find their language.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("keeps_language")]

ADMIN = reverse("admin:index")
LOCKOUTS = reverse("admin:axes_accessattempt_changelist")
LOGIN = reverse("accounts:login")


def sign_in(username, password, remote="127.0.0.1"):
    return Client().post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=remote)


def lock_out(username, remote="127.0.0.1"):
    for _ in range(5):
        sign_in(username, "sai-mat-khau", remote)


def lift(client, action, attempts, reason="Đã gọi điện xác nhận với cán bộ"):
    data = {"action": action, ACTION_CHECKBOX_NAME: [a.pk for a in attempts], "confirm": "yes"}
    if reason is not None:
        data["reason"] = reason
    return client.post(LOCKOUTS, data)


# Seeing them


def test_staff_see_who_is_locked_out_and_until_when(clock, staff_client, officer_le_chan):
    lock_out("officer_le_chan", "198.51.100.4")
    page = staff_client.get(LOCKOUTS)
    assert page.status_code == 200
    assert "officer_le_chan" in page.text
    assert "198.51.100.4" in page.text
    assert "user name locked until 08:15; address locked until 08:15" in page.text


def test_a_lockouts_page_names_the_account_and_the_address_at_hai_phong_time(
    clock, staff_client, officer_le_chan
):
    lock_out("officer_le_chan", remote="10.1.1.1")
    attempt = AccessAttempt.objects.get()

    page = staff_client.get(reverse("admin:axes_accessattempt_change", args=[attempt.pk]))

    text = page.content.decode()
    assert "Attempted Access" not in text
    assert "officer_le_chan" in page.context["subtitle"]
    assert "10.1.1.1" in page.context["subtitle"]
    assert "15/09/2024 08:00" in page.context["subtitle"]  # the clock, in Hải Phòng
    assert f'<li aria-current="page">{page.context["subtitle"]}</li>' in text


def test_a_few_failures_are_listed_as_not_locked(clock, staff_client, officer_le_chan):
    sign_in("officer_le_chan", "sai-mat-khau")
    assert "not locked" in staff_client.get(LOCKOUTS).text


def test_staff_find_the_lockouts_in_the_admin_index(staff_client):
    index = staff_client.get(ADMIN).text
    assert "Sign-in protection" in index
    assert LOCKOUTS in index


def test_the_lockouts_are_named_in_vietnamese(clock, client_for, staff, officer_le_chan):
    lock_out("officer_le_chan")
    staff_vi = client_for(staff, language=None)
    index = staff_vi.get(ADMIN).text
    assert "Bảo vệ đăng nhập" in index
    assert "Đăng nhập sai gần đây" in index
    page = staff_vi.get(LOCKOUTS).text
    assert "tên đăng nhập bị khóa đến 08:15" in page
    assert "Mở khóa các tên đăng nhập đã chọn (từ mọi địa chỉ)" in page


@pytest.mark.parametrize("persona", ["treasurer", "reviewer"])
def test_other_association_roles_do_not_see_the_lockouts(persona, request, client_for):
    client = client_for(request.getfixturevalue(persona))
    assert LOCKOUTS not in client.get(ADMIN).text
    assert client.get(LOCKOUTS).status_code == 403


def test_a_superuser_sees_the_lockouts(clock, superuser_client, officer_le_chan):
    lock_out("officer_le_chan")
    assert "officer_le_chan" in superuser_client.get(LOCKOUTS).text


def test_the_list_costs_the_same_queries_however_many_lockouts(
    clock, staff_client, make_person, units
):
    lock_out("khach_0", "198.51.100.1")
    with CaptureQueriesContext(connection) as one:
        staff_client.get(LOCKOUTS)
    for number in range(1, 8):
        lock_out(f"khach_{number}", f"198.51.100.{number + 1}")
    with CaptureQueriesContext(connection) as eight:
        page = staff_client.get(LOCKOUTS)
    assert page.text.count("locked until") == 16
    assert len(eight) == len(one)


# Lifting them


def test_staff_lift_an_accounts_lockout_and_the_officer_signs_in(
    clock, staff_client, staff, officer_le_chan, persona_password
):
    lock_out("officer_le_chan")
    assert sign_in("officer_le_chan", persona_password).status_code == 429
    attempt = AccessAttempt.objects.get()

    ask = staff_client.post(
        LOCKOUTS, {"action": "lift_account_lockouts", ACTION_CHECKBOX_NAME: [attempt.pk]}
    )
    assert ask.status_code == 200
    assert "Reason for lifting the lockout" in ask.text
    assert AccessAttempt.objects.exists()  # nothing lifted before the reason is given

    done = lift(staff_client, "lift_account_lockouts", [attempt])
    assert done.status_code == 302
    assert "The lockout of 1 user name was lifted." in staff_client.get(LOCKOUTS).text
    assert sign_in("officer_le_chan", persona_password).status_code == 302

    entry = HistoryEntry.objects.get(action="lockout_lifted")
    assert entry.object_id == str(officer_le_chan.pk)
    assert entry.actor == staff
    assert entry.reason == "Đã gọi điện xác nhận với cán bộ"
    assert entry.changes == {"failed_sign_ins": [5, 0]}
    account_page = staff_client.get(
        reverse("admin:organizations_user_change", args=[officer_le_chan.pk])
    )
    assert "sign-in lockout lifted" in account_page.text


def test_lifting_needs_a_reason(clock, staff_client, officer_le_chan, persona_password):
    lock_out("officer_le_chan")
    answer = lift(staff_client, "lift_account_lockouts", AccessAttempt.objects.all(), reason=None)
    assert answer.status_code == 200
    assert "This field is required" in answer.text
    assert sign_in("officer_le_chan", persona_password).status_code == 429


def test_staff_lift_an_addresss_lockout_for_every_account(
    clock, staff_client, make_person, units, persona_password
):
    for number in range(5):
        make_person(f"can_bo_{number}")
        sign_in(f"can_bo_{number}", "Matkhau@2024", "198.51.100.4")
    assert sign_in("can_bo_0", persona_password, "198.51.100.4").status_code == 429

    one_of_them = AccessAttempt.objects.filter(username="can_bo_2")
    assert lift(staff_client, "lift_address_lockouts", one_of_them).status_code == 302
    assert not AccessAttempt.objects.filter(ip_address="198.51.100.4").exists()
    assert sign_in("can_bo_0", persona_password, "198.51.100.4").status_code == 302
    assert HistoryEntry.objects.filter(action="lockout_lifted").count() == 5


def test_lifting_an_account_leaves_a_guessers_address_locked(
    clock, staff_client, make_person, units, officer_le_chan, persona_password
):
    lock_out("officer_le_chan", "198.51.100.4")  # the officer, at the ward office
    for number in range(5):  # meanwhile, someone guessing at other accounts
        make_person(f"can_bo_{number}")
        sign_in(f"can_bo_{number}", "Matkhau@2024", "6.6.6.6")
    officers_attempts = AccessAttempt.objects.filter(username="officer_le_chan")
    lift(staff_client, "lift_account_lockouts", officers_attempts)
    assert sign_in("officer_le_chan", persona_password, "198.51.100.4").status_code == 302
    assert sign_in("can_bo_0", persona_password, "6.6.6.6").status_code == 429


def test_the_treasurer_cannot_lift_a_lockout(clock, treasurer_client, officer_le_chan):
    lock_out("officer_le_chan")
    answer = lift(treasurer_client, "lift_account_lockouts", AccessAttempt.objects.all())
    assert answer.status_code == 403
    assert AccessAttempt.objects.exists()


def test_failed_sign_ins_are_never_changed_or_deleted_by_hand(
    clock, staff_client, superuser_client, officer_le_chan
):
    lock_out("officer_le_chan")
    attempt = AccessAttempt.objects.get()
    delete = reverse("admin:axes_accessattempt_delete", args=[attempt.pk])
    change = reverse("admin:axes_accessattempt_change", args=[attempt.pk])
    for client in (staff_client, superuser_client):
        assert client.post(delete, {"post": "yes"}).status_code == 403
        assert client.post(change, {"failures_since_start": 0}).status_code == 403
        assert client.get(change).status_code == 200  # shown, read-only
    assert AccessAttempt.objects.get().failures_since_start == 5


# From the command line


@pytest.mark.parametrize(
    ("command", "arguments"),
    [
        ("axes_reset_username", ["officer_le_chan"]),
        ("axes_reset_ip", ["10.1.1.1"]),
        ("axes_reset_ip_username", ["10.1.1.1", "officer_le_chan"]),
        ("axes_reset", []),
    ],
)
def test_a_lockout_lifted_from_the_command_line_is_in_the_history(
    clock, officer_le_chan, persona_password, command, arguments
):
    from django.core.management import call_command

    lock_out("officer_le_chan", remote="10.1.1.1")
    assert sign_in("officer_le_chan", persona_password, remote="10.1.1.1").status_code == 429

    call_command(command, *arguments, reason="Cán bộ gọi điện, đã xác minh", stdout=None)

    assert not AccessAttempt.objects.exists()
    assert sign_in("officer_le_chan", persona_password, remote="10.1.1.1").status_code == 302
    entry = HistoryEntry.objects.for_object(officer_le_chan).get(action="lockout_lifted")
    assert (entry.actor, entry.reason) == (None, "Cán bộ gọi điện, đã xác minh")
    assert entry.changes == {"failed_sign_ins": [5, 0]}
