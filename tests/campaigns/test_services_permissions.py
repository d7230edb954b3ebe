"""Who may do what to an activity, through campaigns.services: officers act on their own
units (following the unit tree as it stood on the activity's date), only staff review.
Fixtures: tests/campaigns/conftest.py.
"""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from campaigns import services
from campaigns.models import ActivityKind, ActivityState
from tests.campaigns.factories import enter_activity, make_campaign

pytestmark = pytest.mark.usefixtures("_english")


# --- who may do what ------------------------------------------------------------------


def test_officer_of_another_district_may_not_touch_the_activity(activity_in, officer_kien_an):
    draft = activity_in(ActivityState.DRAFT)
    published = activity_in(ActivityState.PUBLISHED)

    with pytest.raises(PermissionDenied):
        services.update_activity(draft, by=officer_kien_an, title="Đổi tên")
    with pytest.raises(PermissionDenied):
        services.submit_activity(draft, by=officer_kien_an)
    with pytest.raises(PermissionDenied):
        services.cancel_activity(published, by=officer_kien_an, reason="Không rõ.")
    with pytest.raises(PermissionDenied):
        services.record_results(
            published, by=officer_kien_an, today=datetime.date(2024, 9, 16), participants=5
        )
    draft.refresh_from_db()
    assert draft.title == "Lễ phát động Tháng Khuyến học quận Lê Chân"
    assert draft.state == ActivityState.DRAFT


def test_officers_may_not_review(activity_in, officer_le_chan, approver_le_chan):
    activity = activity_in(ActivityState.SUBMITTED)

    for person in (officer_le_chan, approver_le_chan):
        with pytest.raises(PermissionDenied):
            services.publish_activity(activity, by=person)
        with pytest.raises(PermissionDenied):
            services.return_activity(activity, by=person, reason="Tự trả lại.")
    activity.refresh_from_db()
    assert activity.state == ActivityState.SUBMITTED


def test_staff_may_enter_and_edit_any_units_activity(new_activity, staff, units):
    activity = new_activity(by=staff, organizer=units.kien_an, title="Hội nghị Kiến An")

    services.update_activity(activity, by=staff, venue="Hội trường UBND quận Kiến An")

    activity.refresh_from_db()
    assert activity.venue == "Hội trường UBND quận Kiến An"


def test_reviewer_and_treasurer_may_not_review(activity_in, reviewer, treasurer):
    activity = activity_in(ActivityState.SUBMITTED)

    for person in (reviewer, treasurer):
        with pytest.raises(PermissionDenied):
            services.publish_activity(activity, by=person)


@pytest.fixture
def spring_2025(db):
    """A made-up campaign in spring 2025, after the ward moved (the dates are invented)."""
    return make_campaign(
        2025,
        title="Tuần lễ học tập mùa xuân 2025",
        starts_on=datetime.date(2025, 3, 1),
        ends_on=datetime.date(2025, 3, 31),
        focus_areas=(1,),
    )


def test_permissions_follow_the_tree_on_the_activitys_date(
    new_activity, spring_2025, moved_ward, officer_le_chan, officer_kien_an
):
    before, after = moved_ward

    # In September 2024 Lãm Hà is Lê Chân's: its officer may enter it, Kiến An's may not.
    activity_2024 = new_activity(by=officer_le_chan, organizer=before)
    with pytest.raises(ValidationError, match="You have no role in Phường Lãm Hà"):
        new_activity(by=officer_kien_an, organizer=before)

    # In March 2025 it is Kiến An's: the other way round.
    spring = {"kind": ActivityKind.READING, "starts_on": datetime.date(2025, 3, 10)}
    activity_2025 = enter_activity(
        spring_2025,
        by=officer_kien_an,
        organizer=after,
        title="Ngày hội đọc sách phường Lãm Hà",
        **spring,
    )
    with pytest.raises(ValidationError, match="You have no role in Phường Lãm Hà"):
        enter_activity(
            spring_2025, by=officer_le_chan, organizer=after, title="Ngày hội đọc sách", **spring
        )

    # The earlier activity stays with Lê Chân, the later one with Kiến An.
    assert services.may_edit(officer_le_chan, activity_2024)
    assert not services.may_edit(officer_kien_an, activity_2024)
    assert services.may_edit(officer_kien_an, activity_2025)
    assert not services.may_edit(officer_le_chan, activity_2025)


def test_a_unit_that_did_not_exist_on_the_day_is_refused(spring_2025, moved_ward, officer_le_chan):
    before, _after = moved_ward

    with pytest.raises(ValidationError) as refused:
        enter_activity(
            spring_2025,
            by=officer_le_chan,
            organizer=before,
            kind=ActivityKind.READING,
            title="Ngày hội đọc sách",
            starts_on=datetime.date(2025, 3, 10),
        )

    assert refused.value.message_dict["organizer"] == ["Phường Lãm Hà did not exist on 10/03/2025."]
