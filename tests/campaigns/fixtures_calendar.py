"""Fixtures and helpers for the tests of the public calendar (/calendar/) and the page of one
activity (/activities/<pk>/): tests/campaigns/test_calendar_*.py import them.

A citizen sees only what was published (and, marked, what was cancelled after that); can
narrow the month or the list to a district, a focus area, a kind or some dates; finds an
activity by typing without accents; and browses past years. Whatever they type into the
address, the page answers with a message, never a server error.

today               (autouse where imported) the portal's "today" is 20/09/2024; today(day)
                    moves it
campaign            Tháng Khuyến học 2024, open, with Ngày Khuyến học as a key date
make_activity(title, **fields)
                    an activity written straight to the database, published by default
every_state         one activity in each state, and one published but internal
get(client, path=CALENDAR, **params), links_to(page, activity)
                    the page's text (asserting it answered 200); how often it links to an
                    activity

A test module takes the fixtures by naming them, as tests/organizations/fixtures_units.py
is used: `campaign = fixtures_calendar.campaign`. The data come from
tests/campaigns/factories.py (make_campaign for the other years).
"""

import pytest
from django.urls import reverse

from campaigns.models import ActivityState
from tests.campaigns.factories import freeze_today, make_campaign, make_key_dates, write_activity

CALENDAR = reverse("campaigns:calendar")


@pytest.fixture(autouse=True)
def today(monkeypatch):
    """The portal's "today" is 20/09/2024, inside the 2024 campaign, unless a test moves it.
    (tests/conftest.py empties the cache before each test.)"""
    return freeze_today(monkeypatch)


@pytest.fixture
def campaign(db):
    """Tháng Khuyến học 2024 (Kế hoạch 204/KH-UBND, 5/9–5/10/2024), open."""
    campaign = make_campaign()
    make_key_dates(campaign)
    return campaign


@pytest.fixture
def make_activity(campaign, units):
    """make_activity(title, **fields): an activity written straight to the database,
    published unless `state` says otherwise (the workflow is tested elsewhere)."""

    def make(title, **fields):
        fields.setdefault("organizer", units.le_chan)
        return write_activity(fields.pop("campaign", campaign), title, **fields)

    return make


def get(client, path=CALENDAR, **params):
    response = client.get(path, params)
    assert response.status_code == 200
    return response.content.decode()


def links_to(page, activity):
    return page.count(f'href="{activity.get_absolute_url()}"')


@pytest.fixture
def every_state(make_activity):
    """One activity in each state, and one published but kept off the public calendar."""
    return {
        "draft": make_activity("Hội thảo nháp khuyến học", state=ActivityState.DRAFT),
        "submitted": make_activity("Hội thảo chờ duyệt khuyến học", state=ActivityState.SUBMITTED),
        "returned": make_activity("Hội thảo trả lại khuyến học", state=ActivityState.RETURNED),
        "internal": make_activity("Họp nội bộ khuyến học", is_public=False),
        "published": make_activity("Hội thảo công khai khuyến học"),
        "cancelled": make_activity(
            "Hội thảo đã hủy khuyến học",
            state=ActivityState.CANCELLED,
            cancel_reason="Bão số 3 đổ bộ vào thành phố.",
        ),
    }
