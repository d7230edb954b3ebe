"""Acting on many activities at once from the officers' list: submit them for review, or
discard drafts.

Each activity goes through the same service as one by one (services.submit_activity,
services.discard_activity), with the same rules and history, in its own transaction: one
refusal leaves the others done and none half-done, and the outcome of each is reported with
its reason. The numbers come from a form, so nothing is trusted: an activity the person may
not act on (another district's, one that does not exist) is refused without being touched,
and without its title being shown.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from campaigns import services
from campaigns.models import Activity
from campaigns.states import ActivityState
from campaigns.workflows import ACTIVITY

# One list page holds 50; one upload at most campaigns.upload.MAX_ROWS.
MAX_SELECTED = 2000

# The states the list offers to tick: those a bulk action can move an activity from.
SELECTABLE = ACTIVITY.sources_of("submit", "resubmit", "discard")


@dataclass(frozen=True)
class Outcome:
    """What became of activity `pk`: done, or refused for `reason`. `hidden`: the person
    may not act on it, so the summary names it by number only."""

    pk: int
    done: bool
    reason: str = ""
    hidden: bool = False


def submit_each(pks, *, by) -> list[Outcome]:
    """Submit each activity for review, as its page's button does."""
    return _each(
        pks,
        by,
        ActivityState.SUBMITTED,
        lambda activity: services.submit_activity(activity, by=by),
    )


def discard_each(pks, *, by, reason="") -> list[Outcome]:
    """Discard each draft that was never submitted, as its page's button does."""
    return _each(
        pks,
        by,
        ActivityState.DISCARDED,
        lambda activity: services.discard_activity(activity, by=by, reason=reason),
    )


def _each(pks, by, to, move):
    wanted = list(dict.fromkeys(pks))[:MAX_SELECTED]
    found = Activity.objects.select_related("organizer", "campaign").in_bulk(wanted)
    ordered = sorted(
        found.values(), key=lambda a: (a.starts_on, a.start_time is not None, a.start_time, a.pk)
    )
    outcomes = []
    for activity in ordered:
        # The service checks again under its lock; asking first keeps the refusal from
        # saying anything about an activity the person may not act on.
        if not ACTIVITY.permits(by, activity, to=to):
            outcomes.append(_not_yours(activity.pk))
            continue
        try:
            move(activity)
        except ValidationError as error:
            # A one-day activity outside the campaign breaks the rule by both its dates.
            reason = " ".join(dict.fromkeys(error.messages))
            outcomes.append(Outcome(activity.pk, False, reason))
        except PermissionDenied:
            outcomes.append(_not_yours(activity.pk))
        else:
            outcomes.append(Outcome(activity.pk, True))
    outcomes.extend(_not_yours(pk) for pk in wanted if pk not in found)
    return outcomes


def _not_yours(pk):
    return Outcome(
        pk,
        False,
        _("You have no role in its organising unit, or it does not exist; it was left alone."),
        hidden=True,
    )
