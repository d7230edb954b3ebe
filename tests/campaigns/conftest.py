"""Fixtures of the campaign's tests (the personas, `campaign`, `activity`, `submitted`,
`today` and `_english` are in tests/conftest.py; the data come from
tests/campaigns/factories.py, the pages' addresses and readers from tests/campaigns/pages.py).

A module turns on the ones that change a test's world with
`pytestmark = pytest.mark.usefixtures(...)`: the calendar's tests take "today", "key_dates";
the officers' area's "today"; the services' "_english"; the upload's "today_1_september".

key_dates           Ngày Khuyến học Việt Nam (2/10) on the test's campaign, when the test has
                    one (a test without a campaign stays without)
today_1_september   the portal's "today" is 1/9/2024, before the 2024 campaign starts
make_activity(title, **fields)
                    an activity written straight to the database, published by default
every_state         one activity in each state, and one published but internal
new_activity(by=officer of Lê Chân, **fields)
                    a draft entered through the service
activity_in(state, **fields)
                    an activity brought to `state` by the allowed moves
official_staff      association staff (Hội Khuyến học thành phố) on the official tree
                    (`official_tree`), who may enter for any unit; official_staff_client signs
                    them in (English pages)
"""

import datetime

import pytest

from campaigns.models import ActivityState
from organizations.models import Role, Unit
from tests.campaigns.factories import (
    bring_to,
    enter_activity,
    freeze_today,
    make_key_dates,
    write_activity,
)


@pytest.fixture
def key_dates(request):
    """Ngày Khuyến học on the campaign, made with it, for the tests that have one."""
    if "campaign" in request.fixturenames:
        return make_key_dates(request.getfixturevalue("campaign"))
    return []


@pytest.fixture
def today_1_september(monkeypatch):
    freeze_today(monkeypatch, datetime.date(2024, 9, 1))


@pytest.fixture
def make_activity(campaign, units):
    """make_activity(title, **fields): an activity written straight to the database,
    published unless `state` says otherwise (the workflow is tested elsewhere)."""

    def make(title, **fields):
        fields.setdefault("organizer", units.le_chan)
        return write_activity(fields.pop("campaign", campaign), title, **fields)

    return make


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


@pytest.fixture
def new_activity(campaign, officer_le_chan):
    """new_activity(by=officer of Lê Chân, **fields): a draft entered through the service."""

    def make(by=None, **fields):
        return enter_activity(campaign, by=by or officer_le_chan, **fields)

    return make


@pytest.fixture
def activity_in(new_activity, officer_le_chan, staff):
    """activity_in(state, **fields): an activity brought to `state` by the allowed moves."""

    def make(state, **fields):
        return bring_to(new_activity(**fields), state, officer=officer_le_chan, staff=staff)

    return make


@pytest.fixture
def official_staff(make_person):
    return make_person(
        "staff", Role.STAFF, Unit.objects.get(code="HKH-HP"), full_name="Vũ Thị Lan Anh"
    )


@pytest.fixture
def official_staff_client(client_for, official_staff):
    return client_for(official_staff)
