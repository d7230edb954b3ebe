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
admin_post_data(page), form_values(form)
                    what a change page (or one form) would send back unchanged

A test module takes the fixtures by naming them, as tests/organizations/fixtures_units.py
is used: `campaign = fixtures_admin.campaign`.
"""

import datetime

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from campaigns import services
from campaigns.models import (
    Activity,
    ActivityKind,
    ActivityState,
    Campaign,
    CampaignState,
    FocusArea,
)

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
    campaign = Campaign.objects.create(
        year=2024,
        title="Tháng Khuyến học năm 2024",
        plan_number="204/KH-UBND",
        starts_on=datetime.date(2024, 9, 5),
        ends_on=datetime.date(2024, 10, 5),
        state=CampaignState.OPEN,
    )
    FocusArea.objects.create(
        campaign=campaign, position=1, title="Tuyên truyền", short_title="Tuyên truyền"
    )
    FocusArea.objects.create(
        campaign=campaign, position=7, title="Quỹ Khuyến học", short_title="Quỹ Khuyến học"
    )
    return campaign


@pytest.fixture
def activity(campaign, units, officer_le_chan, staff):
    """activity(state=..., by=officer of Lê Chân, **fields): brought to `state` through the
    services, so that its history is the real one."""

    def make(state=ActivityState.SUBMITTED, *, by=None, **fields):
        values = {
            "organizer": units.le_chan,
            "focus_area": campaign.focus_areas.get(position=1),
            "kind": ActivityKind.CEREMONY,
            "title": "Lễ phát động Tháng Khuyến học quận Lê Chân",
            "starts_on": SEPT_15,
            "start_time": datetime.time(8, 0),
            "end_time": datetime.time(11, 0),
            "venue": "Nhà Văn hóa quận Lê Chân",
        }
        values.update(fields)
        officer = by or officer_le_chan
        item = services.create_activity(campaign=campaign, by=officer, **values)
        if state == ActivityState.DRAFT:
            return item
        item = services.submit_activity(item, by=officer)
        if state == ActivityState.SUBMITTED:
            return item
        if state == ActivityState.RETURNED:
            return services.return_activity(item, by=staff, reason="Thiếu địa chỉ.")
        item = services.publish_activity(item, by=staff)
        if state == ActivityState.CANCELLED:
            item = services.cancel_activity(item, by=staff, reason="Hoãn vì bão.")
        return item

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


def form_values(form):
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if field.disabled or value is None:
            continue
        key = form.add_prefix(name)
        if isinstance(value, bool):
            if value:
                data[key] = "on"
        elif isinstance(value, list | tuple):
            data[key] = [str(v) for v in value]
        elif isinstance(value, datetime.date | datetime.time):
            data[key] = value.isoformat()
        else:
            data[key] = str(value)
    return data


def admin_post_data(page):
    """What the change page would send back unchanged, inline formsets included."""
    data = form_values(page.context["adminform"].form)
    for inline in page.context["inline_admin_formsets"]:
        management = inline.formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = management[name].value()
    return data
