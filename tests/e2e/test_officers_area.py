"""The officers' area's front page (/portal/) as three people see it, on a desktop and on
a phone: an officer of Quận Lê Chân, the district's approver and the association's staff.
Each sees what is due for them (and not another district's), the panels their roles open,
and the menu's officers' part; the page fits a phone's width and passes axe-core."""

import datetime

import pytest
from playwright.sync_api import expect

from campaigns.models import ActivityState
from tests.campaigns.factories import bring_to, enter_activity, freeze_today, make_campaign
from tests.e2e.conftest import PHONE

pytestmark = pytest.mark.e2e


@pytest.fixture
def month(monkeypatch, units, officer_le_chan, officer_kien_an, staff):
    """The 2024 month on 20/09/2024: Lê Chân has work waiting in every kind, Kiến An some."""
    freeze_today(monkeypatch)
    campaign = make_campaign()

    def activity(state, by, title, **fields):
        return bring_to(
            enter_activity(campaign, by=by, title=title, **fields),
            state,
            officer=by,
            staff=staff,
        )

    activity(ActivityState.RETURNED, officer_le_chan, "Hội thi “Gia đình học tập” phường An Biên")
    activity(ActivityState.DRAFT, officer_le_chan, "Tọa đàm khuyến học, khuyến tài quận Lê Chân")
    activity(ActivityState.DRAFT, officer_le_chan, "Ngày hội đọc sách phường Dư Hàng Kênh")
    activity(ActivityState.SUBMITTED, officer_le_chan, "Lễ trao học bổng Hoa Phượng Đỏ")
    activity(
        ActivityState.PUBLISHED,
        officer_le_chan,
        "Lễ phát động Tháng Khuyến học quận Lê Chân",
        starts_on=datetime.date(2024, 9, 10),
    )
    activity(
        ActivityState.PUBLISHED,
        officer_le_chan,
        "Tuần lễ hưởng ứng học tập suốt đời",
        starts_on=datetime.date(2024, 10, 1),
    )
    activity(ActivityState.DRAFT, officer_kien_an, "Bản nháp của quận Kiến An")
    activity(ActivityState.SUBMITTED, officer_kien_an, "Hội nghị khuyến học quận Kiến An")
    return campaign


# What each person's "What is due" shows, tile by tile: (count, the tile's tone).
DUE = {
    "officer_le_chan": [("1", "attention"), ("2", "action"), ("1", "action")],
    "approver_le_chan": [("1", "attention"), ("2", "action"), ("1", "action"), ("1", "info")],
    "staff": [("2", "action")],
}


@pytest.mark.parametrize("who", list(DUE))
@pytest.mark.parametrize("screen", ["desktop", "phone"])
def test_dashboard_as_seen_by(
    request,
    who,
    screen,
    month,
    open_page,
    visit,
    log_in,
    persona_password,
    screenshot,
    assert_accessible,
):
    person = request.getfixturevalue(who)
    if screen == "phone":
        page = open_page(width=PHONE["width"], height=PHONE["height"], mobile=True)
    else:
        page = open_page()
    log_in(page, person, persona_password)

    visit(page, "/portal/")

    expect(page.locator("main#main h1")).to_contain_text(person.display_name)
    tiles = page.locator(".officers-due .due-tile")
    expect(tiles).to_have_count(len(DUE[who]))
    for tile, (count, tone) in zip(tiles.all(), DUE[who], strict=True):
        expect(tile.locator(".due-tile__count")).to_have_text(count)
        expect(tile).to_have_class(f"due-tile due-tile--{tone}")
    expect(page.get_by_role("heading", level=2, name=month.title, exact=True)).to_be_visible()
    expect(page.locator("main")).not_to_contain_text("Bản nháp của quận Kiến An")
    screenshot(page, f"officers-area-{who}-{screen}")
    assert_accessible(page)
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], "the page is wider than the screen"


def test_a_due_tile_leads_to_its_list_with_the_reason(
    page, month, visit, log_in, officer_le_chan, persona_password
):
    log_in(page, officer_le_chan, persona_password)
    visit(page, "/portal/")

    page.locator(".due-tile--attention").click()

    assert page.url.endswith("/portal/#due-returned")
    returned = page.locator("section#due-returned")
    expect(returned).to_be_in_viewport()
    expect(returned.locator(".return-reason")).to_be_visible()


def test_staff_open_the_review_queue_from_the_dashboard(
    page, month, visit, log_in, staff, persona_password
):
    log_in(page, staff, persona_password)
    visit(page, "/portal/")
    review = page.locator(".officers-panel--campaigns-review")
    expect(review.locator(".due__item")).to_have_count(2)
    expect(review.locator(".due__item").first).to_contain_text("Lễ trao học bổng Hoa Phượng Đỏ")

    with page.expect_navigation():
        page.locator(".due-tile").first.click()

    assert "/admin/" in page.url
