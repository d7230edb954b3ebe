"""Fixtures for the tests of the campaign's rules, through the services every screen calls
(campaigns.services): tests/campaigns/test_services_*.py import them.

An activity goes draft → submitted → published (or returned with a reason → submitted
again); a published activity can be changed or cancelled. A campaign goes draft → open →
closed → archived, and may be reopened. Each move is refused with a message when it is not
allowed, is recorded in the record's history with who, why and what changed, and tells the
organising unit's officers by e-mail when staff return or publish their activity.

_english            (autouse where imported) messages in English
campaign            Tháng Khuyến học 2024, open for entries, focus areas 1 and 7
new_activity(by=officer of Lê Chân, **fields)
                    a draft entered through the service
activity_in(state)  an activity brought to `state` by the allowed moves
history(obj)        the record's history entries, oldest first

A test module takes the fixtures by naming them, as tests/organizations/fixtures_units.py
is used: `campaign = fixtures_services.campaign`.
"""

import datetime

import pytest
from django.utils import translation

from campaigns import services
from campaigns.models import ActivityKind, ActivityState, Campaign, CampaignState, FocusArea
from organizations import audit


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def campaign(db):
    """Tháng Khuyến học 2024 (Kế hoạch 204/KH-UBND, 5/9–5/10/2024), open for entries."""
    campaign = Campaign.objects.create(
        year=2024,
        title="Tháng Khuyến học năm 2024",
        plan_number="204/KH-UBND",
        plan_date=datetime.date(2024, 8, 28),
        plan_issuer="UBND thành phố Hải Phòng",
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
            "ends_on": datetime.date(2024, 9, 15),
            "end_time": datetime.time(11, 0),
            "venue": "Nhà Văn hóa quận Lê Chân",
        }
        values.update(fields)
        return services.create_activity(campaign=campaign, by=by or officer_le_chan, **values)

    return make


@pytest.fixture
def activity_in(new_activity, officer_le_chan, staff):
    """activity_in(state): an activity brought to `state` by the allowed moves."""

    def make(state):
        activity = new_activity()
        if state == ActivityState.DRAFT:
            return activity
        activity = services.submit_activity(activity, by=officer_le_chan)
        if state == ActivityState.RETURNED:
            return services.return_activity(activity, by=staff, reason="Thiếu địa điểm.")
        if state in {ActivityState.PUBLISHED, ActivityState.CANCELLED}:
            activity = services.publish_activity(activity, by=staff)
        if state == ActivityState.CANCELLED:
            activity = services.cancel_activity(activity, by=staff, reason="Mưa bão.")
        return activity

    return make


def history(obj):
    return list(audit.history_of(obj).order_by("at", "pk"))
