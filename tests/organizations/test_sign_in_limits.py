"""Guessing passwords and flooding mailboxes: five failed sign-ins for one user name, or from
one client, pause signing in there for 15 minutes; new-password mails are limited per address
and per client. The clock is the `clock` fixture: 08:00 on 15/09/2024, Hải Phòng time."""

import logging

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from organizations import sign_in_limits

# Some tests ask for Vietnamese pages; the tests after them still find their language.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("keeps_language")]

LOGIN = reverse("accounts:login")
RESET = reverse("accounts:password_reset")
MY_UNITS = reverse("organizations_portal:my-units")
WRONG = "sai-mat-khau"
ANOTHER_CLIENT = "203.113.7.20"
FROM_ANOTHER_CLIENT = {"REMOTE_ADDR": ANOTHER_CLIENT}


def sign_in(client, username, password, *, meta=None, **data):
    """POST the login form; `meta` sets the request's environment (REMOTE_ADDR…)."""
    return client.post(LOGIN, {"username": username, "password": password, **data}, **(meta or {}))


def is_signed_in(client):
    return client.get(MY_UNITS).status_code == 200


def fail(client, username, times, *, meta=None):
    return [sign_in(client, username, WRONG, meta=meta) for _ in range(times)]


def is_paused(response):
    return response.status_code == 429 and "Signing in is paused" in response.text


# One account, many wrong passwords


def test_sixth_wrong_password_is_refused_until_the_pause_ends(
    clock, anonymous_client, officer_le_chan, persona_password
):
    answers = fail(anonymous_client, "officer_le_chan", 4)
    assert all(a.status_code == 200 for a in answers)
    assert all("The user name or password is not right" in a.text for a in answers)

    fifth, sixth = fail(anonymous_client, "officer_le_chan", 2)
    assert is_paused(fifth)  # the failure that starts the pause already says so
    assert is_paused(sixth)
    assert "Please try again after 08:15, in 15 minutes." in sixth.text
    assert sixth["Retry-After"] == "900"

    clock.advance(minutes=10)
    right = sign_in(anonymous_client, "officer_le_chan", persona_password)
    assert is_paused(right)
    assert "in 5 minutes" in right.text
    assert not is_signed_in(anonymous_client)

    clock.advance(minutes=6)
    assert sign_in(anonymous_client, "officer_le_chan", persona_password).status_code == 302
    assert is_signed_in(anonymous_client)


def test_tries_during_the_pause_do_not_prolong_it(
    clock, anonymous_client, officer_le_chan, persona_password
):
    fail(anonymous_client, "officer_le_chan", 5)
    clock.advance(minutes=10)
    again = fail(anonymous_client, "officer_le_chan", 3)[-1]
    assert "Please try again after 08:15, in 5 minutes." in again.text
    clock.advance(minutes=5, seconds=1)
    assert sign_in(anonymous_client, "officer_le_chan", persona_password).status_code == 302


def test_the_account_is_paused_from_every_client(
    clock, client_for, officer_le_chan, persona_password
):
    fail(client_for(None), "officer_le_chan", 5)
    elsewhere = client_for(None)
    refused = sign_in(elsewhere, "officer_le_chan", persona_password, meta=FROM_ANOTHER_CLIENT)
    assert is_paused(refused)


def test_the_pause_page_speaks_vietnamese_with_hai_phong_time(clock, client_for, officer_le_chan):
    page = fail(client_for(None, language=None), "officer_le_chan", 5)[-1]
    assert page.status_code == 429
    assert "Tạm khóa đăng nhập" in page.text
    assert "Vui lòng thử lại sau 08:15 (còn 15 phút)." in page.text


def test_signing_in_forgets_the_accounts_earlier_failures(
    clock, anonymous_client, officer_le_chan, persona_password
):
    fail(anonymous_client, "officer_le_chan", 4)
    assert sign_in(anonymous_client, "officer_le_chan", persona_password).status_code == 302
    anonymous_client.post(reverse("accounts:logout"))
    answers = fail(anonymous_client, "officer_le_chan", 4)
    assert all(a.status_code == 200 for a in answers)


def test_failures_older_than_fifteen_minutes_no_longer_count(
    clock, anonymous_client, officer_le_chan
):
    fail(anonymous_client, "officer_le_chan", 4)
    clock.advance(minutes=16)
    assert fail(anonymous_client, "officer_le_chan", 1)[0].status_code == 200


# One client, many accounts


def test_one_password_tried_on_ten_accounts_pauses_that_client(
    clock, make_person, units, client_for, persona_password
):
    for number in range(10):
        make_person(f"can_bo_{number}")
    guesser = client_for(None)
    answers = [sign_in(guesser, f"can_bo_{number}", "Matkhau@2024") for number in range(10)]
    assert [a.status_code for a in answers] == [200] * 4 + [429] * 6
    assert is_paused(answers[-1])

    # The right password of an eleventh account is refused from that client too...
    make_person("can_bo_moi")
    assert is_paused(sign_in(guesser, "can_bo_moi", persona_password))
    # ...while the accounts themselves are not paused: from another client they sign in.
    elsewhere = client_for(None)
    signed_in = sign_in(elsewhere, "can_bo_3", persona_password, meta=FROM_ANOTHER_CLIENT)
    assert signed_in.status_code == 302


def test_signing_in_to_ones_own_account_does_not_clear_failures_on_others(
    clock, make_person, units, officer_le_chan, client_for, persona_password
):
    for name in ("can_bo_a", "can_bo_b", "can_bo_c"):
        make_person(name)
    guesser = client_for(None)
    fail(guesser, "can_bo_a", 2)
    fail(guesser, "can_bo_b", 2)
    assert sign_in(guesser, "officer_le_chan", persona_password).status_code == 302
    guesser.post(reverse("accounts:logout"))
    # The fifth failure from this client, though the first on this account.
    assert is_paused(sign_in(guesser, "can_bo_c", WRONG))


# The admin


def test_the_admin_has_no_way_around_the_pause(clock, anonymous_client, staff, persona_password):
    fail(anonymous_client, "staff", 5)
    # The admin's own login address signs nobody in: it sends people to the portal's page...
    answer = anonymous_client.post(
        reverse("admin:login"), {"username": "staff", "password": persona_password}
    )
    assert answer.status_code == 302
    assert answer["Location"].startswith(LOGIN)
    # ...where the pause holds, on the way to the admin as anywhere.
    refused = sign_in(anonymous_client, "staff", persona_password, next=reverse("admin:index"))
    assert is_paused(refused)
    assert anonymous_client.get(reverse("admin:index")).status_code == 302


# The log


def test_a_failed_sign_in_is_logged_with_the_name_and_address(
    clock, anonymous_client, officer_le_chan, caplog
):
    with caplog.at_level(logging.INFO):
        sign_in(anonymous_client, "officer_le_chan", WRONG, meta={"REMOTE_ADDR": "198.51.100.4"})
    failures = [r for r in caplog.records if r.name.startswith("axes") and r.levelname == "WARNING"]
    assert failures, caplog.text
    assert "officer_le_chan" in failures[0].getMessage()
    assert "198.51.100.4" in failures[0].getMessage()
    assert WRONG not in caplog.text


def test_a_lockout_is_logged(clock, anonymous_client, officer_le_chan, caplog):
    with caplog.at_level(logging.WARNING):
        fail(anonymous_client, "officer_le_chan", 5)
    assert any("Locking out" in r.getMessage() for r in caplog.records), caplog.text


# Which client a request comes from


def request_from(rf, remote, forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return rf.post(LOGIN, **extra)


def test_without_a_trusted_proxy_the_connections_address_counts(rf, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert sign_in_limits.client_ip(request_from(rf, "198.51.100.4", "1.2.3.4")) == "198.51.100.4"


def test_behind_one_proxy_the_address_it_saw_counts(rf, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    # nginx appends the address it was reached from; what the client wrote itself comes first.
    request = request_from(rf, "127.0.0.1", "6.6.6.6, 198.51.100.4")
    assert sign_in_limits.client_ip(request) == "198.51.100.4"


def test_behind_two_proxies_the_address_the_first_saw_counts(rf, settings):
    settings.TRUSTED_PROXY_COUNT = 2
    request = request_from(rf, "127.0.0.1", "6.6.6.6, 198.51.100.4, 10.0.0.2")
    assert sign_in_limits.client_ip(request) == "198.51.100.4"


@pytest.mark.parametrize("forwarded", [None, "", "not-an-address"])
def test_behind_a_proxy_a_missing_or_bad_header_falls_back_to_the_connection(
    rf, settings, forwarded
):
    settings.TRUSTED_PROXY_COUNT = 1
    assert sign_in_limits.client_ip(request_from(rf, "127.0.0.1", forwarded)) == "127.0.0.1"


def test_a_connection_without_an_address_counts_as_none(rf, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert sign_in_limits.client_ip(request_from(rf, "unix:/run/gunicorn.sock")) is None


def test_a_proxy_left_unconfigured_is_pointed_out_in_the_log(rf, settings, caplog, monkeypatch):
    settings.TRUSTED_PROXY_COUNT = 0
    monkeypatch.setattr(sign_in_limits, "_warned_about_proxy", False)
    with caplog.at_level(logging.WARNING):
        sign_in_limits.client_ip(request_from(rf, "127.0.0.1", "198.51.100.4"))
    assert "TRUSTED_PROXY_COUNT" in caplog.text


def test_clients_behind_the_proxy_are_counted_apart(
    clock, settings, make_person, units, persona_password
):
    settings.TRUSTED_PROXY_COUNT = 1
    make_person("can_bo_a")
    make_person("can_bo_b")
    guesser, officer = Client(), Client()
    for _ in range(5):
        sign_in(guesser, "can_bo_a", WRONG, meta={"HTTP_X_FORWARDED_FOR": "198.51.100.4"})
    from_officer = {"HTTP_X_FORWARDED_FOR": ANOTHER_CLIENT}
    answer = sign_in(officer, "can_bo_b", persona_password, meta=from_officer)
    assert answer.status_code == 302


# Asking for a new password


def ask_for_reset(client, email, *, meta=None):
    return client.post(RESET, {"email": email}, **(meta or {}))


def test_new_password_mails_to_one_address_are_limited(
    clock, anonymous_client, client_for, officer_le_chan
):
    answers = [ask_for_reset(anonymous_client, "officer_le_chan@example.com") for _ in range(3)]
    assert [a.status_code for a in answers] == [302] * 3
    assert len(mail.outbox) == 3

    elsewhere = client_for(None)
    refused = ask_for_reset(elsewhere, "Officer_Le_Chan@example.com", meta=FROM_ANOTHER_CLIENT)
    assert refused.status_code == 429
    assert "Too many requests for a new password" in refused.text
    assert "Please try again after 09:00, in 60 minutes." in refused.text
    assert len(mail.outbox) == 3

    clock.advance(minutes=61)
    assert ask_for_reset(anonymous_client, "officer_le_chan@example.com").status_code == 302
    assert len(mail.outbox) == 4


def test_an_unknown_address_is_limited_alike_so_the_limit_reveals_nothing(
    clock, anonymous_client, officer_le_chan
):
    for _ in range(3):
        ask_for_reset(anonymous_client, "khong-ai@example.com")
    assert ask_for_reset(anonymous_client, "khong-ai@example.com").status_code == 429


def test_new_password_requests_from_one_client_are_limited(
    clock, make_person, units, anonymous_client
):
    for number in range(11):
        make_person(f"can_bo_{number}")
    answers = [ask_for_reset(anonymous_client, f"can_bo_{n}@example.com") for n in range(11)]
    assert [a.status_code for a in answers] == [302] * 10 + [429]
    assert len(mail.outbox) == 10
    # Another client still gets its mail.
    other = ask_for_reset(Client(), "can_bo_10@example.com", meta=FROM_ANOTHER_CLIENT)
    assert other.status_code == 302
    assert len(mail.outbox) == 11


def test_a_refused_new_password_request_speaks_vietnamese(clock, client_for, officer_le_chan):
    visitor = client_for(None, language=None)
    for _ in range(3):
        ask_for_reset(visitor, "officer_le_chan@example.com")
    refused = ask_for_reset(visitor, "officer_le_chan@example.com")
    assert "Quá nhiều yêu cầu đặt lại mật khẩu" in refused.text
    assert "Vui lòng thử lại sau 09:00 (còn 60 phút)." in refused.text


def test_a_new_password_from_the_mailed_link_lifts_the_accounts_pause(
    clock, client_for, officer_le_chan
):
    from common.models import HistoryEntry
    from tests.organizations.test_accounts import NEW_PASSWORD, ask_for_reset, reset_link

    assert is_paused(fail(client_for(None), "officer_le_chan", 5)[-1])
    visitor = client_for(None)
    ask_for_reset(visitor, "officer_le_chan@example.com")
    form_page = visitor.get(reset_link(mail.outbox[-1]), follow=True)
    visitor.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    elsewhere = client_for(None)
    answer = sign_in(elsewhere, "officer_le_chan", NEW_PASSWORD, meta={"REMOTE_ADDR": "10.9.9.9"})
    assert not is_paused(answer)
    assert is_signed_in(elsewhere)
    lifted = HistoryEntry.objects.for_object(officer_le_chan).get(action="lockout_lifted")
    assert lifted.actor == officer_le_chan
    assert lifted.changes == {"failed_sign_ins": [5, 0]}


def test_wrong_current_passwords_on_the_change_form_pause_the_account(
    clock, client_for, officer_le_chan, persona_password
):
    """A session left open cannot be used to guess the account's password."""
    signed_in = client_for(officer_le_chan)
    change = reverse("accounts:password_change")
    wrong = {
        "old_password": "doan-thu",
        "new_password1": "Mk-moi-2024!",
        "new_password2": "Mk-moi-2024!",
    }
    answers = [signed_in.post(change, wrong) for _ in range(5)]

    # As at the sign-in page: the fifth failure starts the pause.
    assert [answer.status_code for answer in answers[:4]] == [200] * 4
    assert is_paused(answers[4])
    right = {**wrong, "old_password": persona_password}
    assert is_paused(signed_in.post(change, right))
    officer_le_chan.refresh_from_db()
    assert officer_le_chan.check_password(persona_password)
    assert is_paused(sign_in(client_for(None), "officer_le_chan", persona_password))
