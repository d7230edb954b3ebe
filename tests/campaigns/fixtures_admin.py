"""Fixtures and helpers for the tests of the admin where the association's staff run the
campaign (/admin/campaigns/…): tests/campaigns/test_admin_*.py import them.

The review queue, publish and return-with-a-reason (as list actions and as buttons on an
activity's page), edits that go through the services, the history on each record, the
diacritic-blind search and unit filter, and the export to Excel and CSV.

campaign            Tháng Khuyến học 2024, open for entries, focus areas 1 and 7
activity(state=..., by=officer of Lê Chân, **fields)
                    an activity brought to `state` through the services
submitted           three submitted activities, submitted in this order
post_action(client, url, action, activities, **data)
                    a list action as the changelist posts it

A test module takes the fixtures by naming them, as tests/organizations/fixtures_units.py
is used: `campaign = fixtures_admin.campaign`. The data come from
tests/campaigns/factories.py.
"""

import datetime

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from campaigns.models import Activity, ActivityState
from tests.campaigns.factories import bring_to, enter_activity, make_campaign

ACTIVITIES = reverse("admin:campaigns_activity_changelist")
QUEUE = reverse("admin:campaigns_activitytoreview_changelist")
EXPORT = reverse("admin:campaigns_activity_export")
SEPT_15 = datetime.date(2024, 9, 15)


def change_url(activity):
    return reverse("admin:campaigns_activity_change", args=[activity.pk])


def page_messages(response):
    return [str(message) for message in response.context["messages"]]


@pytest.fixture
def campaign(db):
    """Tháng Khuyến học 2024 (Kế hoạch 204/KH-UBND, 5/9–5/10/2024), open for entries."""
    return make_campaign()


@pytest.fixture
def activity(campaign, officer_le_chan, staff):
    """activity(state=..., by=officer of Lê Chân, **fields): brought to `state` through the
    services, so that its history is the real one."""

    def make(state=ActivityState.SUBMITTED, *, by=None, **fields):
        officer = by or officer_le_chan
        return bring_to(
            enter_activity(campaign, by=officer, **fields),
            state,
            officer=officer,
            staff=staff,
            return_reason="Thiếu địa chỉ.",
            cancel_reason="Hoãn vì bão.",
        )

    return make


@pytest.fixture
def submitted(activity, staff):
    """Three submitted activities, submitted in this order."""
    first = activity(title="Hội nghị triển khai Tháng Khuyến học")
    second = activity(title="Ngày hội đọc sách phường An Biên")
    third = activity(title="Trao học bổng Hoa Phượng Đỏ")
    for minutes, item in enumerate([first, second, third]):
        Activity.objects.filter(pk=item.pk).update(
            submitted_at=datetime.datetime(2024, 9, 1, 8, minutes, tzinfo=datetime.UTC)
        )
    return first, second, third


def post_action(client, url, action, activities, **data):
    return client.post(
        url,
        {"action": action, ACTION_CHECKBOX_NAME: [str(a.pk) for a in activities], **data},
        follow=False,
    )
