"""The first screen of a phone (390 × 844) as officers and citizens see it: the header,
the folded menu and the demo banner leave the page's own heading on it; the menu opens
without a script; and the month calendar lists a long activity once a week, not daily."""

import datetime

import pytest
from playwright.sync_api import expect

from tests.campaigns.factories import make_campaign, write_activity
from tests.e2e.conftest import ARTIFACTS, PHONE

pytestmark = pytest.mark.e2e

# The share of the first screen the header, the menu and the banner may take together
# with the heading under them: the heading ends above this line.
HEADING_WITHIN = 0.40


def menu(page):
    return page.get_by_role("navigation", name="Menu chính")


def test_officers_dashboard_heading_is_on_the_first_screen_of_a_phone(
    phone_page, visit, log_in, officer_le_chan, persona_password, settings
):
    settings.DEMO_MODE = True  # the banner of a demonstration copy, as in the field test
    log_in(phone_page, officer_le_chan, persona_password)

    visit(phone_page, "/portal/")

    heading = phone_page.locator("main#main h1")
    expect(heading).to_be_visible()
    box = heading.bounding_box()
    assert box["y"] + box["height"] <= HEADING_WITHIN * PHONE["height"], box
    expect(phone_page.locator(".demo-banner")).to_be_visible()
    expect(phone_page.locator(".site-nav__user")).to_have_text(officer_le_chan.display_name)
    ARTIFACTS.mkdir(exist_ok=True)  # the first screen only, as the officer sees it
    phone_page.screenshot(path=str(ARTIFACTS / "phone-dashboard-first-screen.png"))


def test_phone_menu_opens_and_leads_to_the_officers_pages(
    phone_page, visit, log_in, officer_le_chan, persona_password, assert_accessible, screenshot
):
    log_in(phone_page, officer_le_chan, persona_password)
    visit(phone_page, "/portal/")
    activities = menu(phone_page).get_by_role("link", name="Hoạt động", exact=True)
    expect(activities).to_be_hidden()

    menu(phone_page).locator("summary").click()

    expect(activities).to_be_visible()
    assert_accessible(phone_page)
    screenshot(phone_page, "phone-menu-open")
    with phone_page.expect_navigation():
        activities.click()
    assert phone_page.url.endswith("/portal/activities/")


def test_desktop_menu_is_open_without_a_toggle(
    page, visit, log_in, officer_le_chan, persona_password
):
    log_in(page, officer_le_chan, persona_password)

    visit(page, "/portal/")

    expect(menu(page).get_by_role("link", name="Hoạt động", exact=True)).to_be_visible()
    expect(menu(page).locator("summary")).to_be_hidden()


def test_phone_month_lists_a_month_long_activity_once_a_week(
    phone_page, visit, units, assert_accessible, screenshot
):
    campaign = make_campaign()
    exhibition = write_activity(
        campaign,
        "Triển lãm sách khuyến học suốt Tháng Khuyến học",
        organizer=units.le_chan,
        starts_on=datetime.date(2024, 9, 5),
        ends_on=datetime.date(2024, 10, 5),
    )
    write_activity(
        campaign,
        "Lễ trao học bổng Hoa Phượng Đỏ",
        organizer=units.kien_an,
        starts_on=datetime.date(2024, 9, 21),
        start_time=datetime.time(8, 0),
    )

    visit(phone_page, "/calendar/?campaign=2024&month=2024-09")

    listed = phone_page.locator("table.cal-month").get_by_role("link", name=exhibition.title)
    # The five weeks of September it runs in; each day with nothing else is left out.
    expect(listed.filter(visible=True)).to_have_count(5)
    expect(phone_page.get_by_text("(tiếp diễn)")).to_have_count(0)
    expect(phone_page.locator("td.cal-day:visible")).to_have_count(1)
    assert_accessible(phone_page)
    screenshot(phone_page, "phone-month-long-activity")
