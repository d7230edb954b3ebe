"""Fixtures and helpers for the tests of the officers' area (/portal/): an official of
Quận Lê Chân enters the district's activities, follows them through review, and records what
came of them. tests/campaigns/test_portal_*.py import them.

The pages call the same services as the admin; these tests check what an officer sees and
what lands in the database when they use the forms.

today               (autouse where imported) the portal's "today" is 20/09/2024; today(day)
                    moves it
campaign            Tháng Khuyến học 2024, open for entries, focus areas 1 and 7
new_activity(by=officer of Lê Chân, **fields)
                    a draft entered through the service
activity_in(state, **fields)
                    an activity brought to `state` by the allowed moves
form_data(units, campaign, **overrides)
                    the activity form as an officer fills it in
page_text(response) the page as text

A test module takes the fixtures by naming them, as tests/organizations/fixtures_units.py
is used: `campaign = fixtures_portal.campaign`. The data come from tests/campaigns/factories.py.
"""

import pytest

from campaigns.models import ActivityKind
from tests.campaigns.factories import bring_to, enter_activity, freeze_today, make_campaign


@pytest.fixture(autouse=True)
def today(monkeypatch):
    """The portal's "today" is 20/09/2024, inside the 2024 campaign, unless a test moves it."""
    return freeze_today(monkeypatch)


@pytest.fixture
def campaign(db):
    """Tháng Khuyến học 2024 (Kế hoạch 204/KH-UBND, 5/9–5/10/2024), open for entries."""
    return make_campaign()


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


def form_data(units, campaign, **overrides):
    data = {
        "title": "Hội thi “Gia đình học tập” phường An Biên",
        "kind": ActivityKind.COMPETITION.value,
        "focus_area": str(campaign.focus_areas.get(position=1).pk),
        "description": "Các gia đình trong phường thi tìm hiểu về xây dựng xã hội học tập.",
        "audience": "Hội viên khuyến học, các gia đình",
        "expected_participants": "200",
        "organizer": str(units.le_chan.pk),
        "co_organizers": [str(units.department.pk)],
        "starts_on": "2024-09-21",
        "start_time": "08:00",
        "ends_on": "",
        "end_time": "11:30",
        "venue": "Nhà văn hóa phường An Biên",
        "address": "Số 2 Trần Nguyên Hãn, An Biên, Lê Chân",
        "commune": str(units.an_bien.pk),
        "contact_name": "Nguyễn Thị Thu Hà",
        "contact_phone": "0225 3856 123",
        "contact_email": "khuyenhoc.lechan@example.vn",
        "is_public": "on",
    }
    data.update(overrides)
    return data


def page_text(response):
    return response.content.decode()
