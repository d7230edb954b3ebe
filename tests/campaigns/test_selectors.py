"""Reads the public pages, the officers' area and the admin share (campaigns.selectors).

Activities here are written straight to the database: these tests are about what the reads
find, not about the rules of writing (tests/campaigns/test_services_*.py).
"""

import datetime
import itertools

import pytest

from campaigns import selectors
from campaigns.models import Activity, ActivityResult, ActivityState, CampaignState
from organizations.models import UnitKind
from organizations.services import rebuild_ancestry
from tests.campaigns.factories import make_campaign, write_activity

SEPT_15 = datetime.date(2024, 9, 15)
_numbers = itertools.count(1)


@pytest.fixture
def make_numbered_activity(campaign, units):
    """make_numbered_activity(organizer=Lê Chân, **fields): an activity row titled "Hoạt động
    số N", published by default."""

    def make(organizer=None, **fields):
        fields.setdefault("title", f"Hoạt động số {next(_numbers)}")
        return write_activity(campaign, organizer=organizer or units.le_chan, **fields)

    return make


# --- current_campaign --------------------------------------------------------------------


def test_current_campaign_is_the_open_one_running_today(db):
    make_campaign(2023, state=CampaignState.CLOSED)
    running = make_campaign(2024, state=CampaignState.OPEN)
    make_campaign(2025, state=CampaignState.OPEN)

    assert selectors.current_campaign(today=SEPT_15) == running


def test_current_campaign_between_months_is_the_nearest_open_one(db):
    make_campaign(2024, state=CampaignState.OPEN)
    coming = make_campaign(2025, state=CampaignState.OPEN)

    assert selectors.current_campaign(today=datetime.date(2025, 8, 1)) == coming


def test_current_campaign_without_an_open_one_is_the_latest_opened(db):
    make_campaign(2023, state=CampaignState.ARCHIVED)
    latest = make_campaign(2024, state=CampaignState.CLOSED)
    # A draft is still being prepared: the public must not be led to it.
    make_campaign(2025, state=CampaignState.DRAFT)

    assert selectors.current_campaign(today=datetime.date(2025, 9, 10)) == latest


def test_current_campaign_is_none_before_any_was_opened(db):
    make_campaign(2024, state=CampaignState.DRAFT)

    assert selectors.current_campaign(today=SEPT_15) is None


# --- in_unit -------------------------------------------------------------------------------


def test_in_unit_finds_organised_co_organised_and_hosted_activities(make_numbered_activity, units):
    own = make_numbered_activity(units.le_chan)
    ward = make_numbered_activity(units.an_bien)
    co_organised = make_numbered_activity(units.department, co_organizers=[units.du_hang_kenh])
    hosted = make_numbered_activity(units.department, commune=units.an_bien)
    elsewhere = make_numbered_activity(units.kien_an, commune=units.bac_son)

    found = set(selectors.in_unit(Activity.objects.all(), units.le_chan))

    assert found == {own, ward, co_organised, hosted}
    assert set(selectors.in_unit(Activity.objects.all(), units.kien_an)) == {elsewhere}
    assert set(selectors.in_unit(Activity.objects.all(), units.city)) == {
        own,
        ward,
        co_organised,
        hosted,
        elsewhere,
    }


def test_in_unit_a_ward_holds_only_its_own(make_numbered_activity, units):
    make_numbered_activity(units.le_chan)
    ward = make_numbered_activity(units.an_bien)

    assert list(selectors.in_unit(Activity.objects.all(), units.an_bien)) == [ward]


def test_in_unit_follows_the_tree_on_the_activitys_date(make_numbered_activity, units, moved_ward):
    before, after = moved_ward
    in_2024 = make_numbered_activity(before)
    in_2025 = make_numbered_activity(
        after, starts_on=datetime.date(2025, 3, 10), ends_on=datetime.date(2025, 3, 10)
    )

    assert list(selectors.in_unit(Activity.objects.all(), units.le_chan)) == [in_2024]
    assert list(selectors.in_unit(Activity.objects.all(), units.kien_an)) == [in_2025]


@pytest.fixture
def thuy_nguyen(make_unit, units):
    """Huyện Thủy Nguyên became Thành phố Thủy Nguyên on 1/1/2025 under the same code 311;
    a commune row that spans the change (made up: the real communes got new rows) lies
    under the first until 31/12/2024 and under the second afterwards. (district, city,
    commune)."""
    district = make_unit(
        "311",
        "Huyện Thủy Nguyên",
        UnitKind.RURAL_DISTRICT,
        units.city,
        valid_until=datetime.date(2024, 12, 31),
    )
    city = make_unit(
        "311", "Thành phố Thủy Nguyên", UnitKind.CITY_UNDER_CITY, units.city,
        valid_from=datetime.date(2025, 1, 1), valid_until=datetime.date(2025, 6, 30),
    )  # fmt: skip
    commune = make_unit(
        "11476", "Xã Lại Xuân", UnitKind.COMMUNE, "311", valid_until=datetime.date(2025, 6, 30)
    )
    rebuild_ancestry()
    return district, city, commune


def test_in_unit_one_row_with_two_parents_in_turn(make_numbered_activity, units, thuy_nguyen):
    district, city, commune = thuy_nguyen
    in_2024 = make_numbered_activity(commune)
    in_2025 = make_numbered_activity(
        units.department,
        commune=commune,
        starts_on=datetime.date(2025, 3, 10),
        ends_on=datetime.date(2025, 3, 10),
    )

    assert list(selectors.in_unit(Activity.objects.all(), district)) == [in_2024]
    assert list(selectors.in_unit(Activity.objects.all(), city)) == [in_2025]


def test_in_unit_co_organisers_follow_the_tree_on_the_date_too(
    make_numbered_activity, units, thuy_nguyen
):
    district, city, commune = thuy_nguyen
    in_2024 = make_numbered_activity(units.department, co_organizers=[commune])
    in_2025 = make_numbered_activity(
        units.department,
        co_organizers=[commune],
        starts_on=datetime.date(2025, 3, 10),
        ends_on=datetime.date(2025, 3, 10),
    )

    assert list(selectors.in_unit(Activity.objects.all(), district)) == [in_2024]
    assert list(selectors.in_unit(Activity.objects.all(), city)) == [in_2025]


# --- search ------------------------------------------------------------------------------


def test_search_ignores_diacritics_and_case(make_numbered_activity, units):
    ceremony = make_numbered_activity(title="Lễ phát động Tháng Khuyến học năm 2024")
    fund = make_numbered_activity(title="Trao học bổng Quỹ khuyến học, khuyến tài")
    make_numbered_activity(title="Hội nghị khuyến nông")

    found = set(selectors.search(Activity.objects.all(), "khuyen hoc"))
    assert found == {ceremony, fund}
    assert set(selectors.search(Activity.objects.all(), "KHUYẾN HỌC")) == {ceremony, fund}
    assert list(selectors.search(Activity.objects.all(), "Khuyen hoc le phat dong")) == [ceremony]


def test_search_needs_every_word(make_numbered_activity):
    make_numbered_activity(title="Ngày hội đọc sách")

    assert not selectors.search(Activity.objects.all(), "doc sach bong da").exists()


def test_search_matches_d_with_stroke_and_tone_styles(make_numbered_activity):
    reading = make_numbered_activity(title="Đọc sách cùng em", venue="Thư viện quận")
    peace = make_numbered_activity(title="Khánh thành thư viện", address="Phường Hoà Bình")

    assert list(selectors.search(Activity.objects.all(), "doc sach")) == [reading]
    # "Hòa" and "Hoà" are two ways of placing the tone mark: both find the same ward.
    assert list(selectors.search(Activity.objects.all(), "Hòa Bình")) == [peace]


def test_search_looks_in_the_organisers_name_description_and_venue(make_numbered_activity, units):
    by_name = make_numbered_activity(units.kien_an, title="Trao thưởng")
    by_description = make_numbered_activity(title="Hội thi", description="Thi rung chuông vàng")
    by_venue = make_numbered_activity(title="Tọa đàm", venue="Trường THPT Trần Nguyên Hãn")

    assert list(selectors.search(Activity.objects.all(), "kien an")) == [by_name]
    assert list(selectors.search(Activity.objects.all(), "rung chuong")) == [by_description]
    assert list(selectors.search(Activity.objects.all(), "tran nguyen han")) == [by_venue]


def test_search_with_an_empty_query_keeps_everything(make_numbered_activity):
    make_numbered_activity()
    make_numbered_activity()

    assert selectors.search(Activity.objects.all(), "   ").count() == 2


# --- what officers see and what waits for them -----------------------------------------


def test_activities_visible_to_an_officer_are_their_units(
    make_numbered_activity, units, officer_le_chan, staff
):
    own = make_numbered_activity(units.le_chan, state=ActivityState.DRAFT)
    ward = make_numbered_activity(units.an_bien, state=ActivityState.SUBMITTED)
    other = make_numbered_activity(units.kien_an, state=ActivityState.DRAFT)

    assert set(selectors.activities_visible_to(officer_le_chan)) == {own, ward}
    assert set(selectors.activities_visible_to(staff)) == {own, ward, other}


def test_due_for_lists_returned_drafts_and_missing_results(
    make_numbered_activity, units, officer_le_chan, officer_kien_an
):
    returned = make_numbered_activity(state=ActivityState.RETURNED)
    draft = make_numbered_activity(state=ActivityState.DRAFT)
    ended = make_numbered_activity(state=ActivityState.PUBLISHED)
    reported = make_numbered_activity(state=ActivityState.PUBLISHED)
    ActivityResult.objects.create(activity=reported, participants=80)
    make_numbered_activity(
        state=ActivityState.PUBLISHED,
        starts_on=datetime.date(2024, 9, 30),
        ends_on=datetime.date(2024, 9, 30),
    )  # not over yet
    make_numbered_activity(state=ActivityState.SUBMITTED)  # waiting for staff, not for the unit
    make_numbered_activity(units.kien_an, state=ActivityState.DRAFT)

    due = selectors.due_for(officer_le_chan, today=datetime.date(2024, 9, 20))

    assert list(due["returned"]) == [returned]
    assert list(due["drafts"]) == [draft]
    assert list(due["results_missing"]) == [ended]
    assert list(selectors.due_for(officer_kien_an)["returned"]) == []


def test_due_for_an_activity_ending_today_is_not_yet_missing_results(
    make_numbered_activity, officer_le_chan
):
    make_numbered_activity(state=ActivityState.PUBLISHED)

    due = selectors.due_for(officer_le_chan, today=SEPT_15)

    assert list(due["results_missing"]) == []


def test_review_queue_oldest_submission_first(make_numbered_activity, units):
    newer = make_numbered_activity(
        state=ActivityState.SUBMITTED,
        submitted_at=datetime.datetime(2024, 9, 2, 9, 0, tzinfo=datetime.UTC),
    )
    older = make_numbered_activity(
        units.kien_an,
        state=ActivityState.SUBMITTED,
        submitted_at=datetime.datetime(2024, 9, 1, 9, 0, tzinfo=datetime.UTC),
    )
    make_numbered_activity(state=ActivityState.DRAFT)
    make_numbered_activity(state=ActivityState.PUBLISHED)

    assert list(selectors.review_queue()) == [older, newer]


def test_public_activities_show_published_and_cancelled_public_ones(
    make_numbered_activity, campaign
):
    published = make_numbered_activity()
    cancelled = make_numbered_activity(state=ActivityState.CANCELLED)
    make_numbered_activity(state=ActivityState.SUBMITTED)
    make_numbered_activity(is_public=False)

    assert set(selectors.public_activities(campaign)) == {published, cancelled}
