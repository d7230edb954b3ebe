"""Fixtures and helpers for the tests of the public calendar (/calendar/) and the page of one
activity (/activities/<pk>/): tests/campaigns/test_calendar_*.py import them.

A citizen sees only what was published (and, marked, what was cancelled after that); can
narrow the month or the list to a district, a focus area, a kind or some dates; finds an
activity by typing without accents; and browses past years. Whatever they type into the
address, the page answers with a message, never a server error.

today               (autouse where imported) the portal's "today" is 20/09/2024, the cache
                    empty; today(day) moves it
create_campaign(year, *, state=open, starts=(9, 5), ends=(10, 5))
                    a campaign with focus areas 1 and 7
campaign            Tháng Khuyến học 2024, open, with Ngày Khuyến học as a key date
make_activity(title, **fields)
                    an activity written straight to the database, published by default
every_state         one activity in each state, and one published but internal
get(client, path=CALENDAR, **params), links_to(page, activity)
                    the page's text (asserting it answered 200); how often it links to an
                    activity

A test module takes the fixtures by naming them, as tests/organizations/fixtures_units.py
is used: `campaign = fixtures_calendar.campaign`.
"""

import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from campaigns.models import (
    Activity,
    ActivityKind,
    ActivityState,
    Campaign,
    CampaignState,
    FocusArea,
    KeyDate,
)

CALENDAR = reverse("calendar")
DAY_IN_CAMPAIGN = datetime.date(2024, 9, 20)


@pytest.fixture(autouse=True)
def today(monkeypatch):
    """The portal's "today" is 20/09/2024, inside the 2024 campaign, unless a test moves it."""
    state = {"day": DAY_IN_CAMPAIGN}
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: state["day"])
    cache.clear()

    def move(day):
        state["day"] = day

    return move


def create_campaign(year, *, state=CampaignState.OPEN, starts=(9, 5), ends=(10, 5)):
    campaign = Campaign.objects.create(
        year=year,
        title=f"Tháng Khuyến học năm {year}",
        plan_number="204/KH-UBND" if year == 2024 else "",
        starts_on=datetime.date(year, *starts),
        ends_on=datetime.date(year, *ends),
        state=state,
    )
    FocusArea.objects.create(
        campaign=campaign,
        position=1,
        title="Tuyên truyền về công tác khuyến học, khuyến tài, xây dựng xã hội học tập",
        short_title="Tuyên truyền",
    )
    FocusArea.objects.create(
        campaign=campaign,
        position=7,
        title="Phát triển Quỹ Khuyến học, khuyến tài",
        short_title="Quỹ Khuyến học",
    )
    return campaign


@pytest.fixture
def campaign(db):
    """Tháng Khuyến học 2024 (Kế hoạch 204/KH-UBND, 5/9–5/10/2024), open."""
    campaign = create_campaign(2024)
    KeyDate.objects.create(
        campaign=campaign, title="Ngày Khuyến học Việt Nam", starts_on=datetime.date(2024, 10, 2)
    )
    return campaign


@pytest.fixture
def make_activity(campaign, units):
    """make_activity(title, **fields): an activity written straight to the database,
    published unless `state` says otherwise (the workflow is tested elsewhere)."""

    def make(title, *, co_organizers=(), **fields):
        state = fields.pop("state", ActivityState.PUBLISHED)
        target = fields.pop("campaign", campaign)
        values = {
            "organizer": units.le_chan,
            "focus_area": target.focus_areas.get(position=1),
            "kind": ActivityKind.CEREMONY,
            "starts_on": datetime.date(2024, 9, 15),
            "state": state,
        }
        values.update(fields)
        values.setdefault("ends_on", values["starts_on"])
        if state in (ActivityState.PUBLISHED, ActivityState.CANCELLED):
            values.setdefault("published_at", timezone.now())
        activity = Activity.objects.create(campaign=target, title=title, **values)
        activity.co_organizers.set(co_organizers)
        return activity

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
