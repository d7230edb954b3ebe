"""The services told when a step happened (`at=`) and asked to send no mail
(`notify=False`), as the demo's 2024 month enters its activities. Without them a step
happens now and mails as usual (tests/campaigns/test_services_workflow.py).
Fixtures: tests/campaigns/conftest.py.
"""

import datetime

import pytest
from django.utils import timezone

from campaigns import services
from campaigns.models import ActivityState, CampaignState
from tests.campaigns.factories import history, make_campaign

pytestmark = pytest.mark.usefixtures("_english")


def _at(day, hour):
    return timezone.make_aware(datetime.datetime(2024, 9, day, hour, 15))


def test_each_step_is_recorded_at_the_time_given(new_activity, officer_le_chan, staff):
    activity = new_activity(at=_at(1, 9))
    activity = services.submit_activity(activity, by=officer_le_chan, at=_at(2, 14))
    activity = services.return_activity(activity, by=staff, reason="Ghi rõ địa chỉ.", at=_at(3, 8))
    activity = services.update_activity(
        activity, by=officer_le_chan, venue="Hội trường phường An Biên", at=_at(3, 10)
    )
    activity = services.submit_activity(activity, by=officer_le_chan, at=_at(3, 11))
    activity = services.publish_activity(activity, by=staff, at=_at(4, 9))
    services.record_results(activity, by=officer_le_chan, participants=140, at=_at(16, 10))
    activity = services.cancel_activity(activity, by=staff, reason="Hoãn do bão.", at=_at(6, 16))

    activity.refresh_from_db()
    assert (activity.submitted_at, activity.published_at, activity.cancelled_at) == (
        _at(3, 11),
        _at(4, 9),
        _at(6, 16),
    )
    assert activity.result.entered_at == _at(16, 10)
    assert [(entry.action, entry.at) for entry in history(activity)] == [
        ("created", _at(1, 9)),
        ("submitted", _at(2, 14)),
        ("returned", _at(3, 8)),
        ("changed", _at(3, 10)),
        ("submitted", _at(3, 11)),
        ("published", _at(4, 9)),
        ("cancelled", _at(6, 16)),
        ("results_recorded", _at(16, 10)),
    ]


def test_without_a_time_each_step_happens_now(activity_in, officer_le_chan, staff):
    before = timezone.now()
    activity = activity_in(ActivityState.PUBLISHED)
    services.record_results(activity, by=officer_le_chan, participants=90)

    activity.refresh_from_db()
    assert before <= activity.submitted_at <= activity.published_at <= timezone.now()
    assert before <= activity.result.entered_at <= timezone.now()
    assert all(before <= entry.at <= timezone.now() for entry in history(activity))


def test_a_campaign_opens_at_the_time_given(db, staff):
    campaign = make_campaign(2026, state=CampaignState.DRAFT, focus_areas=())
    when = timezone.make_aware(datetime.datetime(2026, 8, 29, 16, 0))

    services.change_campaign_state(campaign, to=CampaignState.OPEN, by=staff, at=when)

    [entry] = history(campaign)
    assert (entry.action, entry.at) == ("opened", when)


def test_no_mail_when_asked_not_to_notify(
    activity_in, staff, approver_le_chan, mailoutbox, django_capture_on_commit_callbacks
):
    returned = activity_in(ActivityState.SUBMITTED)
    published = activity_in(ActivityState.SUBMITTED)
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.return_activity(returned, by=staff, reason="Thiếu giờ.", notify=False)
        services.publish_activity(published, by=staff, notify=False)

    assert callbacks == []
    assert mailoutbox == []
    returned.refresh_from_db()
    published.refresh_from_db()
    assert (returned.state, published.state) == (ActivityState.RETURNED, ActivityState.PUBLISHED)

    # The same moves mail the unit's officers when nothing says otherwise.
    again = activity_in(ActivityState.SUBMITTED)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.publish_activity(again, by=staff)
    assert len(mailoutbox) == 1
