"""Pages for a signed-in person are kept by no browser or proxy (ward offices share computers:
after one officer signs out, Back must not bring their pages to the next person); public pages
for anonymous visitors keep their caching."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def is_private(response):
    directives = {part.strip() for part in response.get("Cache-Control", "").split(",")}
    return {"private", "no-store"} <= directives


@pytest.mark.parametrize(
    "name",
    [
        "organizations_portal:my-units",
        "portal:dashboard",
        "campaigns:home",
        "accounts:password_change",
    ],
)
def test_signed_in_pages_are_private_and_not_stored(officer_le_chan_client, name):
    response = officer_le_chan_client.get(reverse(name))
    assert response.status_code == 200
    assert is_private(response), response.get("Cache-Control")


def test_admin_pages_are_private_and_not_stored(staff_client):
    assert is_private(staff_client.get(reverse("admin:index")))


def test_signing_in_answers_privately(anonymous_client, officer_le_chan, persona_password):
    response = anonymous_client.post(
        reverse("accounts:login"), {"username": "officer_le_chan", "password": persona_password}
    )
    assert response.status_code == 302
    assert is_private(response)


@pytest.mark.parametrize("name", ["campaigns:home", "campaigns:calendar"])
def test_anonymous_public_pages_keep_their_caching(anonymous_client, name):
    first = anonymous_client.get(reverse(name))
    assert first.status_code == 200
    assert "no-store" not in first.get("Cache-Control", "")
    assert first.has_header("ETag")  # served from the public page cache
    again = anonymous_client.get(reverse(name), headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304


def test_after_signing_out_pages_are_public_again(officer_le_chan_client):
    officer_le_chan_client.post(reverse("accounts:logout"))
    assert "no-store" not in officer_le_chan_client.get(reverse("campaigns:home")).get(
        "Cache-Control", ""
    )
