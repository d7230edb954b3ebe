"""Many activities at once, and drafts withdrawn: campaigns.bulk runs the one-by-one
service (services.submit_activity, services.discard_activity) on each activity of a
selection, in its own transaction, and says of each whether it went and why not; an
activity the person may not act on is refused untouched. A draft its unit never submitted
can be discarded (not deleted: its history stays); anything once submitted cannot.
Fixtures: tests/campaigns/conftest.py.
"""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from campaigns import bulk, services
from campaigns.models import Activity, ActivityState
from tests.campaigns.factories import history

pytestmark = pytest.mark.usefixtures("_english")

NOT_YOURS = "You have no role in its organising unit, or it does not exist; it was left alone."


def outcomes_of(outcomes):
    return {outcome.pk: (outcome.done, outcome.reason) for outcome in outcomes}


# --- submitting a selection -------------------------------------------------------------


def test_submit_each_sends_every_draft_through_the_one_by_one_service(
    new_activity, officer_le_chan
):
    drafts = [new_activity(title=f"Hoạt động khuyến học số {n}") for n in range(5)]

    outcomes = bulk.submit_each([a.pk for a in drafts], by=officer_le_chan)

    assert outcomes_of(outcomes) == {a.pk: (True, "") for a in drafts}
    for activity in drafts:
        activity.refresh_from_db()
        assert activity.state == ActivityState.SUBMITTED
        assert activity.submitted_at is not None
        entry = history(activity)[-1]
        assert (entry.action, entry.actor) == ("submitted", officer_le_chan)
        assert entry.changes == {"state": ["draft", "submitted"]}


def test_one_activity_that_breaks_a_rule_is_reported_and_the_others_still_go(
    new_activity, activity_in, campaign, officer_le_chan
):
    first = new_activity(title="Tọa đàm khuyến học")
    late = new_activity(title="Ngày hội đọc sách", starts_on=datetime.date(2024, 10, 4))
    under_review = activity_in(ActivityState.SUBMITTED, title="Hội nghị đã gửi")
    last = new_activity(title="Trao học bổng")
    # Staff shortened the month after the reading day was entered.
    campaign.ends_on = datetime.date(2024, 10, 2)
    campaign.save()

    outcomes = bulk.submit_each([first.pk, late.pk, under_review.pk, last.pk], by=officer_le_chan)

    assert outcomes_of(outcomes) == {
        first.pk: (True, ""),
        late.pk: (False, "04/10/2024 is outside the campaign (05/09/2024 – 02/10/2024)."),
        under_review.pk: (
            False,
            "An activity that is “submitted for review” cannot be submitted for review.",
        ),
        last.pk: (True, ""),
    }
    late.refresh_from_db()
    assert late.state == ActivityState.DRAFT
    assert [entry.action for entry in history(late)] == ["created"]
    assert Activity.objects.get(pk=last.pk).state == ActivityState.SUBMITTED
    assert len(history(under_review)) == 2  # created, submitted: nothing added


def test_another_districts_activities_in_the_selection_are_refused_untouched(
    new_activity, officer_le_chan, officer_kien_an, units
):
    mine = new_activity(by=officer_kien_an, organizer=units.kien_an, title="Của Kiến An")
    theirs = new_activity(title="Lễ phát động của Lê Chân")
    missing = theirs.pk + 1000

    outcomes = bulk.submit_each([theirs.pk, mine.pk, missing], by=officer_kien_an)

    assert outcomes_of(outcomes) == {
        mine.pk: (True, ""),
        theirs.pk: (False, NOT_YOURS),
        missing: (False, NOT_YOURS),
    }
    assert {o.pk for o in outcomes if o.hidden} == {theirs.pk, missing}
    theirs.refresh_from_db()
    assert theirs.state == ActivityState.DRAFT
    assert theirs.submitted_at is None
    assert [entry.action for entry in history(theirs)] == ["created"]


def test_a_selection_counts_each_activity_once(new_activity, officer_le_chan):
    draft = new_activity()

    outcomes = bulk.submit_each([draft.pk, draft.pk, draft.pk], by=officer_le_chan)

    assert [(o.pk, o.done) for o in outcomes] == [(draft.pk, True)]
    assert [e.action for e in history(draft)] == ["created", "submitted"]


# --- discarding a draft ------------------------------------------------------------------


def test_discard_activity_withdraws_a_draft_and_keeps_its_history(new_activity, officer_le_chan):
    draft = new_activity()

    services.discard_activity(draft, by=officer_le_chan, reason="  Nhập trùng hai lần.  ")

    draft.refresh_from_db()
    assert draft.state == ActivityState.DISCARDED
    entries = history(draft)
    assert [e.action for e in entries] == ["created", "discarded"]
    assert (entries[-1].actor, entries[-1].reason) == (officer_le_chan, "Nhập trùng hai lần.")
    assert entries[-1].changes == {"state": ["draft", "discarded"]}


DISCARD_REFUSED = [
    (ActivityState.SUBMITTED,
     "It is being reviewed by the association, so it cannot be discarded."),
    (ActivityState.RETURNED,
     "It was submitted for review before, so it stays on record and cannot be discarded. "
     "Correct it and submit it again, or tell the association's staff it will not take place."),
    (ActivityState.PUBLISHED,
     "It is on the public calendar, so it cannot be discarded. If it will not take place, "
     "cancel it."),
    (ActivityState.CANCELLED,
     "It is cancelled: it stays on the public calendar, marked so, and cannot be discarded."),
]  # fmt: skip


@pytest.mark.parametrize(("state", "message"), DISCARD_REFUSED)
def test_an_activity_once_submitted_cannot_be_discarded(
    activity_in, officer_le_chan, state, message
):
    activity = activity_in(state)
    entries = len(history(activity))

    with pytest.raises(ValidationError) as refused:
        services.discard_activity(activity, by=officer_le_chan)

    assert refused.value.messages == [message]
    activity.refresh_from_db()
    assert activity.state == state
    assert len(history(activity)) == entries


def test_a_discarded_draft_cannot_be_submitted_changed_or_discarded_again(
    new_activity, officer_le_chan
):
    draft = services.discard_activity(new_activity(), by=officer_le_chan)

    with pytest.raises(ValidationError, match="cannot be submitted for review"):
        services.submit_activity(draft, by=officer_le_chan)
    with pytest.raises(ValidationError, match="cannot be changed"):
        services.update_activity(draft, by=officer_le_chan, title="Sửa lại")
    with pytest.raises(ValidationError) as again:
        services.discard_activity(draft, by=officer_le_chan)
    assert again.value.messages == ["It is discarded already."]


def test_only_the_units_people_may_discard_its_draft(new_activity, officer_kien_an):
    draft = new_activity()

    with pytest.raises(PermissionDenied):
        services.discard_activity(draft, by=officer_kien_an)
    draft.refresh_from_db()
    assert draft.state == ActivityState.DRAFT


def test_discard_each_discards_the_drafts_and_reports_the_rest(
    new_activity, activity_in, officer_le_chan, officer_kien_an, units
):
    drafts = [new_activity(title=f"Bản nháp nhập trùng {n}") for n in range(3)]
    published = activity_in(ActivityState.PUBLISHED, title="Đã công bố")
    other_district = new_activity(by=officer_kien_an, organizer=units.kien_an)

    outcomes = bulk.discard_each(
        [*(d.pk for d in drafts), published.pk, other_district.pk],
        by=officer_le_chan,
        reason="Tải lên hai lần.",
    )

    found = outcomes_of(outcomes)
    assert [found[d.pk] for d in drafts] == [(True, "")] * 3
    assert found[published.pk] == (
        False,
        "It is on the public calendar, so it cannot be discarded. If it will not take place, "
        "cancel it.",
    )
    assert found[other_district.pk] == (False, NOT_YOURS)
    for draft in drafts:
        entry = history(draft)[-1]
        assert (entry.action, entry.actor, entry.reason) == (
            "discarded",
            officer_le_chan,
            "Tải lên hai lần.",
        )
    published.refresh_from_db()
    other_district.refresh_from_db()
    assert (published.state, other_district.state) == (
        ActivityState.PUBLISHED,
        ActivityState.DRAFT,
    )
