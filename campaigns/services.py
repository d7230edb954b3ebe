"""Every write to campaigns and activities, and every state change.

Views, admin actions, the spreadsheet upload and management commands all call these
functions, so each rule is written once. Each one checks who is acting (through
organizations.permissions), checks the state it starts from, saves, writes the history
entry and queues the notifications for after the commit. A rule that says no raises
ValidationError (a message for the user, by field where it concerns one field) or
PermissionDenied (the person may not act on this unit at all).
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns.models import Activity, ActivityResult, Campaign, Evidence
from campaigns.permissions import EDIT_UNIT_WORK, MANAGE_CAMPAIGNS
from campaigns.rules import check_activity, validate_activity
from campaigns.states import (
    ACTIVITY_EDITABLE,
    ACTIVITY_TRANSITIONS,
    ACTIVITY_WITH_EVIDENCE,
    ACTIVITY_WITH_RESULTS,
    CAMPAIGN_TRANSITIONS,
    ActivityState,
    CampaignState,
)
from campaigns.tasks import notify_activity_state
from common import attachments as evidence_files
from common.formatting import format_day
from common.history import audit
from common.text import trimmed
from organizations import permissions

# The fields an organising unit fills in; the rest belongs to the workflow.
ACTIVITY_FIELDS = (
    "organizer",
    "focus_area",
    "kind",
    "title",
    "description",
    "starts_on",
    "start_time",
    "ends_on",
    "end_time",
    "venue",
    "address",
    "commune",
    "audience",
    "expected_participants",
    "contact_name",
    "contact_phone",
    "contact_email",
    "is_public",
)
HISTORY_FIELDS = (*ACTIVITY_FIELDS, "co_organizers")
RESULT_FIELDS = ("participants", "money_raised", "people_supported", "awards_given", "notes")


# --- checks shared by the writes -------------------------------------------------------


def _check_move(activity, to_state):
    if to_state not in ACTIVITY_TRANSITIONS.get(activity.state, set()):
        raise ValidationError(
            _("An activity that is “%(state)s” cannot be %(action)s.")
            % {
                "state": activity.get_state_display(),
                "action": ActivityState(to_state).label,
            }
        )


def _lock(activity):
    """Re-read the activity under a row lock, so that two reviewers cannot both act."""
    return (
        Activity.objects.select_for_update()
        .select_related("campaign", "organizer")
        .get(pk=activity.pk)
    )


def may_edit(user, activity) -> bool:
    return permissions.can(user, EDIT_UNIT_WORK, activity.organizer, on=activity.starts_on)


def may_cancel(user, activity) -> bool:
    """The unit's own people, or the association's staff, may cancel an activity."""
    return may_edit(user, activity) or permissions.can(user, MANAGE_CAMPAIGNS, activity.organizer)


def takes_results(activity, today=None) -> bool:
    """Whether results may be entered now: published, and it has begun."""
    return activity.state in ACTIVITY_WITH_RESULTS and activity.has_started(today)


def takes_evidence(activity) -> bool:
    return activity.state in ACTIVITY_WITH_EVIDENCE


def discardable(activity) -> bool:
    """A draft its unit never submitted (the rule of discard_activity)."""
    return discard_refusal(activity) is None


def discard_refusal(activity) -> str | None:
    """Why `activity` may not be discarded, in words for its unit; None when it may."""
    moves = ACTIVITY_TRANSITIONS.get(activity.state, set())
    if ActivityState.DISCARDED in moves and activity.submitted_at is None:
        return None
    if activity.state == ActivityState.SUBMITTED:
        return _("It is being reviewed by the association, so it cannot be discarded.")
    if activity.state == ActivityState.PUBLISHED:
        return _(
            "It is on the public calendar, so it cannot be discarded. If it will not take "
            "place, cancel it."
        )
    if activity.state == ActivityState.CANCELLED:
        return _(
            "It is cancelled: it stays on the public calendar, marked so, and cannot be discarded."
        )
    if activity.state == ActivityState.DISCARDED:
        return _("It is discarded already.")
    return _(
        "It was submitted for review before, so it stays on record and cannot be discarded. "
        "Correct it and submit it again, or tell the association's staff it will not take "
        "place."
    )


def _require_edit(user, activity):
    if not may_edit(user, activity):
        raise PermissionDenied


def _snapshot(activity, co_organizers=None):
    values = audit.snapshot(activity, ACTIVITY_FIELDS)
    if co_organizers is None:
        co_organizers = activity.co_organizers.all() if activity.pk else []
    values["co_organizers"] = sorted(str(unit) for unit in co_organizers)
    return values


def _after_commit(activity, state, notify=True):
    if not notify:
        return
    # robust: a mail server that is down must not undo or break the state change.
    transaction.on_commit(
        lambda: notify_activity_state.enqueue(activity_id=activity.pk, state=state), robust=True
    )


# --- activities ---------------------------------------------------------------------


@transaction.atomic
def create_activity(
    *,
    campaign: Campaign,
    by,
    co_organizers=(),
    history_action="created",
    upload=None,
    at=None,
    **fields,
) -> Activity:
    """A new draft activity of one of the user's units. `history_action` names how it came
    ("created" in a form, "imported" from a spreadsheet) in its history, `upload` the
    spreadsheet upload it came from, `at` when it was entered if not now (as for every
    service below: the demo's 2024 month)."""
    unknown = set(fields) - set(ACTIVITY_FIELDS)
    if unknown:
        raise TypeError(f"Not activity fields: {sorted(unknown)}")
    if not fields.get("ends_on"):
        fields["ends_on"] = fields.get("starts_on")
    activity = Activity(
        campaign=campaign, created_by=by, state=ActivityState.DRAFT, upload=upload, **fields
    )
    check_activity(activity, by=by, co_organizers=co_organizers)
    activity.save()
    activity.co_organizers.set(co_organizers)
    audit.record(
        activity,
        action=history_action,
        by=by,
        changes={
            name: [None, value]
            for name, value in _snapshot(activity, co_organizers).items()
            if value not in (None, "", [])
        },
        at=at,
    )
    return activity


@transaction.atomic
def update_activity(activity: Activity, *, by, co_organizers=None, at=None, **fields) -> Activity:
    """Change an activity's details (not its state).

    Allowed while it is a draft, after it was returned, and once published: a published
    activity's change is public at once, raises its revision number so that calendar
    subscribers pick it up, and stays in its history.
    """
    unknown = set(fields) - set(ACTIVITY_FIELDS)
    if unknown:
        raise TypeError(f"Not activity fields: {sorted(unknown)}")
    activity = _lock(activity)
    _require_edit(by, activity)
    if activity.state not in ACTIVITY_EDITABLE:
        raise ValidationError(
            _(
                "An activity that is “%(state)s” cannot be changed. If something must change "
                "while it is being reviewed, ask the association's staff to return it."
            )
            % {"state": activity.get_state_display()}
        )
    before = _snapshot(activity)
    for name, value in fields.items():
        setattr(activity, name, value)
    if co_organizers is None:
        co_organizers = list(activity.co_organizers.all())
    check_activity(activity, by=by, co_organizers=co_organizers)
    changes = audit.changes_between(before, _snapshot(activity, co_organizers))
    if not changes:
        return activity
    if activity.state == ActivityState.PUBLISHED:
        activity.sequence += 1
    activity.save()
    activity.co_organizers.set(co_organizers)
    audit.record(activity, action="changed", by=by, changes=changes, at=at)
    return activity


@transaction.atomic
def submit_activity(activity: Activity, *, by, at=None, notify=True) -> Activity:
    """Send a draft (or a returned activity, once fixed) to the association for review.

    Like publish, return and cancel, it mails the people concerned unless `notify` is
    False (the demo's long-past month) and happened now unless `at` says when."""
    at = at or timezone.now()
    activity = _lock(activity)
    _require_edit(by, activity)
    _check_move(activity, ActivityState.SUBMITTED)
    validate_activity(activity, by=by, co_organizers=list(activity.co_organizers.all()))
    before = activity.state
    resubmission = before == ActivityState.RETURNED
    activity.state = ActivityState.SUBMITTED
    activity.submitted_at = at
    activity.save(update_fields=["state", "submitted_at"])
    audit.record(
        activity,
        action="submitted",
        by=by,
        reason=_("Resubmitted after changes.") if resubmission else "",
        changes={"state": [before, activity.state]},
        at=at,
    )
    _after_commit(activity, activity.state, notify)
    return activity


@transaction.atomic
def publish_activity(activity: Activity, *, by, at=None, notify=True) -> Activity:
    """Put a submitted activity on the public calendar."""
    at = at or timezone.now()
    activity = _lock(activity)
    permissions.require(by, MANAGE_CAMPAIGNS, activity.organizer)
    _check_move(activity, ActivityState.PUBLISHED)
    activity.state = ActivityState.PUBLISHED
    activity.published_at = at
    activity.return_reason = ""
    activity.save(update_fields=["state", "published_at", "return_reason"])
    audit.record(
        activity, action="published", by=by, changes={"state": ["submitted", "published"]}, at=at
    )
    _after_commit(activity, activity.state, notify)
    return activity


@transaction.atomic
def return_activity(activity: Activity, *, by, reason: str, at=None, notify=True) -> Activity:
    """Send a submitted activity back to its unit, saying what to change."""
    at = at or timezone.now()
    reason = trimmed(reason)
    if not reason:
        raise ValidationError(
            {"reason": _("Say why the activity is returned, so the unit can fix it.")}
        )
    activity = _lock(activity)
    permissions.require(by, MANAGE_CAMPAIGNS, activity.organizer)
    _check_move(activity, ActivityState.RETURNED)
    activity.state = ActivityState.RETURNED
    activity.return_reason = reason
    activity.save(update_fields=["state", "return_reason"])
    audit.record(
        activity,
        action="returned",
        by=by,
        reason=reason,
        changes={"state": ["submitted", "returned"]},
        at=at,
    )
    _after_commit(activity, activity.state, notify)
    return activity


@transaction.atomic
def cancel_activity(activity: Activity, *, by, reason: str, at=None, notify=True) -> Activity:
    """Cancel a published activity. It stays on the calendar, marked as cancelled."""
    at = at or timezone.now()
    reason = trimmed(reason)
    if not reason:
        raise ValidationError(
            {"reason": _("Say why the activity is cancelled; the public sees it.")}
        )
    activity = _lock(activity)
    if not may_cancel(by, activity):
        raise PermissionDenied
    _check_move(activity, ActivityState.CANCELLED)
    activity.state = ActivityState.CANCELLED
    activity.cancel_reason = reason
    activity.cancelled_at = at
    activity.sequence += 1
    activity.save(update_fields=["state", "cancel_reason", "cancelled_at", "sequence"])
    audit.record(
        activity,
        action="cancelled",
        by=by,
        reason=reason,
        changes={"state": ["published", "cancelled"]},
        at=at,
    )
    _after_commit(activity, activity.state, notify)
    return activity


@transaction.atomic
def discard_activity(activity: Activity, *, by, reason: str = "") -> Activity:
    """Withdraw a draft that was entered by mistake or twice.

    The rule: only a draft its unit never submitted. Once submitted the association has
    seen it, so an activity being reviewed, returned for changes (it was submitted once),
    published or cancelled stays as it is; a published one is cancelled instead. Nothing is
    deleted: the activity leaves the officers' lists, the review queue and the public pages,
    the admin still finds it (its state filter), and its history says who discarded it,
    when and why.
    """
    activity = _lock(activity)
    _require_edit(by, activity)
    refusal = discard_refusal(activity)
    if refusal is not None:
        raise ValidationError(refusal)
    activity.state = ActivityState.DISCARDED
    activity.save(update_fields=["state"])
    audit.record(
        activity,
        action="discarded",
        by=by,
        reason=trimmed(reason),
        changes={"state": [ActivityState.DRAFT.value, ActivityState.DISCARDED.value]},
    )
    return activity


@transaction.atomic
def record_results(
    activity: Activity, *, by, today: datetime.date | None = None, at=None, **values
):
    """Enter (or correct) what came of a published activity, once it has begun."""
    unknown = set(values) - set(RESULT_FIELDS)
    if unknown:
        raise TypeError(f"Not result fields: {sorted(unknown)}")
    activity = _lock(activity)
    _require_edit(by, activity)
    if activity.state not in ACTIVITY_WITH_RESULTS:
        raise ValidationError(_("Results can be entered for published activities only."))
    if not activity.has_started(today):
        raise ValidationError(
            _("Results can be entered once the activity has begun (%(day)s).")
            % {"day": format_day(activity.starts_on)}
        )
    result = ActivityResult.objects.filter(activity=activity).first()
    before = audit.snapshot(result, RESULT_FIELDS) if result else {}
    if result is None:
        result = ActivityResult(activity=activity)
    for name, value in values.items():
        setattr(result, name, value)
    result.entered_by = by
    result.entered_at = at or timezone.now()
    result.full_clean()
    result.save()
    changes = audit.changes_between(before, audit.snapshot(result, RESULT_FIELDS))
    if changes:
        audit.record(activity, action="results_recorded", by=by, changes=changes, at=at)
    return result


@transaction.atomic
def add_evidence(activity: Activity, *, by, upload, caption: str = "") -> Evidence:
    """Attach a photo or PDF to an activity (type and size checked by content)."""
    _require_edit(by, activity)
    if not takes_evidence(activity):
        raise ValidationError(_("Evidence can be added once the activity is published."))
    content_type = evidence_files.check(upload)
    item = Evidence(
        activity=activity,
        original_name=evidence_files.clean_name(upload.name),
        content_type=content_type,
        size=upload.size,
        caption=trimmed(caption),
        uploaded_by=by,
    )
    item.file.save(f"evidence.{evidence_files.extension(content_type)}", upload, save=False)
    item.save()
    audit.record(
        activity, action="evidence_added", by=by, changes={"evidence": [None, item.original_name]}
    )
    return item


# --- campaigns ----------------------------------------------------------------------

_CAMPAIGN_ACTION = {
    (CampaignState.DRAFT, CampaignState.OPEN): "opened",
    (CampaignState.OPEN, CampaignState.CLOSED): "closed",
    (CampaignState.CLOSED, CampaignState.OPEN): "reopened",
    (CampaignState.CLOSED, CampaignState.ARCHIVED): "archived",
}


@transaction.atomic
def change_campaign_state(
    campaign: Campaign, *, to: str, by, reason: str = "", at=None
) -> Campaign:
    """Open, close, reopen or archive a campaign (staff only)."""
    permissions.require(by, MANAGE_CAMPAIGNS)
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if to not in CAMPAIGN_TRANSITIONS.get(campaign.state, set()):
        raise ValidationError(
            _("A campaign that is “%(state)s” cannot become “%(to)s”.")
            % {"state": campaign.get_state_display(), "to": CampaignState(to).label}
        )
    action = _CAMPAIGN_ACTION[(campaign.state, to)]
    before = campaign.state
    campaign.state = to
    campaign.save(update_fields=["state", "updated_at"])
    audit.record(
        campaign, action=action, by=by, reason=reason, changes={"state": [before, to]}, at=at
    )
    return campaign


def record_campaign_saved(campaign, *, before, after, created, by):
    """History of a campaign saved in the admin: the values a new campaign was given, or
    those an edit changed; nothing when nothing did."""
    changes = audit.changes_between(before, after)
    if created:
        changes = {name: pair for name, pair in changes.items() if pair[1] not in (None, "", [])}
    if changes:
        audit.record(campaign, action="created" if created else "changed", by=by, changes=changes)
