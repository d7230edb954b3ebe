"""Pledges: a donor's promise to give, cancelled with a reason, and reminders by e-mail."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns import selectors as campaign_selectors
from common.history import audit
from common.text import trimmed
from scholarships import selectors
from scholarships.models import (
    Pledge,
    PledgeState,
)
from scholarships.services.ledger import _amount, _lock, _require_treasurer


@transaction.atomic
def pledge(
    fund,
    *,
    donor,
    amount,
    due_on,
    by,
    purpose="",
    campaign=None,
    activity=None,
    note="",
    at=None,
) -> Pledge:
    """Record a donor's promise of `amount` by `due_on`, with the next pledge number of the
    fund's year (its transfer reference)."""
    fund = _lock(fund)
    _require_treasurer(by, fund)
    amount = _amount(amount)
    if activity is not None:
        if not campaign_selectors.is_fundraising(activity):
            raise ValidationError({"activity": _("That activity is not a fundraising one.")})
        campaign = activity.campaign
    moment = at or timezone.now()
    year = timezone.localtime(moment).year
    last = (
        Pledge.objects.filter(fund=fund, year=year).order_by("-number").values_list(
            "number", flat=True
        ).first()
    )  # fmt: skip
    made = Pledge(
        fund=fund,
        donor=donor,
        amount=amount,
        due_on=due_on,
        purpose=trimmed(purpose),
        campaign=campaign,
        activity=activity,
        year=year,
        number=(last or 0) + 1,
        note=trimmed(note),
        created_by=by,
        created_at=moment,
    )
    made.full_clean(exclude=["fund", "donor", "campaign", "activity", "created_by", "token"])
    made.save()
    audit.record(made, action="created", by=by, at=at)
    return made


@transaction.atomic
def cancel_pledge(pledge, *, by, reason, at=None) -> Pledge:
    """The donor withdrew the promise, or it was recorded in error: the pledge stays, closed,
    with why. What was already paid stays in the ledger."""
    pledge = (
        Pledge.objects.select_for_update(of=("self",))
        .select_related("fund__unit")
        .get(pk=pledge.pk)
    )
    _require_treasurer(by, pledge.fund)
    reason = trimmed(reason)
    if not reason:
        raise ValidationError({"reason": _("Say why the pledge is cancelled.")})
    if pledge.state == PledgeState.CANCELLED:
        raise ValidationError(_("This pledge was already cancelled."))
    pledge.state, pledge.cancel_reason = PledgeState.CANCELLED, reason
    pledge.save(update_fields=["state", "cancel_reason"])
    audit.record(
        pledge,
        action="cancelled",
        by=by,
        reason=reason,
        changes={"state": [PledgeState.OPEN, PledgeState.CANCELLED]},
        at=at,
    )
    return pledge


@transaction.atomic
def remind(pledge, *, by, at=None) -> Pledge:
    """Send the pledger a reminder of what is left to pay, after the commit."""
    from scholarships import tasks

    pledge = (
        Pledge.objects.select_for_update(of=("self",))
        .select_related("fund__unit", "donor")
        .get(pk=pledge.pk)
    )
    _require_treasurer(by, pledge.fund)
    if pledge.state != PledgeState.OPEN:
        raise ValidationError(_("A cancelled pledge is not reminded."))
    if selectors.pledge_left(pledge) <= 0:
        raise ValidationError(_("This pledge is paid in full."))
    if not pledge.donor.email:
        raise ValidationError(_("The donor has no e-mail address to remind."))
    pledge.last_reminded_at = at or timezone.now()
    pledge.save(update_fields=["last_reminded_at"])
    audit.record(pledge, action="reminded", by=by, at=at)
    transaction.on_commit(lambda: tasks.remind_pledger.enqueue(pledge.pk))
    return pledge
