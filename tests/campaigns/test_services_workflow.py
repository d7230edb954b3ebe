"""The states of an activity and of a campaign, through campaigns.services.

An activity goes draft → submitted → published (or returned with a reason → submitted
again); a published activity can be cancelled. A campaign goes draft → open → closed →
archived, and may be reopened. Each move is refused with a message when it is not allowed,
is recorded in the record's history with who and why, and tells the organising unit's
officers by e-mail when staff return or publish their activity. Fixtures:
tests/campaigns/conftest.py.
"""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from campaigns import services
from campaigns.models import ActivityState, CampaignState
from tests.campaigns.factories import history, make_campaign

pytestmark = pytest.mark.usefixtures("_english")


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


@pytest.mark.parametrize("reason", ["", "   ", "  \n ", None])
@pytest.mark.parametrize(
    ("state", "move", "message"),
    [
        pytest.param(
            ActivityState.SUBMITTED,
            services.return_activity,
            "Say why the activity is returned, so the unit can fix it.",
            id="return",
        ),
        pytest.param(
            ActivityState.PUBLISHED,
            services.cancel_activity,
            "Say why the activity is cancelled; the public sees it.",
            id="cancel",
        ),
    ],
)
def test_return_and_cancel_need_a_reason(activity_in, staff, state, move, message, reason):
    activity = activity_in(state)

    with pytest.raises(ValidationError) as refused:
        move(activity, by=staff, reason=reason)

    assert refused.value.message_dict == {"reason": [message]}
    activity.refresh_from_db()
    assert activity.state == state


def test_submit_refused_when_the_campaign_closed_meanwhile(new_activity, campaign, staff):
    activity = new_activity()
    services.change_campaign_state(campaign, to=CampaignState.CLOSED, by=staff)

    with pytest.raises(ValidationError, match="is not open for entries"):
        services.submit_activity(activity, by=activity.created_by)


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
    assert mail.subject == "Hoạt động đã được công bố: Lễ phát động Tháng Khuyến học quận Lê Chân"


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
    return make_campaign(2026, state=CampaignState.DRAFT, focus_areas=())


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
