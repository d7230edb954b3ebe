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
is used: `campaign = fixtures_portal.campaign`.
"""

import datetime

import pytest
from django.utils import timezone

from campaigns import services
from campaigns.models import ActivityKind, ActivityState, Campaign, CampaignState, FocusArea

DAY_IN_CAMPAIGN = datetime.date(2024, 9, 20)


@pytest.fixture(autouse=True)
def today(monkeypatch):
    """The portal's "today" is 20/09/2024, inside the 2024 campaign, unless a test moves it."""
    state = {"day": DAY_IN_CAMPAIGN}
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: state["day"])

    def move(day):
        state["day"] = day

    return move


@pytest.fixture
def campaign(db):
    """Tháng Khuyến học 2024 (Kế hoạch 204/KH-UBND, 5/9–5/10/2024), open for entries."""
    campaign = Campaign.objects.create(
        year=2024,
        title="Tháng Khuyến học năm 2024",
        plan_number="204/KH-UBND",
        starts_on=datetime.date(2024, 9, 5),
        ends_on=datetime.date(2024, 10, 5),
        state=CampaignState.OPEN,
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
def new_activity(campaign, units, officer_le_chan):
    """new_activity(by=officer of Lê Chân, **fields): a draft entered through the service."""

    def make(by=None, **fields):
        values = {
            "organizer": units.le_chan,
            "focus_area": campaign.focus_areas.get(position=1),
            "kind": ActivityKind.CEREMONY,
            "title": "Lễ phát động Tháng Khuyến học quận Lê Chân",
            "starts_on": datetime.date(2024, 9, 15),
            "start_time": datetime.time(8, 0),
            "end_time": datetime.time(11, 0),
            "venue": "Nhà Văn hóa quận Lê Chân",
        }
        values.update(fields)
        return services.create_activity(campaign=campaign, by=by or officer_le_chan, **values)

    return make


@pytest.fixture
def activity_in(new_activity, officer_le_chan, staff):
    """activity_in(state, **fields): an activity brought to `state` by the allowed moves."""

    def make(state, **fields):
        activity = new_activity(**fields)
        if state == ActivityState.DRAFT:
            return activity
        activity = services.submit_activity(activity, by=officer_le_chan)
        if state == ActivityState.RETURNED:
            return services.return_activity(
                activity, by=staff, reason="Thiếu địa chỉ cụ thể của nhà văn hóa."
            )
        if state in {ActivityState.PUBLISHED, ActivityState.CANCELLED}:
            activity = services.publish_activity(activity, by=staff)
        if state == ActivityState.CANCELLED:
            activity = services.cancel_activity(activity, by=staff, reason="Mưa bão.")
        return activity

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
