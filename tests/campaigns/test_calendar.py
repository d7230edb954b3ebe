"""The public calendar (/calendar/) and the page of one activity (/activities/<pk>/).

A citizen sees only what was published (and, marked, what was cancelled after that); can
narrow the month or the list to a district, a focus area, a kind or some dates; finds an
activity by typing without accents; and browses past years. Whatever they type into the
address, the page answers with a message, never a server error.
"""

import datetime
import re

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from campaigns import services
from campaigns.calendar_grid import build_month
from campaigns.models import (
    Activity,
    ActivityKind,
    ActivityResult,
    ActivityState,
    Campaign,
    CampaignState,
    FocusArea,
    KeyDate,
)
from organizations.models import UnitKind
from organizations.services import rebuild_ancestry

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


def _campaign(year, *, state=CampaignState.OPEN, starts=(9, 5), ends=(10, 5)):
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
    campaign = _campaign(2024)
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


# --- what is public ---------------------------------------------------------------------


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


HIDDEN = ("draft", "submitted", "returned", "internal")


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"view": "list"},
        {"view": "list", "q": "hoi thao khuyen hoc"},
        {"q": "khuyen hoc"},
        {"view": "list", "from": "15/09/2024", "to": "15/09/2024"},
    ],
    ids=["month", "list", "list-search", "month-search", "day-list"],
)
def test_calendar_shows_only_published_and_cancelled(anonymous_client, every_state, params):
    page = get(anonymous_client, **params)

    assert links_to(page, every_state["published"]) == 1
    assert links_to(page, every_state["cancelled"]) == 1
    for name in HIDDEN:
        assert every_state[name].title not in page, name
        assert links_to(page, every_state[name]) == 0, name


def test_calendar_cancelled_activity_is_marked_with_its_reason(anonymous_client, every_state):
    listing = get(anonymous_client, view="list")
    month = get(anonymous_client)

    assert "Bão số 3 đổ bộ vào thành phố." in listing
    assert "event--cancelled" in listing
    assert "cal-entry--cancelled" in month
    assert "Cancelled" in month


def test_activity_page_is_404_unless_public(anonymous_client, every_state):
    for name in HIDDEN:
        response = anonymous_client.get(every_state[name].get_absolute_url())
        assert response.status_code == 404, name
    assert anonymous_client.get(every_state["published"].get_absolute_url()).status_code == 200
    assert anonymous_client.get(reverse("activity-detail", args=[999999])).status_code == 404


def test_activity_page_of_a_draft_is_404_even_for_its_officer(
    client_for, officer_le_chan, every_state
):
    client = client_for(officer_le_chan)

    assert client.get(every_state["draft"].get_absolute_url()).status_code == 404


# --- filters ------------------------------------------------------------------------


@pytest.fixture
def moved_ward(units, make_unit):
    """Phường Lãm Hà under Lê Chân until 31/12/2024, then (a new row, same code) under Kiến
    An. Made up, like Xã Đại Bản's move from An Dương to Hồng Bàng on 1/1/2025."""
    before = make_unit(
        "11429",
        "Phường Lãm Hà",
        UnitKind.WARD,
        units.le_chan,
        valid_until=datetime.date(2024, 12, 31),
    )
    after = make_unit(
        "11429",
        "Phường Lãm Hà",
        UnitKind.WARD,
        units.kien_an,
        valid_from=datetime.date(2025, 1, 1),
        valid_until=datetime.date(2025, 6, 30),
    )
    rebuild_ancestry()
    return before, after


def test_calendar_unit_filter_follows_the_tree_on_the_activitys_date(
    anonymous_client, make_activity, units, moved_ward
):
    before, after = moved_ward
    spring = _campaign(2025, starts=(3, 1), ends=(3, 31))
    in_2024 = make_activity(
        "Ngày hội đọc sách phường Lãm Hà 2024", organizer=units.department, commune=before
    )
    in_2025 = make_activity(
        "Ngày hội đọc sách phường Lãm Hà 2025",
        campaign=spring,
        organizer=units.department,
        commune=after,
        starts_on=datetime.date(2025, 3, 10),
    )

    def listed(year, unit):
        page = get(anonymous_client, campaign=year, view="list", unit=unit.pk)
        assert "could not be used" not in page
        return {a.title for a in (in_2024, in_2025) if links_to(page, a)}

    assert listed(2024, units.le_chan) == {in_2024.title}
    assert listed(2024, units.kien_an) == set()
    assert listed(2025, units.kien_an) == {in_2025.title}
    assert listed(2025, units.le_chan) == set()


def test_calendar_district_filter_takes_what_is_held_or_co_organised_in_it(
    anonymous_client, make_activity, units
):
    organised = make_activity("Lễ phát động của quận Lê Chân", organizer=units.le_chan)
    in_ward = make_activity("Tập huấn của phường An Biên", organizer=units.an_bien)
    held_there = make_activity(
        "Hội thi của Sở tổ chức tại An Biên", organizer=units.department, commune=units.an_bien
    )
    co_organised = make_activity(
        "Trao học bổng của Hội, phối hợp Dư Hàng Kênh",
        organizer=units.association,
        co_organizers=[units.du_hang_kenh],
    )
    elsewhere = make_activity("Ngày hội đọc sách quận Kiến An", organizer=units.kien_an)

    page = get(anonymous_client, view="list", unit=units.le_chan.pk)

    for activity in (organised, in_ward, held_there, co_organised):
        assert links_to(page, activity) == 1, activity.title
    assert links_to(page, elsewhere) == 0


def test_calendar_unit_select_offers_the_campaigns_units_grouped(anonymous_client, campaign, units):
    page = get(anonymous_client)

    select = page[page.index('name="unit"') : page.index("</select>", page.index('name="unit"'))]
    assert '<optgroup label="Districts">' in select
    assert '<optgroup label="Quận Lê Chân">' in select
    assert "Phường An Biên" in select
    assert "Sở Giáo dục và Đào tạo" in select


@pytest.mark.parametrize("query", ["khuyen hoc", "KHUYEN HOC", "khuyến học", "phuong an bien"])
def test_calendar_search_ignores_diacritics_and_case(anonymous_client, make_activity, query):
    found = make_activity("Ngày hội Khuyến học phường An Biên")
    other = make_activity("Hội thi tìm hiểu về học tập suốt đời", venue="Nhà văn hóa")

    page = get(anonymous_client, view="list", q=query)

    assert links_to(page, found) == 1
    assert links_to(page, other) == 0


def test_calendar_focus_area_kind_and_dates_filter(anonymous_client, make_activity, campaign):
    fund_area = campaign.focus_areas.get(position=7)
    fund = make_activity(
        "Vận động Quỹ Khuyến học",
        focus_area=fund_area,
        kind=ActivityKind.FUNDRAISING,
        starts_on=datetime.date(2024, 9, 25),
    )
    ceremony = make_activity("Lễ phát động", starts_on=datetime.date(2024, 9, 10))

    by_area = get(anonymous_client, view="list", month="2024-09", area=fund_area.pk)
    by_kind = get(anonymous_client, view="list", month="2024-09", kind="fundraising")
    by_dates = get(anonymous_client, view="list", **{"from": "2024-09-01", "to": "12/09/2024"})

    assert (links_to(by_area, fund), links_to(by_area, ceremony)) == (1, 0)
    assert (links_to(by_kind, fund), links_to(by_kind, ceremony)) == (1, 0)
    assert (links_to(by_dates, fund), links_to(by_dates, ceremony)) == (0, 1)


# --- bad addresses ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "params",
    [
        {"unit": "abc", "month": "2024-13", "from": "99/99/9999"},
        {"unit": "999999"},
        {"area": "abc"},
        {"area": "999999"},
        {"kind": "picnic"},
        {"view": "year"},
        {"month": "2023-09"},
        {"month": "septembre"},
        {"from": "2024-09-14", "to": "2024-09-01"},
        {"to": "31/02/2024"},
        {"page": "abc", "view": "list"},
        {"page": "0", "view": "list"},
        {"campaign": "1999"},
        {"campaign": "all"},
        {"q": "x" * 300},
        {"q": "khuyen\x00hoc"},
    ],
)
def test_calendar_bad_filters_give_a_message_not_an_error(anonymous_client, make_activity, params):
    kept = make_activity("Lễ phát động Tháng Khuyến học")

    page = get(anonymous_client, **params)

    assert "could not be used" in page
    assert links_to(page, kept) == 1


def test_calendar_garbage_says_what_was_wrong(anonymous_client, campaign):
    page = get(anonymous_client, unit="abc", month="2024-13", **{"from": "99/99/9999"})

    assert "Choose a district, ward or body from the list." in page
    assert "Write the month as YYYY-MM" in page
    assert "Write the date as dd/mm/yyyy" in page


def test_calendar_page_number_beyond_the_end_shows_the_last_page(anonymous_client, make_activity):
    last = make_activity("Hội nghị tổng kết")

    page = get(anonymous_client, view="list", page="40")

    assert links_to(page, last) == 1


def test_calendar_in_vietnamese_by_default(client, make_activity):
    make_activity("Lễ phát động Tháng Khuyến học")

    response = client.get(CALENDAR)

    assert response.status_code == 200
    assert response.headers["Content-Language"] == "vi"


def test_calendar_without_any_campaign(anonymous_client, db):
    page = get(anonymous_client)

    assert "No campaign has been published yet" in page


def test_calendar_page_has_no_inline_style_or_script(anonymous_client, every_state):
    for params in ({}, {"view": "list"}):
        page = get(anonymous_client, **params)
        assert "style=" not in page
        assert "<script" not in page


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
    past = _campaign(2023, state=CampaignState.ARCHIVED)
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
    _campaign(2025, state=CampaignState.DRAFT)

    page = get(anonymous_client, campaign="2025")

    assert "could not be used" in page
    assert '<option value="2025"' not in page


def test_calendar_links_to_the_feed_with_the_same_filters(anonymous_client, campaign, units):
    page = get(anonymous_client, unit=units.kien_an.pk, q="doc sach")

    assert f"/calendar.ics?campaign=2024&amp;unit={units.kien_an.pk}&amp;q=doc+sach" in page
    assert "webcal://testserver/calendar.ics?" in page


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
    assert f'href="{reverse("activity-ics", args=[activity.pk])}"' in page
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
    anonymous_client, campaign, units, officer_le_chan, staff
):
    activity = services.create_activity(
        campaign=campaign,
        by=officer_le_chan,
        organizer=units.le_chan,
        focus_area=campaign.focus_areas.get(position=1),
        kind=ActivityKind.CEREMONY,
        title="Lễ phát động Tháng Khuyến học quận Lê Chân",
        starts_on=datetime.date(2024, 9, 15),
        venue="Nhà Văn hóa quận",
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


# --- pages kept in the cache --------------------------------------------------------------


def test_calendar_shows_a_change_at_once(anonymous_client, campaign, units, officer_le_chan, staff):
    activity = services.create_activity(
        campaign=campaign,
        by=officer_le_chan,
        organizer=units.le_chan,
        focus_area=campaign.focus_areas.get(position=1),
        kind=ActivityKind.CEREMONY,
        title="Lễ phát động Tháng Khuyến học",
        starts_on=datetime.date(2024, 9, 15),
    )
    services.submit_activity(activity, by=officer_le_chan)
    before = get(anonymous_client, view="list")
    services.publish_activity(activity, by=staff)
    published = get(anonymous_client, view="list")
    services.update_activity(activity, by=officer_le_chan, title="Lễ phát động (đổi giờ)")
    changed = get(anonymous_client, view="list")
    services.cancel_activity(activity, by=officer_le_chan, reason="Trùng lịch.")
    cancelled = get(anonymous_client, view="list")

    assert links_to(before, activity) == 0
    assert "Lễ phát động Tháng Khuyến học" in published
    assert "Lễ phát động (đổi giờ)" in changed
    assert "Trùng lịch." in cancelled


def test_activity_page_shows_results_entered_later(anonymous_client, make_activity):
    activity = make_activity("Vận động Quỹ Khuyến học")
    before = get(anonymous_client, activity.get_absolute_url())

    ActivityResult.objects.create(activity=activity, money_raised=1_500_000)
    after = get(anonymous_client, activity.get_absolute_url())

    assert "1.500.000" not in before
    assert "1.500.000\u00a0₫" in after


def test_calendar_page_in_each_language(client, anonymous_client, make_activity):
    make_activity("Lễ phát động Tháng Khuyến học")

    english = get(anonymous_client)
    vietnamese = get(client)  # the same address, just after the English one was cached

    assert '<abbr title="Monday">' in english
    assert '<abbr title="Thứ 2">' in vietnamese
