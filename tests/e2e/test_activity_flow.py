"""The whole life of an activity, in a real browser, the way the people involved live it.

An officer of Quận Lê Chân enters an activity in the officers' area and submits it; the
association's staff return it from the admin's review queue with a written reason; the
officer reads why, fixes it and submits it again; staff publish it; a citizen finds it on the
public calendar by typing without diacritics and opens its page; the iCalendar feed carries
it; the officer cancels it, and both the calendar and the feed say so.

Every step goes through the pages (links, forms, buttons), never through the services: only
the campaign, and a second published activity that the search must leave out, are set up in
the database. The officer and staff read the English pages, whose wording stays put while the
Vietnamese translation is written; the citizen reads the portal's default Vietnamese, so what
is asserted on that side is data (titles, reasons) and the page's structure, never wording.
"""

import datetime
import re
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.utils import translation
from django.utils.text import capfirst
from playwright.sync_api import expect

from campaigns import services
from campaigns.models import Activity, ActivityKind, ActivityState
from tests.e2e.conftest import FOCUS_AREAS, field

pytestmark = pytest.mark.e2e

HAI_PHONG = ZoneInfo("Asia/Ho_Chi_Minh")

TITLE = "Ngày hội đọc sách khuyến học phường An Biên"
# What a citizen types on a phone without Vietnamese input: no diacritics, any case.
SEARCH = "ngay hoi doc sach khuyen hoc"
FIRST_VENUE = "Nhà văn hóa quận Lê Chân"
FIXED_VENUE = "Nhà văn hóa phường An Biên"
RETURN_REASON = (
    "Địa điểm chưa đúng: ngày hội tổ chức tại Nhà văn hóa phường An Biên, "
    "không phải Nhà văn hóa quận. Xin sửa lại rồi gửi lại."
)
CANCEL_REASON = "Hoãn do bão số 3; ngày hội sẽ tổ chức lại sau khi có thông báo mới."
DECOY_TITLE = "Lễ trao học bổng Hoa Phượng Đỏ quận Kiến An"
STARTS = datetime.datetime(2024, 9, 21, 8, 0, tzinfo=HAI_PHONG)

# --- the world the scenario happens in (campaign_2024: tests/e2e/conftest.py) ----------


@pytest.fixture
def decoy(campaign_2024, units, officer_kien_an, staff):
    """Another published activity of the same month, which the search must leave out."""
    activity = services.create_activity(
        campaign=campaign_2024,
        by=officer_kien_an,
        organizer=units.kien_an,
        focus_area=campaign_2024.focus_areas.get(position=8),
        kind=ActivityKind.AWARD_CEREMONY,
        title=DECOY_TITLE,
        starts_on=datetime.date(2024, 9, 21),
        ends_on=datetime.date(2024, 9, 21),
        venue="Hội trường UBND quận Kiến An",
        commune=units.bac_son,
    )
    services.submit_activity(activity, by=officer_kien_an)
    return services.publish_activity(activity, by=staff)


# --- helpers: a person using the pages ----------------------------------------------------


def badge(state):
    """The state's badge as the English pages print it."""
    with translation.override("en"):
        return capfirst(str(state.label))


def main_menu(page):
    return page.get_by_role("navigation", name="Main menu")


def portal_state(page):
    """The state badge under the activity's title in the officers' area."""
    return page.locator(".activity-head__meta .badge")


def activity_pk(page):
    match = re.search(r"/activities/(\d+)/", page.url)
    assert match, page.url
    return int(match.group(1))


def fetch_event(page, url, pk):
    """The feed's event for activity `pk`, parsed back with `icalendar`."""
    response = page.request.get(url("/calendar.ics"))
    assert response.ok, response.status
    assert response.headers["content-type"].startswith("text/calendar")
    feed = icalendar.Calendar.from_ical(response.body())
    uid = Activity.objects.values_list("calendar_uid", flat=True).get(pk=pk)
    events = [event for event in feed.walk("VEVENT") if str(event["UID"]) == uid]
    assert len(events) == 1, [str(event["UID"]) for event in feed.walk("VEVENT")]
    return events[0]


def search_calendar(page, words):
    """Type into the calendar's search box (found by its name, not its wording) and send."""
    box = page.locator("input[name=q]")
    box.fill(words)
    with page.expect_navigation(wait_until="load") as navigation:
        box.press("Enter")
    assert navigation.value is not None, page.url
    assert navigation.value.ok, f"{page.url}: {navigation.value.status}"
    assert "q=" + "+".join(words.split()) in page.url


def review_queue(page, follow):
    """Staff: from anywhere in the admin, to the review queue through its front page."""
    follow(page, page.locator("#site-name a"))
    follow(page, page.get_by_role("link", name="Review queue", exact=True))


# --- the scenario -------------------------------------------------------------------------


def test_activity_goes_from_draft_to_public_calendar_and_is_cancelled(
    open_page,
    visit,
    follow,
    sign_in_from,
    url,
    screenshot,
    assert_accessible,
    persona_password,
    officer_le_chan,
    staff,
    campaign_2024,
    decoy,
    units,
):
    officer = open_page(language="en")
    reviewer = open_page(language="en")
    citizen = open_page()

    # 1. The officer signs in, enters the activity as a draft and submits it.
    sign_in_from(officer, "/portal/", officer_le_chan, persona_password)
    expect(
        officer.get_by_role("heading", level=2, name=campaign_2024.title, exact=True)
    ).to_be_visible()
    follow(officer, officer.get_by_role("link", name="Enter a new activity"))

    expect(officer.get_by_role("heading", level=1)).to_have_text("New activity")
    expect(field(officer, "Organising unit")).to_have_value(str(units.le_chan.pk))
    field(officer, "Title").fill(TITLE)
    field(officer, "Kind").select_option(label="Reading or library event")
    field(officer, "Focus area").select_option(label="5. " + FOCUS_AREAS[4][0])
    field(officer, "Description").fill(
        "Giới thiệu sách hay, trao đổi kinh nghiệm đọc sách trong gia đình học tập, "
        "tặng sách cho học sinh có hoàn cảnh khó khăn."
    )
    field(officer, "Audience").fill("Học sinh, phụ huynh và nhân dân phường An Biên")
    field(officer, "Expected participants").fill("150")
    field(officer, "Start date").fill("2024-09-21")
    field(officer, "Start time").fill("08:00")
    field(officer, "End date").fill("2024-09-21")
    field(officer, "End time").fill("11:00")
    field(officer, "Venue").fill(FIRST_VENUE)
    field(officer, "Address").fill("Số 2 Hai Bà Trưng, phường An Biên, quận Lê Chân")
    field(officer, "Ward or commune of the venue").select_option(label="Phường An Biên")
    field(officer, "Contact person").fill("Nguyễn Thị Thu Hà")
    field(officer, "Contact phone").fill("0225 3857 123")
    expect(field(officer, "Show on the public calendar")).to_be_checked()
    assert_accessible(officer)
    screenshot(officer, "flow-01-officer-new-activity-form")

    follow(officer, officer.get_by_role("button", name="Save as draft"))
    pk = activity_pk(officer)
    expect(officer.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(portal_state(officer)).to_have_text(badge(ActivityState.DRAFT))
    expect(officer.locator(".messages")).to_contain_text("is saved")
    screenshot(officer, "flow-02-officer-draft")

    follow(officer, officer.get_by_role("button", name="Submit for review"))
    expect(portal_state(officer)).to_have_text(badge(ActivityState.SUBMITTED))
    expect(officer.get_by_role("link", name="Change", exact=True)).to_have_count(0)

    # Under review, it is not public yet: the citizen's search finds nothing. The same
    # search is made after publication, so a page cached now must not answer it then.
    visit(citizen, "/calendar/")
    search_calendar(citizen, SEARCH)
    expect(citizen.locator(".cal-empty")).to_be_visible()
    expect(citizen.get_by_role("link", name=TITLE)).to_have_count(0)

    # 2. Staff find it in the review queue and return it with a written reason.
    sign_in_from(reviewer, "/admin/", staff, persona_password)
    follow(reviewer, reviewer.get_by_role("link", name="Review queue", exact=True))
    expect(reviewer.locator("#result_list")).not_to_contain_text(DECOY_TITLE)
    screenshot(reviewer, "flow-03-staff-review-queue")
    follow(reviewer, reviewer.locator("#result_list").get_by_role("link", name=TITLE))
    assert reviewer.url.endswith(f"/admin/campaigns/activity/{pk}/change/")
    follow(reviewer, reviewer.get_by_role("link", name="Return with a reason…"))
    expect(reviewer.locator(".portal-reason__list")).to_contain_text(TITLE)
    reviewer.get_by_label("Reason").fill(RETURN_REASON)
    follow(reviewer, reviewer.get_by_role("button", name="Return with this reason"))
    review = reviewer.locator(".portal-review")
    expect(review.locator(".badge")).to_have_text(badge(ActivityState.RETURNED))
    expect(review).to_contain_text(RETURN_REASON)
    screenshot(reviewer, "flow-04-staff-returned")

    # 3. The officer reads why on the dashboard and the activity's page, fixes the venue,
    #    and submits it again.
    follow(officer, main_menu(officer).get_by_role("link", name="Officers' area"))
    returned = officer.locator("section.due--returned")
    expect(returned.get_by_role("link", name=TITLE)).to_be_visible()
    expect(returned.locator(".return-reason")).to_contain_text(RETURN_REASON)
    screenshot(officer, "flow-05-officer-dashboard-returned")

    follow(officer, returned.get_by_role("link", name=TITLE))
    expect(portal_state(officer)).to_have_text(badge(ActivityState.RETURNED))
    expect(officer.get_by_role("region", name="Returned for changes: why")).to_contain_text(
        RETURN_REASON
    )
    follow(officer, officer.get_by_role("link", name="Change", exact=True))
    expect(officer.get_by_role("note")).to_contain_text(RETURN_REASON)
    expect(field(officer, "Title")).to_have_value(TITLE)
    expect(field(officer, "Venue")).to_have_value(FIRST_VENUE)
    field(officer, "Venue").fill(FIXED_VENUE)
    follow(officer, officer.get_by_role("button", name="Save the changes"))
    expect(officer.locator(".messages")).to_contain_text("The changes are saved.")
    expect(officer.locator("dl.facts")).to_contain_text(FIXED_VENUE)
    expect(officer.locator(".history")).to_contain_text(FIRST_VENUE)

    follow(officer, officer.get_by_role("button", name="Submit again for review"))
    expect(portal_state(officer)).to_have_text(badge(ActivityState.SUBMITTED))
    expect(officer.locator(".messages")).to_contain_text("submitted again")

    # 4. Staff publish it.
    review_queue(reviewer, follow)
    follow(reviewer, reviewer.locator("#result_list").get_by_role("link", name=TITLE))
    expect(reviewer.locator(".field-venue .readonly")).to_have_text(FIXED_VENUE)
    follow(reviewer, reviewer.get_by_role("button", name="Publish", exact=True))
    expect(reviewer.locator(".messagelist")).to_contain_text("is published on the calendar")
    expect(reviewer.locator(".portal-review .badge")).to_have_text(badge(ActivityState.PUBLISHED))
    screenshot(reviewer, "flow-06-staff-published")

    # 5. A citizen searches the calendar without diacritics, finds it and opens its page.
    visit(citizen, "/calendar/")
    calendar = citizen.locator("main#main")
    expect(calendar.get_by_role("link", name=DECOY_TITLE)).to_be_visible()
    expect(calendar.get_by_role("link", name=TITLE)).to_be_visible()
    search_calendar(citizen, SEARCH)
    expect(calendar.get_by_role("link", name=TITLE)).to_have_count(1)
    expect(calendar.get_by_role("link", name=DECOY_TITLE)).to_have_count(0)
    screenshot(citizen, "flow-07-citizen-search")

    follow(citizen, calendar.get_by_role("link", name=TITLE))
    assert citizen.url == url(f"/activities/{pk}/")
    expect(citizen.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(citizen.locator(".activity__facts")).to_contain_text(FIXED_VENUE)
    expect(citizen.locator(".activity__facts")).not_to_contain_text(FIRST_VENUE)
    expect(citizen.locator("article.activity--cancelled")).to_have_count(0)
    assert_accessible(citizen)
    screenshot(citizen, "flow-08-citizen-activity")

    # 6. The iCalendar feed carries it, as confirmed.
    event = fetch_event(citizen, url, pk)
    assert str(event["SUMMARY"]) == TITLE
    assert event.decoded("DTSTART") == STARTS
    assert event.decoded("DTEND") == STARTS.replace(hour=11)
    assert FIXED_VENUE in str(event["LOCATION"])
    assert str(event["STATUS"]) == "CONFIRMED"
    published_sequence = int(event.get("SEQUENCE", 0))

    # 7. The officer cancels it; the page, the calendar and the feed say it is cancelled.
    follow(officer, main_menu(officer).get_by_role("link", name="Activities", exact=True))
    follow(officer, officer.locator("main#main").get_by_role("link", name=TITLE))
    expect(portal_state(officer)).to_have_text(badge(ActivityState.PUBLISHED))
    follow(officer, officer.get_by_role("link", name="Cancel the activity"))
    expect(officer.get_by_role("heading", level=1)).to_have_text("Cancel the activity")
    field(officer, "Reason for cancellation").fill(CANCEL_REASON)
    follow(officer, officer.get_by_role("button", name="Cancel the activity"))
    expect(portal_state(officer)).to_have_text(badge(ActivityState.CANCELLED))
    expect(officer.get_by_role("region", name="Cancelled")).to_contain_text(CANCEL_REASON)
    screenshot(officer, "flow-09-officer-cancelled")

    visit(citizen, f"/activities/{pk}/")
    expect(citizen.get_by_role("heading", level=1)).to_have_text(TITLE)
    cancelled = citizen.locator("article.activity--cancelled")
    expect(cancelled).to_have_count(1)
    expect(cancelled.get_by_role("note")).to_contain_text(CANCEL_REASON)
    screenshot(citizen, "flow-10-citizen-activity-cancelled")

    follow(citizen, citizen.locator("nav.breadcrumbs a").nth(1))
    search_calendar(citizen, SEARCH)
    entry = calendar.locator("li.cal-entry", has=citizen.get_by_role("link", name=TITLE))
    expect(entry).to_have_class(re.compile(r"\bcal-entry--cancelled\b"))
    follow(citizen, citizen.locator(".view-switch a[href*='view=list']"))
    listed = calendar.locator("article.event", has=citizen.get_by_role("link", name=TITLE))
    expect(listed).to_have_class(re.compile(r"\bevent--cancelled\b"))
    expect(listed).to_contain_text(CANCEL_REASON)
    screenshot(citizen, "flow-11-citizen-list-cancelled")

    event = fetch_event(citizen, url, pk)
    assert str(event["SUMMARY"]) == TITLE
    assert str(event["STATUS"]) == "CANCELLED"
    assert int(event["SEQUENCE"]) > published_sequence
