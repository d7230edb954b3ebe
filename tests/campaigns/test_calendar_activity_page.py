"""The public page of one activity (/activities/<pk>/): what a citizen needs to take part,
a cancellation shown prominently, the published results, and the public changes without who
made them. Fixtures: tests/campaigns/fixtures_calendar.py.
"""

import datetime

from django.urls import reverse

from campaigns import services
from campaigns.models import ActivityResult, ActivityState
from tests.campaigns import fixtures_calendar
from tests.campaigns.factories import enter_activity
from tests.campaigns.fixtures_calendar import CALENDAR, get

today = fixtures_calendar.today
campaign = fixtures_calendar.campaign
make_activity = fixtures_calendar.make_activity


# --- one activity -----------------------------------------------------------------------


def test_activity_page_shows_what_a_citizen_needs(anonymous_client, make_activity, units):
    activity = make_activity(
        "Trao học bổng “Hoa Phượng Đỏ”",
        start_time=datetime.time(8, 0),
        end_time=datetime.time(10, 30),
        venue="Nhà Văn hóa quận Lê Chân",
        address="Số 1 Hồ Sen",
        commune=units.an_bien,
        co_organizers=[units.association],
        audience="Học sinh vượt khó",
        expected_participants=250,
        contact_name="Nguyễn Thị Thu Hà",
        contact_phone="0225 3856 123",
        contact_email="khuyenhoc@lechan.haiphong.gov.vn",
        description="Trao 100 suất học bổng.",
    )

    page = get(anonymous_client, activity.get_absolute_url())

    for text in (
        activity.title,
        "15/09/2024, 08:00–10:30",
        "Nhà Văn hóa quận Lê Chân",
        "Số 1 Hồ Sen",
        "Phường An Biên",
        "Quận Lê Chân",
        "Hội Khuyến học thành phố Hải Phòng",
        "1. Tuyên truyền về công tác khuyến học",
        "Ceremony",
        "Học sinh vượt khó",
        "250",
        "Nguyễn Thị Thu Hà",
        "khuyenhoc@lechan.haiphong.gov.vn",
        "Trao 100 suất học bổng.",
    ):
        assert text in page, text
    assert f'href="{reverse("campaigns:activity-ics", args=[activity.pk])}"' in page
    assert f'href="{CALENDAR}?campaign=2024&amp;month=2024-09"' in page


def test_activity_page_shows_cancellation_prominently(anonymous_client, make_activity):
    activity = make_activity(
        "Hội thi", state=ActivityState.CANCELLED, cancel_reason="Bão số 3 đổ bộ."
    )

    page = get(anonymous_client, activity.get_absolute_url())

    assert "This activity has been cancelled." in page
    assert "Bão số 3 đổ bộ." in page


def test_activity_page_shows_published_results(anonymous_client, make_activity):
    activity = make_activity("Vận động Quỹ Khuyến học")
    ActivityResult.objects.create(
        activity=activity,
        participants=320,
        money_raised=152_500_000,
        people_supported=45,
        awards_given=30,
    )

    page = get(anonymous_client, activity.get_absolute_url())

    assert "152.500.000\u00a0₫" in page
    for figure in ("320", "45", "30"):
        assert f"<dd>{figure}</dd>" in page


def test_activity_page_lists_public_changes_without_who_made_them(
    anonymous_client, campaign, officer_le_chan, staff
):
    activity = enter_activity(
        campaign, by=officer_le_chan, venue="Nhà Văn hóa quận", start_time=None, end_time=None
    )
    services.update_activity(activity, by=officer_le_chan, venue="Sân vận động")  # a draft
    services.submit_activity(activity, by=officer_le_chan)
    services.publish_activity(activity, by=staff)
    services.update_activity(activity, by=officer_le_chan, start_time=datetime.time(8, 0))
    services.cancel_activity(activity, by=officer_le_chan, reason="Trùng lịch họp thành phố.")

    page = get(anonymous_client, activity.get_absolute_url())

    log = page[page.index("Changes since publication") :]
    assert "changed start time" in log
    assert "venue" not in log  # changed before publication
    assert "cancelled (Trùng lịch họp thành phố.)" in log
    assert officer_le_chan.full_name not in page
    assert staff.full_name not in page
