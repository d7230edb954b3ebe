"""The moves of an activity and of a campaign, declared once (common.workflows).

For each move: the states it starts from, where it leads, the history action it writes,
whether it needs a reason, who may make it (organizations.permissions) and what else it
sets and sends. The services make the moves through these workflows; the portal's buttons,
the admin's review panels and actions and the bulk actions ask `moves_for` what a person
may do now.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from campaigns.permissions import EDIT_UNIT_WORK, MANAGE_CAMPAIGNS
from campaigns.rules import validate_activity
from campaigns.states import ActivityState, CampaignState
from campaigns.tasks import notify_activity_state
from common.workflows import Workflow, move
from organizations import permissions

# --- who ---------------------------------------------------------------------------------


def may_edit(user, activity) -> bool:
    """The organising unit's people (on the activity's date), and the association's staff."""
    return permissions.can(user, EDIT_UNIT_WORK, activity.organizer, on=activity.starts_on)


def may_review(user, activity=None) -> bool:
    """The association's staff: publish and return (reviewing a unit's activities)."""
    return permissions.can(user, MANAGE_CAMPAIGNS, activity.organizer if activity else None)


def may_cancel(user, activity) -> bool:
    """The unit's own people, or the association's staff, may cancel an activity."""
    return may_edit(user, activity) or may_review(user, activity)


def may_run_campaigns(user, campaign=None) -> bool:
    return permissions.can(user, MANAGE_CAMPAIGNS)


# --- what each activity move checks, sets and sends -----------------------------------------


def _rules_hold(activity, by):
    validate_activity(activity, by=by, co_organizers=list(activity.co_organizers.all()))


def _submitted(activity, change):
    activity.submitted_at = change.at
    return ["submitted_at"]


def _published(activity, change):
    activity.published_at = change.at
    activity.return_reason = ""
    return ["published_at", "return_reason"]


def _returned(activity, change):
    activity.return_reason = change.reason
    return ["return_reason"]


def _cancelled(activity, change):
    activity.cancel_reason = change.reason
    activity.cancelled_at = change.at
    # Subscribers' calendars pick the cancellation up by the revision number.
    activity.sequence += 1
    return ["cancel_reason", "cancelled_at", "sequence"]


def _tell_the_unit(activity):
    notify_activity_state.enqueue(activity_id=activity.pk, state=activity.state)


def _never_submitted(activity):
    return activity.submitted_at is None


def _why_not_discarded(activity):
    """Why `activity` may not be discarded, in words for its unit."""
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


def _activity_refused(activity, to):
    return _("An activity that is “%(state)s” cannot be %(action)s.") % {
        "state": activity.get_state_display(),
        "action": ActivityState(to).label,
    }


S = ActivityState
_SUBMIT = {"who": may_edit, "check": _rules_hold, "apply": _submitted, "after": _tell_the_unit}

ACTIVITY = Workflow(
    ActivityState,
    [
        move("submit", [S.DRAFT], S.SUBMITTED, action="submitted", **_SUBMIT),
        move(
            "resubmit",
            [S.RETURNED],
            S.SUBMITTED,
            action="submitted",
            note=gettext_lazy("Resubmitted after changes."),
            **_SUBMIT,
        ),
        move(
            "publish",
            [S.SUBMITTED],
            S.PUBLISHED,
            action="published",
            who=may_review,
            apply=_published,
            after=_tell_the_unit,
        ),
        move(
            "return",
            [S.SUBMITTED],
            S.RETURNED,
            action="returned",
            who=may_review,
            reason_required=gettext_lazy(
                "Say why the activity is returned, so the unit can fix it."
            ),
            apply=_returned,
            after=_tell_the_unit,
        ),
        move(
            "cancel",
            [S.PUBLISHED],
            S.CANCELLED,
            action="cancelled",
            who=may_cancel,
            reason_required=gettext_lazy("Say why the activity is cancelled; the public sees it."),
            apply=_cancelled,
            after=_tell_the_unit,
        ),
        # A draft its unit never submitted may be discarded: it leaves every list but keeps
        # its history. Once submitted, the association has seen it, so it is never
        # discarded (a returned activity was submitted; a published one is cancelled).
        move(
            "discard",
            [S.DRAFT],
            S.DISCARDED,
            action="discarded",
            who=may_edit,
            condition=_never_submitted,
            refused=_why_not_discarded,
        ),
    ],
    refused=_activity_refused,
    lock_related=("campaign", "organizer"),
)


def _campaign_refused(campaign, to):
    return _("A campaign that is “%(state)s” cannot become “%(to)s”.") % {
        "state": campaign.get_state_display(),
        "to": CampaignState(to).label,
    }


C = CampaignState


def _campaign_move(name, sources, target, action, label):
    return move(name, sources, target, action=action, who=may_run_campaigns, label=label)


CAMPAIGN = Workflow(
    CampaignState,
    [
        _campaign_move("open", [C.DRAFT], C.OPEN, "opened", gettext_lazy("Open the campaign")),
        _campaign_move("close", [C.OPEN], C.CLOSED, "closed", gettext_lazy("Close the campaign")),
        _campaign_move(
            "reopen", [C.CLOSED], C.OPEN, "reopened", gettext_lazy("Reopen the campaign")
        ),
        _campaign_move(
            "archive", [C.CLOSED], C.ARCHIVED, "archived", gettext_lazy("Archive the campaign")
        ),
    ],
    refused=_campaign_refused,
)
