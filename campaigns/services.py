"""Every write to campaigns and activities, and every state change.

Views, admin actions, the spreadsheet upload and management commands all call these
functions, so each rule is written once. Each one checks who is acting (through
organizations.permissions), checks the state it starts from, saves, writes the history
entry and queues the notifications for after the commit. The state changes go through the
workflows of campaigns.workflows, which do all of that in one place (common.workflows). A
rule that says no raises ValidationError (a message for the user, by field where it
concerns one field) or PermissionDenied (the person may not act on this unit at all).
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns.models import Activity, ActivityResult, Campaign, Evidence
from campaigns.rules import check_activity
from campaigns.rules import validate_activity as validate_activity  # the rules, for callers
from campaigns.states import (
    ACTIVITY_EDITABLE,
    ACTIVITY_WITH_EVIDENCE,
    ACTIVITY_WITH_RESULTS,
    ActivityState,
)
from campaigns.workflows import ACTIVITY, CAMPAIGN, may_edit
from common import attachments as evidence_files
from common.formatting import format_day
from common.history import audit
from common.text import trimmed

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


def takes_results(activity, today=None) -> bool:
    """Whether results may be entered now: published, and it has begun."""
    return activity.state in ACTIVITY_WITH_RESULTS and activity.has_started(today)


def takes_evidence(activity) -> bool:
    return activity.state in ACTIVITY_WITH_EVIDENCE


def _require_edit(user, activity):
    if not may_edit(user, activity):
        raise PermissionDenied


def _snapshot(activity, co_organizers=None):
    values = audit.snapshot(activity, ACTIVITY_FIELDS)
    if co_organizers is None:
        co_organizers = activity.co_organizers.all() if activity.pk else []
    values["co_organizers"] = sorted(str(unit) for unit in co_organizers)
    return values


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
    activity = ACTIVITY.lock(activity)  # two people cannot both act
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


def submit_activity(activity: Activity, *, by, at=None, notify=True) -> Activity:
    """Send a draft (or a returned activity, once fixed) to the association for review;
    the unit's people may, once the activity follows its rules.

    Like every move below (campaigns.workflows declares them, common.workflows makes them:
    lock, check, save, history, mail after the commit), it mails the people concerned
    unless `notify` is False (the demo's long-past month) and happened now unless `at` says
    when."""
    return ACTIVITY.make(activity, to=ActivityState.SUBMITTED, by=by, at=at, notify=notify)


def publish_activity(activity: Activity, *, by, at=None, notify=True) -> Activity:
    """Put a submitted activity on the public calendar (staff); its unit is mailed."""
    return ACTIVITY.make(activity, to=ActivityState.PUBLISHED, by=by, at=at, notify=notify)


def return_activity(activity: Activity, *, by, reason: str, at=None, notify=True) -> Activity:
    """Send a submitted activity back to its unit (staff), saying what to change; the unit
    is mailed the reason."""
    return ACTIVITY.make(
        activity, to=ActivityState.RETURNED, by=by, reason=reason, at=at, notify=notify
    )


def cancel_activity(activity: Activity, *, by, reason: str, at=None, notify=True) -> Activity:
    """Cancel a published activity (its unit or staff). It stays on the calendar, marked as
    cancelled with the reason, and its revision number rises for calendar subscribers."""
    return ACTIVITY.make(
        activity, to=ActivityState.CANCELLED, by=by, reason=reason, at=at, notify=notify
    )


def discard_activity(activity: Activity, *, by, reason: str = "", at=None) -> Activity:
    """Withdraw a draft that was entered by mistake or twice.

    The rule: only a draft its unit never submitted. Once submitted the association has
    seen it, so an activity being reviewed, returned for changes (it was submitted once),
    published or cancelled stays as it is; a published one is cancelled instead. Nothing is
    deleted: the activity leaves the officers' lists, the review queue and the public pages,
    the admin still finds it (its state filter), and its history says who discarded it,
    when and why.
    """
    return ACTIVITY.make(activity, to=ActivityState.DISCARDED, by=by, reason=reason, at=at)


@transaction.atomic
def record_results(
    activity: Activity, *, by, today: datetime.date | None = None, at=None, **values
):
    """Enter (or correct) what came of a published activity, once it has begun."""
    unknown = set(values) - set(RESULT_FIELDS)
    if unknown:
        raise TypeError(f"Not result fields: {sorted(unknown)}")
    activity = ACTIVITY.lock(activity)  # two people cannot both act
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


def change_campaign_state(
    campaign: Campaign, *, to: str, by, reason: str = "", at=None, notify=True
) -> Campaign:
    """Open, close, reopen or archive a campaign (staff only)."""
    return CAMPAIGN.make(campaign, to=to, by=by, reason=reason, at=at, notify=notify)


def record_campaign_saved(campaign, *, before, after, created, by):
    """History of a campaign saved in the admin: the values a new campaign was given, or
    those an edit changed; nothing when nothing did."""
    changes = audit.changes_between(before, after)
    if created:
        changes = {name: pair for name, pair in changes.items() if pair[1] not in (None, "", [])}
    if changes:
        audit.record(campaign, action="created" if created else "changed", by=by, changes=changes)
