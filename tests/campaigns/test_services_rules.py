"""The rules of an activity's fields, through campaigns.services: what creating an activity
refuses and why, and how changes are allowed, recorded (old and new values) and counted
(the revision subscribers see). Fixtures: tests/campaigns/conftest.py.
"""

import datetime

import pytest
from django.core.exceptions import ValidationError

from campaigns import services
from campaigns.models import Activity, ActivityState, Campaign, CampaignState
from tests.campaigns.factories import history, make_campaign

pytestmark = pytest.mark.usefixtures("_english")


def refusal(make, **fields):
    """The messages, by field, with which make(**fields) is refused."""
    with pytest.raises(ValidationError) as refused:
        make(**fields)
    return refused.value.message_dict


# --- creating and the rules of an activity's fields ----------------------------------


def test_create_activity_is_a_draft_with_its_history(new_activity, officer_le_chan):
    activity = new_activity()

    assert activity.state == ActivityState.DRAFT
    assert activity.created_by == officer_le_chan
    [entry] = history(activity)
    assert entry.action == "created"
    assert entry.actor == officer_le_chan
    assert entry.changes["title"] == [None, "Lễ phát động Tháng Khuyến học quận Lê Chân"]
    assert entry.changes["starts_on"] == [None, "2024-09-15"]


def test_create_activity_fills_a_missing_end_date_with_the_start(new_activity):
    activity = new_activity(ends_on=None, start_time=None, end_time=None)

    assert activity.ends_on == datetime.date(2024, 9, 15)
    assert activity.all_day


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        (
            {"starts_on": datetime.date(2024, 9, 1), "ends_on": datetime.date(2024, 9, 1)},
            "starts_on",
            "01/09/2024 is outside the campaign (05/09/2024 – 05/10/2024).",
        ),
        (
            {"ends_on": datetime.date(2024, 10, 6)},
            "ends_on",
            "06/10/2024 is outside the campaign (05/09/2024 – 05/10/2024).",
        ),
        (
            {"ends_on": datetime.date(2024, 9, 14)},
            "ends_on",
            "The end date is before the start date.",
        ),
        (
            {"start_time": datetime.time(14, 0), "end_time": datetime.time(9, 0)},
            "end_time",
            "The end time is before the start time.",
        ),
        (
            {"start_time": None, "end_time": datetime.time(9, 0)},
            "start_time",
            "Give a start time too, or leave both times empty (all day).",
        ),
        ({"title": "   "}, "title", "Give the activity a title."),
    ],
    ids=["starts-before-campaign", "ends-after-campaign", "ends-before-start",
         "end-time-before-start-time", "end-time-without-start-time", "blank-title"],
)  # fmt: skip
def test_create_activity_refuses_invalid_fields(new_activity, fields, field, message):
    assert message in refusal(new_activity, **fields)[field]
    assert not Activity.objects.exists()


def test_create_activity_refuses_a_focus_area_of_another_campaign(new_activity):
    other = make_campaign(2025, state=CampaignState.DRAFT, focus_areas=(1,))
    foreign = other.focus_areas.get()

    assert refusal(new_activity, focus_area=foreign)["focus_area"] == [
        "This focus area belongs to another campaign."
    ]


def test_create_activity_refuses_a_unit_the_officer_has_no_role_in(new_activity, units):
    assert refusal(new_activity, organizer=units.kien_an)["organizer"] == [
        "You have no role in Quận Kiến An, so you cannot enter activities for it."
    ]


def test_create_activity_for_a_ward_under_the_officers_district(new_activity, units):
    activity = new_activity(organizer=units.an_bien, commune=units.an_bien)

    assert activity.organizer == units.an_bien


def test_create_activity_refuses_a_commune_that_is_a_district(new_activity, units):
    assert refusal(new_activity, commune=units.le_chan)["commune"] == [
        "Choose a ward, commune, township or special zone."
    ]


def test_create_activity_refuses_the_organiser_as_its_own_co_organiser(new_activity, units):
    assert "co_organizers" in refusal(new_activity, co_organizers=[units.le_chan])


def test_create_activity_refused_while_the_campaign_is_not_open(new_activity, campaign):
    Campaign.objects.filter(pk=campaign.pk).update(state=CampaignState.CLOSED)
    campaign.refresh_from_db()

    # Not about one field: a form shows it above the fields (NON_FIELD_ERRORS).
    assert refusal(new_activity)["__all__"] == [
        "The campaign “Tháng Khuyến học năm 2024” is not open for entries."
    ]


# --- changes: when allowed, their history, and the revision number ---------------------


def test_update_activity_records_old_and_new_values(new_activity, officer_le_chan, units):
    activity = new_activity()

    services.update_activity(
        activity,
        by=officer_le_chan,
        venue="Trường THCS Trần Phú",
        co_organizers=[units.department],
    )

    entry = history(activity)[-1]
    assert (entry.action, entry.actor) == ("changed", officer_le_chan)
    assert entry.changes == {
        "venue": ["Nhà Văn hóa quận Lê Chân", "Trường THCS Trần Phú"],
        "co_organizers": [[], [units.department.name]],
    }
    assert list(activity.co_organizers.all()) == [units.department]


def test_update_activity_without_a_change_writes_no_history(new_activity, officer_le_chan):
    activity = new_activity()

    services.update_activity(activity, by=officer_le_chan, venue=activity.venue)

    assert [e.action for e in history(activity)] == ["created"]


@pytest.mark.parametrize("state", [ActivityState.SUBMITTED, ActivityState.CANCELLED])
def test_update_activity_refused_while_submitted_or_cancelled(
    activity_in, officer_le_chan, staff, state
):
    activity = activity_in(state)

    for person in (officer_le_chan, staff):
        with pytest.raises(ValidationError, match="cannot be changed"):
            services.update_activity(activity, by=person, title="Tiêu đề mới")
    activity.refresh_from_db()
    assert activity.title == "Lễ phát động Tháng Khuyến học quận Lê Chân"


def test_changes_before_publication_keep_the_revision(new_activity, officer_le_chan):
    activity = new_activity()
    services.update_activity(activity, by=officer_le_chan, venue="Cung Văn hóa Thiếu nhi")

    activity.refresh_from_db()
    assert activity.sequence == 0


def test_changes_after_publication_raise_the_revision(activity_in, officer_le_chan):
    activity = activity_in(ActivityState.PUBLISHED)

    services.update_activity(activity, by=officer_le_chan, start_time=datetime.time(8, 30))
    activity.refresh_from_db()
    assert activity.sequence == 1
    assert activity.state == ActivityState.PUBLISHED

    services.update_activity(activity, by=officer_le_chan, venue="Sân vận động Lạch Tray")
    activity.refresh_from_db()
    assert activity.sequence == 2
    assert history(activity)[-1].changes == {
        "venue": ["Nhà Văn hóa quận Lê Chân", "Sân vận động Lạch Tray"]
    }
