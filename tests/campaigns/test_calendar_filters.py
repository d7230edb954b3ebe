"""Narrowing the public calendar: by unit (following the tree as it stood on the activity's
date), focus area, kind, dates and a search that ignores diacritics; and addresses with bad
or garbage filters, which get a message, never a server error. Fixtures:
tests/campaigns/conftest.py.
"""

import datetime

import pytest

from campaigns.models import ActivityKind
from tests.campaigns.factories import make_campaign
from tests.campaigns.pages import CALENDAR, get, links_to

pytestmark = pytest.mark.usefixtures("today", "key_dates")


# --- filters ------------------------------------------------------------------------


def test_calendar_unit_filter_follows_the_tree_on_the_activitys_date(
    anonymous_client, make_activity, units, moved_ward
):
    before, after = moved_ward
    spring = make_campaign(
        2025, starts_on=datetime.date(2025, 3, 1), ends_on=datetime.date(2025, 3, 31)
    )
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
