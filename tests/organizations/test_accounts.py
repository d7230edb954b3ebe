"""Signing in and out, changing a password, and resetting a forgotten one by e-mail."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from organizations.models import User

pytestmark = pytest.mark.django_db

LOGIN = reverse("accounts:login")
LOGOUT = reverse("accounts:logout")
MY_UNITS = reverse("organizations_portal:my-units")
# Where people land after signing in: the officers' area, which leads to everything else.
LANDING = reverse("portal:dashboard")
RESET = reverse("accounts:password_reset")
NEW_PASSWORD = "Cay-phuong-vi-do-2025"


def sign_in(client, username, password, **extra):
    return client.post(LOGIN, {"username": username, "password": password, **extra})


def is_signed_in(client):
    return client.get(MY_UNITS).status_code == 200


# Public pages


@pytest.mark.parametrize("url", ["/", "/healthz", LOGIN, RESET])
def test_public_pages_answer_anonymous_visitors(anonymous_client, url):
    assert anonymous_client.get(url).status_code == 200


# Signing in


def test_login_page_explains_who_needs_an_account(anonymous_client):
    page = anonymous_client.get(LOGIN).text
    assert "User name" in page
    assert "Forgotten your password?" in page
    assert "Citizens do not need an account" in page


def test_login_with_user_name_and_password_opens_the_officers_area(
    anonymous_client, officer_le_chan, persona_password
):
    response = sign_in(anonymous_client, "officer_le_chan", persona_password)
    assert response.status_code == 302
    assert response["Location"] == LANDING
    assert is_signed_in(anonymous_client)


def test_login_wrong_password_says_so_clearly(anonymous_client, officer_le_chan):
    response = sign_in(anonymous_client, "officer_le_chan", "sai-mat-khau")
    assert response.status_code == 200
    assert "The user name or password is not right" in response.text
    assert not is_signed_in(anonymous_client)


def test_login_unknown_user_gets_the_same_message(anonymous_client, officer_le_chan):
    response = sign_in(anonymous_client, "khong_co_ai", "sai-mat-khau")
    assert "The user name or password is not right" in response.text


def test_login_inactive_account_is_refused(anonymous_client, officer_le_chan, persona_password):
    User.objects.filter(pk=officer_le_chan.pk).update(is_active=False)
    response = sign_in(anonymous_client, "officer_le_chan", persona_password)
    assert response.status_code == 200
    assert not is_signed_in(anonymous_client)


def test_login_follows_next_on_the_portal(
    anonymous_client, officer_le_chan, persona_password, units
):
    target = reverse("organizations_portal:unit-detail", args=[units.le_chan.pk])
    response = sign_in(anonymous_client, "officer_le_chan", persona_password, next=target)
    assert response["Location"] == target


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example.com/portal/units/",
        "//evil.example.com/",
        "http://testserver.evil.example.com/",
        "javascript:alert(1)",
    ],
)
def test_login_ignores_next_to_another_site(
    anonymous_client, officer_le_chan, persona_password, target
):
    response = sign_in(anonymous_client, "officer_le_chan", persona_password, next=target)
    assert response.status_code == 302
    assert response["Location"] == LANDING


def test_login_page_when_signed_in_ignores_next_to_another_site(officer_le_chan_client):
    response = officer_le_chan_client.get(LOGIN + "?next=https://evil.example.com/")
    assert response.status_code == 302
    assert response["Location"] == LANDING


def test_login_page_from_a_protected_page_says_why(anonymous_client):
    response = anonymous_client.get(MY_UNITS, follow=True)
    assert response.redirect_chain[-1][0] == LOGIN + "?next=" + MY_UNITS
    assert "Please sign in to open the page you asked for" in response.text


# Signing out


def test_logout_by_post_signs_out(officer_le_chan_client):
    response = officer_le_chan_client.post(LOGOUT, follow=True)
    assert response.redirect_chain[-1][0] == reverse("campaigns:home")
    assert "You have signed out" in response.text
    assert not is_signed_in(officer_le_chan_client)


def test_logout_by_get_asks_first_and_keeps_the_session(officer_le_chan_client):
    response = officer_le_chan_client.get(LOGOUT)
    assert response.status_code == 200
    assert 'method="post"' in response.text
    assert is_signed_in(officer_le_chan_client)


def test_logout_anonymous_get_goes_home(anonymous_client):
    response = anonymous_client.get(LOGOUT)
    assert response.status_code == 302
    assert response["Location"] == reverse("campaigns:home")


# Changing a password


def test_password_change_needs_sign_in(anonymous_client):
    response = anonymous_client.get(reverse("accounts:password_change"))
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)


def test_password_change_replaces_the_old_password(
    officer_le_chan_client, officer_le_chan, persona_password, anonymous_client
):
    response = officer_le_chan_client.post(
        reverse("accounts:password_change"),
        {
            "old_password": persona_password,
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_change_done")
    assert is_signed_in(officer_le_chan_client)  # the session that changed it stays
    assert sign_in(anonymous_client, "officer_le_chan", persona_password).status_code == 200
    assert sign_in(anonymous_client, "officer_le_chan", NEW_PASSWORD).status_code == 302


def test_password_change_wrong_old_password_is_refused(
    officer_le_chan_client, officer_le_chan, persona_password
):
    response = officer_le_chan_client.post(
        reverse("accounts:password_change"),
        {"old_password": "sai", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 200
    assert "Please correct the marked fields" in response.text
    officer_le_chan.refresh_from_db()
    assert officer_le_chan.check_password(persona_password)


def test_password_change_too_short_password_is_explained(officer_le_chan_client, persona_password):
    response = officer_le_chan_client.post(
        reverse("accounts:password_change"),
        {"old_password": persona_password, "new_password1": "ngan", "new_password2": "ngan"},
    )
    assert response.status_code == 200
    assert "at least 10 characters" in response.text


# Resetting a forgotten password


def ask_for_reset(client, email):
    return client.post(RESET, {"email": email})


def reset_link(message):
    found = re.search(r"https?://[^/\s]+(/accounts/password/reset/[^\s]+/)", message.body)
    assert found, message.body
    return found.group(1)


def test_password_reset_sends_a_working_link(
    anonymous_client, officer_le_chan, persona_password, client_for
):
    response = ask_for_reset(anonymous_client, "officer_le_chan@example.com")
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["officer_le_chan@example.com"]
    assert "officer_le_chan" in message.body  # the user name, a reminder

    visitor = client_for(None)
    form_page = visitor.get(reset_link(message), follow=True)
    assert form_page.status_code == 200
    assert form_page.context["validlink"] is True
    saved = visitor.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert saved.status_code == 302
    assert saved["Location"] == reverse("accounts:password_reset_complete")

    assert sign_in(client_for(None), "officer_le_chan", persona_password).status_code == 200
    assert sign_in(client_for(None), "officer_le_chan", NEW_PASSWORD).status_code == 302


def test_password_reset_link_works_only_once(anonymous_client, officer_le_chan, client_for):
    ask_for_reset(anonymous_client, "officer_le_chan@example.com")
    link = reset_link(mail.outbox[0])
    visitor = client_for(None)
    form_page = visitor.get(link, follow=True)
    visitor.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    again = client_for(None).get(link, follow=True)
    assert again.context["validlink"] is False
    assert "This link no longer works" in again.text


def test_password_reset_address_is_matched_without_case(anonymous_client, officer_le_chan):
    ask_for_reset(anonymous_client, "Officer_Le_Chan@Example.com")
    assert len(mail.outbox) == 1


def test_password_reset_unknown_address_reveals_nothing(anonymous_client, officer_le_chan):
    known = ask_for_reset(anonymous_client, "officer_le_chan@example.com")
    unknown = ask_for_reset(anonymous_client, "khong-ai@example.com")
    assert len(mail.outbox) == 1  # only the known address got a message
    assert (unknown.status_code, unknown["Location"]) == (known.status_code, known["Location"])
    done = anonymous_client.get(unknown["Location"])
    assert "If an account uses that address" in done.text


def test_password_reset_inactive_account_gets_no_mail(anonymous_client, officer_le_chan):
    User.objects.filter(pk=officer_le_chan.pk).update(is_active=False)
    ask_for_reset(anonymous_client, "officer_le_chan@example.com")
    assert mail.outbox == []


def test_password_reset_bad_address_is_explained(anonymous_client):
    response = ask_for_reset(anonymous_client, "khong phai dia chi")
    assert response.status_code == 200
    assert "Enter a valid email address" in response.text
