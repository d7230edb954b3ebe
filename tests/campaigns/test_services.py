"""The campaign's rules, through the services every screen calls (campaigns.services).

An activity goes draft → submitted → published (or returned with a reason → submitted
again); a published activity can be changed or cancelled. A campaign goes draft → open →
closed → archived, and may be reopened. Each move is refused with a message when it is not
allowed, is recorded in the record's history with who, why and what changed, and tells the
organising unit's officers by e-mail when staff return or publish their activity.
"""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from campaigns import evidence, services
from campaigns.models import (
    Activity,
    ActivityKind,
    ActivityState,
    Campaign,
    CampaignState,
    FocusArea,
)
from organizations import audit
from organizations.models import UnitKind
from organizations.services import rebuild_ancestry

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.7\n" + b"0" * 64


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def campaign(db):
    """Tháng Khuyến học 2024 (Kế hoạch 204/KH-UBND, 5/9–5/10/2024), open for entries."""
    campaign = Campaign.objects.create(
        year=2024,
        title="Tháng Khuyến học năm 2024",
        plan_number="204/KH-UBND",
        plan_date=datetime.date(2024, 8, 28),
        plan_issuer="UBND thành phố Hải Phòng",
        starts_on=datetime.date(2024, 9, 5),
        ends_on=datetime.date(2024, 10, 5),
        state=CampaignState.OPEN,
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
def new_activity(campaign, units, officer_le_chan):
    """new_activity(by=officer of Lê Chân, **fields): a draft entered through the service."""

    def make(by=None, **fields):
        values = {
            "organizer": units.le_chan,
            "focus_area": campaign.focus_areas.get(position=1),
            "kind": ActivityKind.CEREMONY,
            "title": "Lễ phát động Tháng Khuyến học quận Lê Chân",
            "starts_on": datetime.date(2024, 9, 15),
            "start_time": datetime.time(8, 0),
            "ends_on": datetime.date(2024, 9, 15),
            "end_time": datetime.time(11, 0),
            "venue": "Nhà Văn hóa quận Lê Chân",
        }
        values.update(fields)
        return services.create_activity(campaign=campaign, by=by or officer_le_chan, **values)

    return make


@pytest.fixture
def activity_in(new_activity, officer_le_chan, staff):
    """activity_in(state): an activity brought to `state` by the allowed moves."""

    def make(state):
        activity = new_activity()
        if state == ActivityState.DRAFT:
            return activity
        activity = services.submit_activity(activity, by=officer_le_chan)
        if state == ActivityState.RETURNED:
            return services.return_activity(activity, by=staff, reason="Thiếu địa điểm.")
        if state in {ActivityState.PUBLISHED, ActivityState.CANCELLED}:
            activity = services.publish_activity(activity, by=staff)
        if state == ActivityState.CANCELLED:
            activity = services.cancel_activity(activity, by=staff, reason="Mưa bão.")
        return activity

    return make


def history(obj):
    return list(audit.history_of(obj).order_by("at", "pk"))


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
    with pytest.raises(ValidationError) as refused:
        new_activity(**fields)

    assert message in refused.value.message_dict[field]
    assert not Activity.objects.exists()


def test_create_activity_refuses_a_focus_area_of_another_campaign(new_activity):
    other = Campaign.objects.create(
        year=2025,
        title="Tháng Khuyến học năm 2025",
        starts_on=datetime.date(2025, 9, 5),
        ends_on=datetime.date(2025, 10, 5),
    )
    foreign = FocusArea.objects.create(campaign=other, position=1, title="X", short_title="X")

    with pytest.raises(ValidationError) as refused:
        new_activity(focus_area=foreign)

    assert refused.value.message_dict["focus_area"] == [
        "This focus area belongs to another campaign."
    ]


def test_create_activity_refuses_a_unit_the_officer_has_no_role_in(new_activity, units):
    with pytest.raises(ValidationError) as refused:
        new_activity(organizer=units.kien_an)

    assert refused.value.message_dict["organizer"] == [
        "You have no role in Quận Kiến An, so you cannot enter activities for it."
    ]


def test_create_activity_for_a_ward_under_the_officers_district(new_activity, units):
    activity = new_activity(organizer=units.an_bien, commune=units.an_bien)

    assert activity.organizer == units.an_bien


def test_create_activity_refuses_a_commune_that_is_a_district(new_activity, units):
    with pytest.raises(ValidationError) as refused:
        new_activity(commune=units.le_chan)

    assert refused.value.message_dict["commune"] == [
        "Choose a ward, commune, township or special zone."
    ]


def test_create_activity_refuses_the_organiser_as_its_own_co_organiser(new_activity, units):
    with pytest.raises(ValidationError) as refused:
        new_activity(co_organizers=[units.le_chan])

    assert "co_organizers" in refused.value.message_dict


def test_create_activity_refused_while_the_campaign_is_not_open(new_activity, campaign):
    Campaign.objects.filter(pk=campaign.pk).update(state=CampaignState.CLOSED)
    campaign.refresh_from_db()

    with pytest.raises(ValidationError) as refused:
        new_activity()

    # Not about one field: a form shows it above the fields (NON_FIELD_ERRORS).
    assert refused.value.message_dict["__all__"] == [
        "The campaign “Tháng Khuyến học năm 2024” is not open for entries."
    ]


# --- the state machine: every allowed move ---------------------------------------------


def test_submit_activity_sends_a_draft_for_review(new_activity, officer_le_chan):
    activity = services.submit_activity(new_activity(), by=officer_le_chan)

    activity.refresh_from_db()
    assert activity.state == ActivityState.SUBMITTED
    assert activity.submitted_at is not None
    entry = history(activity)[-1]
    assert (entry.action, entry.actor, entry.reason) == ("submitted", officer_le_chan, "")
    assert entry.changes == {"state": ["draft", "submitted"]}


def test_publish_activity_by_staff(activity_in, staff):
    activity = services.publish_activity(activity_in(ActivityState.SUBMITTED), by=staff)

    activity.refresh_from_db()
    assert activity.state == ActivityState.PUBLISHED
    assert activity.published_at is not None
    assert activity.sequence == 0  # a first publication is revision 0 for subscribers
    entry = history(activity)[-1]
    assert (entry.action, entry.actor) == ("published", staff)
    assert entry.changes == {"state": ["submitted", "published"]}


def test_return_activity_with_a_reason(activity_in, staff):
    activity = services.return_activity(
        activity_in(ActivityState.SUBMITTED), by=staff, reason="  Ghi rõ địa chỉ tổ chức.  "
    )

    activity.refresh_from_db()
    assert activity.state == ActivityState.RETURNED
    assert activity.return_reason == "Ghi rõ địa chỉ tổ chức."
    entry = history(activity)[-1]
    assert (entry.action, entry.actor, entry.reason) == (
        "returned",
        staff,
        "Ghi rõ địa chỉ tổ chức.",
    )
    assert entry.changes == {"state": ["submitted", "returned"]}


def test_resubmit_after_return_then_publish_clears_the_reason(activity_in, officer_le_chan, staff):
    activity = activity_in(ActivityState.RETURNED)
    services.update_activity(activity, by=officer_le_chan, address="Số 1 Lạch Tray, Lê Chân")

    activity = services.submit_activity(activity, by=officer_le_chan)
    assert history(activity)[-1].reason == "Resubmitted after changes."

    activity = services.publish_activity(activity, by=staff)
    activity.refresh_from_db()
    assert activity.state == ActivityState.PUBLISHED
    assert activity.return_reason == ""


def test_cancel_published_activity_with_a_reason(activity_in, officer_le_chan):
    activity = services.cancel_activity(
        activity_in(ActivityState.PUBLISHED), by=officer_le_chan, reason="Bão số 3 đổ bộ."
    )

    activity.refresh_from_db()
    assert activity.state == ActivityState.CANCELLED
    assert activity.cancel_reason == "Bão số 3 đổ bộ."
    assert activity.cancelled_at is not None
    assert activity.sequence == 1  # subscribers' calendars must pick the cancellation up
    entry = history(activity)[-1]
    assert (entry.action, entry.actor, entry.reason) == (
        "cancelled",
        officer_le_chan,
        "Bão số 3 đổ bộ.",
    )
    assert entry.changes == {"state": ["published", "cancelled"]}


def test_the_whole_path_leaves_one_history_row_per_move(new_activity, officer_le_chan, staff):
    activity = new_activity()
    services.submit_activity(activity, by=officer_le_chan)
    services.return_activity(activity, by=staff, reason="Bổ sung người liên hệ.")
    services.update_activity(activity, by=officer_le_chan, contact_name="Nguyễn Thị Thu Hà")
    services.submit_activity(activity, by=officer_le_chan)
    services.publish_activity(activity, by=staff)
    services.cancel_activity(activity, by=staff, reason="Trùng lịch.")

    assert [(e.action, e.actor) for e in history(activity)] == [
        ("created", officer_le_chan),
        ("submitted", officer_le_chan),
        ("returned", staff),
        ("changed", officer_le_chan),
        ("submitted", officer_le_chan),
        ("published", staff),
        ("cancelled", staff),
    ]


# --- the state machine: every refused move ---------------------------------------------

REFUSED = [
    (ActivityState.DRAFT, "publish", "An activity that is “draft” cannot be published."),
    (ActivityState.DRAFT, "return",
     "An activity that is “draft” cannot be returned for changes."),
    (ActivityState.DRAFT, "cancel", "An activity that is “draft” cannot be cancelled."),
    (ActivityState.SUBMITTED, "submit",
     "An activity that is “submitted for review” cannot be submitted for review."),
    (ActivityState.SUBMITTED, "cancel",
     "An activity that is “submitted for review” cannot be cancelled."),
    (ActivityState.RETURNED, "publish",
     "An activity that is “returned for changes” cannot be published."),
    (ActivityState.RETURNED, "return",
     "An activity that is “returned for changes” cannot be returned for changes."),
    (ActivityState.RETURNED, "cancel",
     "An activity that is “returned for changes” cannot be cancelled."),
    (ActivityState.PUBLISHED, "submit",
     "An activity that is “published” cannot be submitted for review."),
    (ActivityState.PUBLISHED, "publish", "An activity that is “published” cannot be published."),
    (ActivityState.PUBLISHED, "return",
     "An activity that is “published” cannot be returned for changes."),
    (ActivityState.CANCELLED, "submit",
     "An activity that is “cancelled” cannot be submitted for review."),
    (ActivityState.CANCELLED, "publish", "An activity that is “cancelled” cannot be published."),
    (ActivityState.CANCELLED, "return",
     "An activity that is “cancelled” cannot be returned for changes."),
    (ActivityState.CANCELLED, "cancel", "An activity that is “cancelled” cannot be cancelled."),
]  # fmt: skip


def _move(name, activity, *, staff):
    if name == "submit":
        return services.submit_activity(activity, by=staff)
    if name == "publish":
        return services.publish_activity(activity, by=staff)
    if name == "return":
        return services.return_activity(activity, by=staff, reason="Lý do.")
    return services.cancel_activity(activity, by=staff, reason="Lý do.")


@pytest.mark.parametrize(("state", "move", "message"), REFUSED)
def test_refused_moves_say_why_and_change_nothing(activity_in, staff, state, move, message):
    activity = activity_in(state)
    entries = len(history(activity))

    with pytest.raises(ValidationError) as refused:
        _move(move, activity, staff=staff)

    assert refused.value.messages == [message]
    activity.refresh_from_db()
    assert activity.state == state
    assert len(history(activity)) == entries


@pytest.mark.parametrize("reason", ["", "   ", None])
def test_return_activity_needs_a_reason(activity_in, staff, reason):
    activity = activity_in(ActivityState.SUBMITTED)

    with pytest.raises(ValidationError) as refused:
        services.return_activity(activity, by=staff, reason=reason)

    assert refused.value.message_dict == {
        "reason": ["Say why the activity is returned, so the unit can fix it."]
    }
    activity.refresh_from_db()
    assert activity.state == ActivityState.SUBMITTED


@pytest.mark.parametrize("reason", ["", "  \n "])
def test_cancel_activity_needs_a_reason(activity_in, staff, reason):
    activity = activity_in(ActivityState.PUBLISHED)

    with pytest.raises(ValidationError) as refused:
        services.cancel_activity(activity, by=staff, reason=reason)

    assert refused.value.message_dict == {
        "reason": ["Say why the activity is cancelled; the public sees it."]
    }
    activity.refresh_from_db()
    assert activity.state == ActivityState.PUBLISHED


def test_submit_refused_when_the_campaign_closed_meanwhile(new_activity, campaign, staff):
    activity = new_activity()
    services.change_campaign_state(campaign, to=CampaignState.CLOSED, by=staff)

    with pytest.raises(ValidationError, match="is not open for entries"):
        services.submit_activity(activity, by=activity.created_by)


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
def moved_ward(units, make_unit):
    """Phường Lãm Hà under Lê Chân until 31/12/2024, then (a new row with the same code, as
    the statistics office writes such moves) under Kiến An. The move is made up; it copies
    how Xã Đại Bản left Huyện An Dương for Quận Hồng Bàng on 1/1/2025."""
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


@pytest.fixture
def spring_2025(db):
    """A made-up campaign in spring 2025, after the ward moved (the dates are invented)."""
    campaign = Campaign.objects.create(
        year=2025,
        title="Tuần lễ học tập mùa xuân 2025",
        starts_on=datetime.date(2025, 3, 1),
        ends_on=datetime.date(2025, 3, 31),
        state=CampaignState.OPEN,
    )
    FocusArea.objects.create(campaign=campaign, position=1, title="Đọc sách", short_title="Đọc")
    return campaign


def test_permissions_follow_the_tree_on_the_activitys_date(
    new_activity, spring_2025, moved_ward, officer_le_chan, officer_kien_an
):
    before, after = moved_ward

    # In September 2024 Lãm Hà is Lê Chân's: its officer may enter it, Kiến An's may not.
    activity_2024 = new_activity(by=officer_le_chan, organizer=before)
    with pytest.raises(ValidationError, match="You have no role in Phường Lãm Hà"):
        new_activity(by=officer_kien_an, organizer=before)

    # In March 2025 it is Kiến An's: the other way round.
    spring = {
        "starts_on": datetime.date(2025, 3, 10),
        "ends_on": datetime.date(2025, 3, 10),
        "focus_area": spring_2025.focus_areas.get(),
    }
    activity_2025 = services.create_activity(
        campaign=spring_2025,
        by=officer_kien_an,
        organizer=after,
        kind=ActivityKind.READING,
        title="Ngày hội đọc sách phường Lãm Hà",
        **spring,
    )
    with pytest.raises(ValidationError, match="You have no role in Phường Lãm Hà"):
        services.create_activity(
            campaign=spring_2025,
            by=officer_le_chan,
            organizer=after,
            kind=ActivityKind.READING,
            title="Ngày hội đọc sách",
            **spring,
        )

    # The earlier activity stays with Lê Chân, the later one with Kiến An.
    assert services.may_edit(officer_le_chan, activity_2024)
    assert not services.may_edit(officer_kien_an, activity_2024)
    assert services.may_edit(officer_kien_an, activity_2025)
    assert not services.may_edit(officer_le_chan, activity_2025)


def test_a_unit_that_did_not_exist_on_the_day_is_refused(spring_2025, moved_ward, officer_le_chan):
    before, _after = moved_ward

    with pytest.raises(ValidationError) as refused:
        services.create_activity(
            campaign=spring_2025,
            by=officer_le_chan,
            organizer=before,
            focus_area=spring_2025.focus_areas.get(),
            kind=ActivityKind.READING,
            title="Ngày hội đọc sách",
            starts_on=datetime.date(2025, 3, 10),
        )

    assert refused.value.message_dict["organizer"] == ["Phường Lãm Hà did not exist on 10/03/2025."]


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


# --- results and evidence ----------------------------------------------------------------


def test_results_only_once_the_activity_has_begun(activity_in, officer_le_chan):
    activity = activity_in(ActivityState.PUBLISHED)

    with pytest.raises(ValidationError) as refused:
        services.record_results(
            activity, by=officer_le_chan, today=datetime.date(2024, 9, 14), participants=120
        )
    assert refused.value.messages == [
        "Results can be entered once the activity has begun (15/09/2024)."
    ]

    result = services.record_results(
        activity,
        by=officer_le_chan,
        today=datetime.date(2024, 9, 15),
        participants=120,
        money_raised=15_000_000,
    )
    assert (result.participants, result.money_raised, result.entered_by) == (
        120,
        15_000_000,
        officer_le_chan,
    )
    entry = history(activity)[-1]
    assert entry.action == "results_recorded"
    assert entry.changes["participants"] == [None, 120]
    assert entry.changes["money_raised"] == [None, 15_000_000]


def test_results_refused_before_publication(activity_in, officer_le_chan):
    activity = activity_in(ActivityState.SUBMITTED)

    with pytest.raises(ValidationError, match="published activities only"):
        services.record_results(
            activity, by=officer_le_chan, today=datetime.date(2024, 10, 1), participants=1
        )


def test_correcting_results_records_the_old_value(activity_in, officer_le_chan):
    activity = activity_in(ActivityState.PUBLISHED)
    day = datetime.date(2024, 9, 20)
    services.record_results(activity, by=officer_le_chan, today=day, participants=120)

    services.record_results(activity, by=officer_le_chan, today=day, participants=135)

    assert activity.result.participants == 135
    assert history(activity)[-1].changes == {"participants": [120, 135]}


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_evidence_accepts_photos_and_pdfs_by_their_content(activity_in, officer_le_chan, media):
    activity = activity_in(ActivityState.PUBLISHED)

    photo = services.add_evidence(
        activity,
        by=officer_le_chan,
        upload=SimpleUploadedFile("le-phat-dong.png", PNG, content_type="image/png"),
        caption=" Toàn cảnh buổi lễ ",
    )
    report = services.add_evidence(
        activity,
        by=officer_le_chan,
        upload=SimpleUploadedFile("bao-cao.pdf", PDF, content_type="application/pdf"),
    )

    assert (photo.content_type, photo.caption, photo.original_name) == (
        "image/png",
        "Toàn cảnh buổi lễ",
        "le-phat-dong.png",
    )
    assert report.content_type == "application/pdf"
    assert history(activity)[-1].changes == {"evidence": [None, "bao-cao.pdf"]}


def test_evidence_refuses_a_renamed_program(activity_in, officer_le_chan, media):
    activity = activity_in(ActivityState.PUBLISHED)

    with pytest.raises(ValidationError) as refused:
        services.add_evidence(
            activity,
            by=officer_le_chan,
            upload=SimpleUploadedFile("anh.jpg", b"MZ\x90\x00" + b"\x00" * 60, "image/jpeg"),
        )

    assert refused.value.messages == ["Only photos (JPEG, PNG, WebP) and PDF files are accepted."]
    assert not activity.evidence.exists()


def test_evidence_refuses_a_file_too_large(activity_in, officer_le_chan, media, monkeypatch):
    activity = activity_in(ActivityState.PUBLISHED)
    monkeypatch.setattr(evidence, "MAX_BYTES", 2 * 1024 * 1024)

    with pytest.raises(ValidationError) as refused:
        services.add_evidence(
            activity,
            by=officer_le_chan,
            upload=SimpleUploadedFile("lon.png", PNG + b"\x00" * (3 * 1024 * 1024), "image/png"),
        )

    assert refused.value.messages == ["The file is 3.0 MB; the largest accepted is 2 MB."]
    assert not activity.evidence.exists()


def test_evidence_refuses_an_empty_file(activity_in, officer_le_chan, media):
    activity = activity_in(ActivityState.PUBLISHED)

    with pytest.raises(ValidationError, match="The file is empty"):
        services.add_evidence(
            activity, by=officer_le_chan, upload=SimpleUploadedFile("trong.png", b"")
        )


def test_evidence_waits_for_publication(activity_in, officer_le_chan, media):
    activity = activity_in(ActivityState.DRAFT)

    with pytest.raises(ValidationError, match="once the activity is published"):
        services.add_evidence(activity, by=officer_le_chan, upload=SimpleUploadedFile("a.png", PNG))


def test_evidence_of_another_district_is_refused(activity_in, officer_kien_an, media):
    activity = activity_in(ActivityState.PUBLISHED)

    with pytest.raises(PermissionDenied):
        services.add_evidence(activity, by=officer_kien_an, upload=SimpleUploadedFile("a.png", PNG))


# --- e-mail to the unit ------------------------------------------------------------------


@pytest.fixture
def unit_people(approver_le_chan, officer_kien_an):
    return approver_le_chan, officer_kien_an


def test_return_mails_the_units_officers_with_the_reason(
    activity_in, staff, unit_people, mailoutbox, django_capture_on_commit_callbacks
):
    activity = activity_in(ActivityState.SUBMITTED)
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.return_activity(activity, by=staff, reason="Thiếu thời gian kết thúc.")

    [mail] = mailoutbox
    assert sorted(mail.to) == ["approver_le_chan@example.com", "officer_le_chan@example.com"]
    assert "Lễ phát động Tháng Khuyến học quận Lê Chân" in mail.subject
    assert "Thiếu thời gian kết thúc." in mail.body
    assert f"/portal/activities/{activity.pk}/" in mail.body


def test_publish_mails_the_units_officers(
    activity_in, staff, unit_people, mailoutbox, django_capture_on_commit_callbacks
):
    activity = activity_in(ActivityState.SUBMITTED)
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.publish_activity(activity, by=staff)

    [mail] = mailoutbox
    assert "officer_kien_an@example.com" not in mail.to
    assert "officer_le_chan@example.com" in mail.to
    assert mail.subject == "Activity published: Lễ phát động Tháng Khuyến học quận Lê Chân"


def test_submit_and_cancel_send_no_mail(
    new_activity, officer_le_chan, staff, mailoutbox, django_capture_on_commit_callbacks
):
    activity = new_activity()
    with django_capture_on_commit_callbacks(execute=True):
        services.submit_activity(activity, by=officer_le_chan)
    assert mailoutbox == []

    services.publish_activity(activity, by=staff)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_activity(activity, by=staff, reason="Hoãn.")
    assert mailoutbox == []


def test_a_refused_move_sends_no_mail(
    activity_in, staff, mailoutbox, django_capture_on_commit_callbacks
):
    activity = activity_in(ActivityState.DRAFT)

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        services.publish_activity(activity, by=staff)

    assert mailoutbox == []


# --- the campaign's own states -----------------------------------------------------------


@pytest.fixture
def draft_campaign(db):
    return Campaign.objects.create(
        year=2026,
        title="Tháng Khuyến học năm 2026",
        starts_on=datetime.date(2026, 9, 5),
        ends_on=datetime.date(2026, 10, 5),
    )


def test_campaign_goes_through_every_allowed_state(draft_campaign, staff):
    campaign = draft_campaign
    for to in ("open", "closed", "open", "closed", "archived"):
        campaign = services.change_campaign_state(
            campaign, to=to, by=staff, reason="Theo kế hoạch."
        )
        assert campaign.state == to

    campaign.refresh_from_db()
    assert campaign.state == CampaignState.ARCHIVED
    assert [(e.action, e.changes["state"], e.actor) for e in history(campaign)] == [
        ("opened", ["draft", "open"], staff),
        ("closed", ["open", "closed"], staff),
        ("reopened", ["closed", "open"], staff),
        ("closed", ["open", "closed"], staff),
        ("archived", ["closed", "archived"], staff),
    ]
    assert history(campaign)[0].reason == "Theo kế hoạch."


@pytest.mark.parametrize(
    ("path", "to", "message"),
    [
        ([], "closed", "A campaign that is “draft” cannot become “closed”."),
        ([], "archived", "A campaign that is “draft” cannot become “archived”."),
        (["open"], "archived", "A campaign that is “open” cannot become “archived”."),
        (["open"], "open", "A campaign that is “open” cannot become “open”."),
        (["open", "closed", "archived"], "open",
         "A campaign that is “archived” cannot become “open”."),
    ],
)  # fmt: skip
def test_campaign_refuses_other_moves(draft_campaign, staff, path, to, message):
    campaign = draft_campaign
    for step in path:
        campaign = services.change_campaign_state(campaign, to=step, by=staff)

    with pytest.raises(ValidationError) as refused:
        services.change_campaign_state(campaign, to=to, by=staff)

    assert refused.value.messages == [message]
    campaign.refresh_from_db()
    assert campaign.state == (path[-1] if path else "draft")


def test_only_staff_change_a_campaigns_state(draft_campaign, officer_le_chan, reviewer):
    for person in (officer_le_chan, reviewer):
        with pytest.raises(PermissionDenied):
            services.change_campaign_state(draft_campaign, to="open", by=person)

    draft_campaign.refresh_from_db()
    assert draft_campaign.state == CampaignState.DRAFT
    assert history(draft_campaign) == []
