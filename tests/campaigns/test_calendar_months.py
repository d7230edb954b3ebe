"""The public calendar's months, days and years: which month it opens on, the month grid of
weeks from Monday with activities over several days, the list by day, past campaigns kept
browsable, and the link to the feed with the same filters. Fixtures:
tests/campaigns/conftest.py.
"""

import datetime
import re

import pytest

from campaigns.calendar_grid import build_month
from campaigns.models import CampaignState
from tests.campaigns.factories import make_campaign
from tests.campaigns.pages import CALENDAR, get, links_to

pytestmark = pytest.mark.usefixtures("today", "key_dates")


# --- months, days and years -------------------------------------------------------------


def test_calendar_opens_on_todays_month_inside_the_campaign(anonymous_client, campaign, today):
    today(datetime.date(2024, 10, 3))

    page = get(anonymous_client)

    assert "October 2024" in page
    assert 'rel="prev"' in page
    assert 'rel="next"' not in page  # the campaign ends in October


def test_calendar_opens_on_the_first_month_after_the_campaign(anonymous_client, campaign, today):
    today(datetime.date(2026, 11, 26))

    page = get(anonymous_client)

    assert "September 2024" in page
    assert 'rel="next"' in page
    assert 'rel="prev"' not in page


def test_calendar_month_follows_the_date_range(anonymous_client, campaign):
    page = get(anonymous_client, **{"from": "02/10/2024"})

    assert '<h2 class="month-nav__current">October 2024</h2>' in page


def test_calendar_month_grid_is_a_table_of_weeks_from_monday(anonymous_client, campaign):
    page = get(anonymous_client, month="2024-09")

    assert "<table" in page
    headers = re.findall(r'<th scope="col"><abbr title="(\w+)">', page)
    assert headers == [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ]
    # September 2024 starts on a Sunday and ends on a Monday: six weeks.
    assert page.count("<tr>") == 1 + 6


def test_calendar_month_grid_puts_a_three_day_activity_on_three_days(
    anonymous_client, make_activity
):
    three_days = make_activity(
        "Hội thi tìm hiểu về học tập suốt đời",
        starts_on=datetime.date(2024, 9, 16),
        ends_on=datetime.date(2024, 9, 18),
    )
    one_day = make_activity("Lễ phát động", starts_on=datetime.date(2024, 9, 16))

    page = get(anonymous_client, month="2024-09")

    assert links_to(page, three_days) == 3
    assert links_to(page, one_day) == 1


def test_month_grid_marks_the_continuing_days():
    rows = [
        (
            1,
            "Hội thi",
            datetime.date(2024, 9, 30),
            datetime.date(2024, 10, 2),
            None,
            None,
            "published",
        )
    ]

    month = build_month(
        datetime.date(2024, 10, 1),
        rows,
        campaign_first=datetime.date(2024, 9, 5),
        campaign_last=datetime.date(2024, 10, 5),
        today=datetime.date(2024, 10, 1),
    )

    days = {day.date: day for day in month.days}
    spanned = [date for date, day in days.items() if day.entries]
    assert spanned == [
        datetime.date(2024, 9, 30),
        datetime.date(2024, 10, 1),
        datetime.date(2024, 10, 2),
    ]
    assert [days[d].entries[0].continued for d in spanned] == [False, True, True]
    assert not days[datetime.date(2024, 9, 30)].in_month
    assert days[datetime.date(2024, 10, 1)].is_today
    assert not days[datetime.date(2024, 10, 6)].in_campaign


def test_calendar_month_grid_shows_a_month_long_activity_once_a_week(
    anonymous_client, make_activity
):
    whole_month = make_activity(
        "Triển lãm sách khuyến học suốt Tháng Khuyến học",
        starts_on=datetime.date(2024, 9, 5),
        ends_on=datetime.date(2024, 10, 5),
    )

    page = get(anonymous_client, month="2024-09")

    # September 2024's grid has six week rows; the activity runs in the last five of them.
    assert links_to(page, whole_month) == 5
    assert "(continued)" not in page
    assert "05/09 – 05/10" in page


def test_month_grid_puts_a_long_activity_once_in_each_week_row_across_its_days():
    rows = [
        (
            1,
            "Triển lãm",
            datetime.date(2024, 9, 5),
            datetime.date(2024, 10, 5),
            None,
            None,
            "published",
        ),
        (
            2,
            "Lễ phát động",
            datetime.date(2024, 9, 5),
            datetime.date(2024, 9, 5),
            None,
            None,
            "published",
        ),
    ]

    month = build_month(
        datetime.date(2024, 9, 1),
        rows,
        campaign_first=datetime.date(2024, 9, 5),
        campaign_last=datetime.date(2024, 10, 5),
        today=datetime.date(2024, 9, 20),
    )

    bands = [
        [
            (band.first, len(band.days_before), band.span, len(band.days_after))
            for band in week.bands
        ]
        for week in month.weeks
    ]
    assert bands == [
        [],  # 26/8 – 1/9
        [(datetime.date(2024, 9, 5), 3, 4, 0)],  # from Thursday 5/9
        [(datetime.date(2024, 9, 9), 0, 7, 0)],
        [(datetime.date(2024, 9, 16), 0, 7, 0)],
        [(datetime.date(2024, 9, 23), 0, 7, 0)],
        [(datetime.date(2024, 9, 30), 0, 6, 1)],  # until Saturday 5/10
    ]
    entries = [entry.activity.pk for day in month.days for entry in day.entries]
    assert entries == [2]  # the one-day activity, on its day; the long one on no day
    assert not month.is_empty


def test_calendar_crowded_day_links_to_its_list(anonymous_client, make_activity):
    crowded = [
        make_activity(f"Hoạt động số {n}", start_time=datetime.time(7 + n, 0)) for n in range(6)
    ]

    month = get(anonymous_client, month="2024-09")
    more = re.search(r'<a class="cal-more" href="\?([^"]+)">\+(\d+) more', month)

    assert more is not None
    assert more.group(2) == "3"
    assert sum(links_to(month, a) for a in crowded) == 3
    day_list = anonymous_client.get(CALENDAR + "?" + more.group(1).replace("&amp;", "&"))
    listing = day_list.content.decode()
    assert all(links_to(listing, a) == 1 for a in crowded)
    assert "6 activities on Sunday 15/09/2024." in listing


def test_calendar_month_links_stay_inside_the_campaign(anonymous_client, campaign):
    september = get(anonymous_client, month="2024-09")
    october = get(anonymous_client, month="2024-10")

    assert "month=2024-10" in september
    assert "month=2024-08" not in september
    assert "month=2024-11" not in october


def test_calendar_list_groups_by_day_in_order(anonymous_client, make_activity):
    later = make_activity("Hội nghị tổng kết", starts_on=datetime.date(2024, 9, 28))
    earlier = make_activity("Lễ phát động", starts_on=datetime.date(2024, 9, 6))

    page = get(anonymous_client, view="list", month="2024-09")

    assert page.index("Friday, 06/09/2024") < page.index(earlier.title)
    assert page.index(earlier.title) < page.index("Saturday, 28/09/2024")
    assert page.index("Saturday, 28/09/2024") < page.index(later.title)


def test_calendar_past_campaign_stays_browsable(anonymous_client, make_activity, campaign):
    past = make_campaign(2023, state=CampaignState.ARCHIVED)
    old = make_activity(
        "Lễ phát động Tháng Khuyến học 2023",
        campaign=past,
        starts_on=datetime.date(2023, 9, 8),
    )
    current = make_activity("Lễ phát động Tháng Khuyến học 2024")

    default = get(anonymous_client)
    page = get(anonymous_client, campaign="2023", view="list", month="2023-09")

    assert '<option value="2023"' in default
    assert links_to(default, old) == 0
    assert links_to(page, old) == 1
    assert links_to(page, current) == 0
    assert anonymous_client.get(old.get_absolute_url()).status_code == 200


def test_calendar_draft_campaign_is_not_browsable(anonymous_client, campaign):
    make_campaign(2025, state=CampaignState.DRAFT)

    page = get(anonymous_client, campaign="2025")

    assert "could not be used" in page
    assert '<option value="2025"' not in page


def test_calendar_links_to_the_feed_with_the_same_filters(anonymous_client, campaign, units):
    page = get(anonymous_client, unit=units.kien_an.pk, q="doc sach")

    assert f"/calendar.ics?campaign=2024&amp;unit={units.kien_an.pk}&amp;q=doc+sach" in page
    assert "webcal://testserver/calendar.ics?" in page
