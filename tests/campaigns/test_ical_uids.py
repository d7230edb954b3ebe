"""Each event's UID in the iCalendar feed belongs to the activity, not to the portal's address.

A subscriber's calendar app knows an event by its UID: a new UID is a new event, and the old
one stays beside it. So setting or changing the public address (PORTAL_BASE_URL) must leave
every UID as it was, while the events' links follow the new address; and the activities that
existed before UIDs were stored keep the UID the feed had been giving them.
"""

import uuid

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from icalendar import Calendar

from campaigns import services
from campaigns.models import Activity
from tests.campaigns import fixtures_calendar

FEED = reverse("campaigns:calendar-ics")
OLD_ADDRESS = "https://khuyenhoc.haiphong.gov.vn"
NEW_ADDRESS = "https://lich.khuyenhoc.haiphong.gov.vn:8443"

today = fixtures_calendar.today
campaign = fixtures_calendar.campaign
make_activity = fixtures_calendar.make_activity


@pytest.fixture(autouse=True)
def _address(settings):
    settings.PORTAL_BASE_URL = OLD_ADDRESS


def feed_events(client, path=FEED):
    response = client.get(path)
    assert response.status_code == 200, response.content
    return {
        str(event["UID"]): event for event in Calendar.from_ical(response.content).walk("VEVENT")
    }


def test_uids_stay_when_the_public_address_changes(anonymous_client, make_activity, settings):
    reading = make_activity("Ngày hội đọc sách")
    make_activity("Lễ phát động Tháng Khuyến học")
    before = feed_events(anonymous_client)
    one_before = feed_events(anonymous_client, reverse("campaigns:activity-ics", args=[reading.pk]))

    etag = anonymous_client.get(FEED)["ETag"]
    settings.PORTAL_BASE_URL = NEW_ADDRESS
    assert anonymous_client.get(FEED, HTTP_IF_NONE_MATCH=etag).status_code == 200
    after = feed_events(anonymous_client)
    one_after = feed_events(anonymous_client, reverse("campaigns:activity-ics", args=[reading.pk]))

    assert len(before) == 2
    assert set(after) == set(before)
    assert set(one_after) == set(one_before) == {reading.calendar_uid}
    for uid in after:
        assert "khuyenhoc" not in uid
        page = NEW_ADDRESS + Activity.objects.get(calendar_uid=uid).get_absolute_url()
        assert str(after[uid]["URL"]) == page
        assert str(after[uid]["DESCRIPTION"]).endswith(f"Details: {page}")
        assert str(before[uid]["URL"]).startswith(OLD_ADDRESS + "/activities/")


def test_the_feed_links_to_the_public_address_not_the_requests_host(
    anonymous_client, make_activity
):
    activity = make_activity("Ngày hội đọc sách")

    response = anonymous_client.get(FEED, HTTP_HOST="127.0.0.1")

    (event,) = Calendar.from_ical(response.content).walk("VEVENT")
    assert str(event["URL"]) == OLD_ADDRESS + f"/activities/{activity.pk}/"
    assert b"127.0.0.1" not in response.content


def test_a_new_activity_gets_a_uid_of_its_own_for_life(make_activity, officer_le_chan):
    first = make_activity("Ngày hội đọc sách")
    second = make_activity("Tập huấn cán bộ")
    uid = first.calendar_uid

    services.update_activity(first, by=officer_le_chan, venue="Nhà Văn hóa quận Lê Chân")

    assert uuid.UUID(uid).version == 4
    assert second.calendar_uid != uid
    assert Activity.objects.get(pk=first.pk).calendar_uid == uid


def migrate(target):
    executor = MigrationExecutor(connection)
    executor.migrate([target])


@pytest.mark.django_db(transaction=True)
def test_activities_made_before_the_upgrade_keep_the_uid_the_feed_gave_them(
    anonymous_client, make_activity
):
    activities = [make_activity("Ngày hội đọc sách"), make_activity("Tập huấn cán bộ")]
    changed = {a.pk: a.updated_at for a in Activity.objects.all()}
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes("campaigns")[0]
    try:
        migrate(("campaigns", "0002_review_queue"))  # the portal as it was: no stored UID
        migrate(latest)
    finally:
        migrate(latest)

    # What the feed wrote before: activity-<pk>@<host of PORTAL_BASE_URL>.
    issued = {f"activity-{a.pk}@khuyenhoc.haiphong.gov.vn" for a in activities}
    assert set(Activity.objects.values_list("calendar_uid", flat=True)) == issued
    assert set(feed_events(anonymous_client)) == issued
    assert {a.pk: a.updated_at for a in Activity.objects.all()} == changed
    assert uuid.UUID(make_activity("Hoạt động mới").calendar_uid)
