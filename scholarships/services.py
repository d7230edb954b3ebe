"""Every write to the fund's books: donations (with their gapless receipt numbers),
spending, and reversals. Each checks that the person handles the fund's money, locks the
fund so that two treasurers acting at once are serialised, and never changes an entry
already written (the database refuses that anyway: migration 0002)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns import selectors as campaign_selectors
from common.history import audit
from common.money import format_vnd
from common.text import trimmed
from organizations import permissions
from scholarships import selectors
from scholarships.models import (
    BankStatement,
    Direction,
    Donation,
    Donor,
    DonorKind,
    EntryKind,
    Fund,
    LedgerEntry,
    Method,
    Pledge,
    PledgeState,
    ReceiptCounter,
    StatementCredit,
)
from scholarships.models.ledger import MAX_AMOUNT
from scholarships.permissions import HANDLE_MONEY


def _require_treasurer(by, fund):
    if not permissions.can(by, HANDLE_MONEY, fund.unit):
        raise PermissionDenied


def _lock(fund) -> Fund:
    return Fund.objects.select_for_update().select_related("unit").get(pk=fund.pk)


def _amount(amount) -> int:
    if isinstance(amount, bool) or not isinstance(amount, int):
        raise ValidationError({"amount": _("Write the amount in whole đồng.")})
    if amount <= 0:
        raise ValidationError({"amount": _("The amount must be more than 0 ₫.")})
    if amount > MAX_AMOUNT:
        raise ValidationError({"amount": _("The amount is too large.")})
    return amount


def _next_receipt(fund, year) -> int:
    """The next receipt number of `fund` in `year`, under the counter's row lock."""
    counter, _created = ReceiptCounter.objects.get_or_create(fund=fund, year=year)
    ReceiptCounter.objects.filter(pk=counter.pk).update(last=F("last") + 1)
    return ReceiptCounter.objects.get(pk=counter.pk).last


def _entry(fund, **fields) -> LedgerEntry:
    entry = LedgerEntry(fund=fund, **fields)
    entry.full_clean(exclude=["fund", "recorded_by", "reverses"])
    entry.save()
    return entry


@transaction.atomic
def record_donation(fund, *, amount, description, by, purpose="", occurred_on=None, at=None):
    """Money in, with the next receipt number of the fund's year."""
    fund = _lock(fund)
    _require_treasurer(by, fund)
    occurred_on = occurred_on or timezone.localdate()
    description = trimmed(description)
    if not description:
        raise ValidationError({"description": _("Say who gave and what for.")})
    return _entry(
        fund,
        kind=EntryKind.DONATION,
        direction=Direction.IN,
        amount=_amount(amount),
        purpose=trimmed(purpose),
        description=description,
        occurred_on=occurred_on,
        receipt_year=occurred_on.year,
        receipt_number=_next_receipt(fund, occurred_on.year),
        recorded_by=by,
        **({"recorded_at": at} if at else {}),
    )


def _refuse_overdraft(fund, purpose, amount):
    available = selectors.balance(fund, purpose=purpose)
    if amount > available:
        if purpose:
            message = _(
                "Only %(available)s is left of the money given for “%(purpose)s”; "
                "%(amount)s cannot be spent from it."
            )
        else:
            message = _(
                "Only %(available)s of the fund is free to use (money given for a named "
                "purpose is kept for it); %(amount)s cannot be spent."
            )
        raise ValidationError(
            message
            % {
                "available": format_vnd(available),
                "amount": format_vnd(amount),
                "purpose": purpose,
            }
        )


@transaction.atomic
def spend(fund, *, amount, description, by, purpose="", occurred_on=None, at=None):
    """Money out: from the money given for `purpose`, or from the fund's free money when
    no purpose is named. Refused when it would take the balance below zero."""
    fund = _lock(fund)
    _require_treasurer(by, fund)
    amount, purpose = _amount(amount), trimmed(purpose)
    description = trimmed(description)
    if not description:
        raise ValidationError({"description": _("Say what the money is spent on.")})
    _refuse_overdraft(fund, purpose, amount)
    return _entry(
        fund,
        kind=EntryKind.SPEND,
        direction=Direction.OUT,
        amount=amount,
        purpose=purpose,
        description=description,
        occurred_on=occurred_on or timezone.localdate(),
        recorded_by=by,
        **({"recorded_at": at} if at else {}),
    )


@transaction.atomic
def reverse(entry, *, by, reason, at=None) -> LedgerEntry:
    """Correct `entry` by a new one moving the same amount the other way, naming it and why.
    Both stay in the ledger. A reversal is not reversed again (record the entry anew), and
    a donation already spent cannot be taken back below zero."""
    fund = _lock(entry.fund)
    _require_treasurer(by, fund)
    entry = LedgerEntry.objects.get(pk=entry.pk)
    reason = trimmed(reason)
    if not reason:
        raise ValidationError({"reason": _("Say why the entry is reversed.")})
    if entry.kind == EntryKind.REVERSAL:
        raise ValidationError(_("A reversal is not reversed: record the entry again instead."))
    if LedgerEntry.objects.filter(reverses=entry).exists():
        raise ValidationError(_("This entry has already been reversed."))
    if entry.direction == Direction.IN:
        _refuse_overdraft(fund, entry.purpose, entry.amount)
    return _entry(
        fund,
        kind=EntryKind.REVERSAL,
        direction=-entry.direction,
        amount=entry.amount,
        purpose=entry.purpose,
        description=_("Reversal of: %(entry)s") % {"entry": entry.description},
        occurred_on=timezone.localdate(),
        reverses=entry,
        reason=reason,
        recorded_by=by,
        **({"recorded_at": at} if at else {}),
    )


def _links(fund, donor, purpose, pledge, campaign, activity):
    """The pledge, campaign and activity a gift names, checked: a pledge of the same fund
    and donor, still open, gives its purpose, campaign and activity; an activity gives its
    campaign, and must be a fundraising activity."""
    if pledge is not None:
        # Only the pledge's row is locked: PostgreSQL refuses FOR UPDATE on the nullable
        # side of the outer joins to its campaign and activity.
        pledge = (
            Pledge.objects.select_for_update(of=("self",))
            .select_related("campaign", "activity")
            .get(pk=pledge.pk)
        )
        if pledge.fund_id != fund.pk or pledge.donor_id != donor.pk:
            raise ValidationError({"pledge": _("That pledge is another donor's or fund's.")})
        if pledge.state != PledgeState.OPEN:
            raise ValidationError({"pledge": _("That pledge was cancelled.")})
        purpose = purpose or pledge.purpose
        if purpose != pledge.purpose:
            raise ValidationError(
                {"purpose": _("A pledge's payment goes to the pledge's purpose.")}
            )
        campaign = campaign or pledge.campaign
        activity = activity or pledge.activity
    if activity is not None:
        if not campaign_selectors.is_fundraising(activity):
            raise ValidationError({"activity": _("That activity is not a fundraising one.")})
        if campaign is not None and activity.campaign_id != campaign.pk:
            raise ValidationError({"activity": _("That activity belongs to another campaign.")})
        campaign = activity.campaign
    return pledge, purpose, campaign, activity


@transaction.atomic
def donate(
    fund,
    *,
    donor,
    amount,
    method,
    by,
    purpose="",
    in_kind="",
    occurred_on=None,
    pledge=None,
    campaign=None,
    activity=None,
    at=None,
) -> Donation:
    """A donor's gift: its money in the ledger with the next receipt number, and the
    donation that says who gave it and how. A gift in kind says what it is; its value in
    đồng is the amount. A gift may pay a pledge (wholly or in part), and name the campaign
    and the fundraising activity it was raised at."""
    method = Method(method)
    in_kind = trimmed(in_kind)
    pledge, purpose, campaign, activity = _links(
        fund, donor, trimmed(purpose), pledge, campaign, activity
    )
    if method == Method.IN_KIND and not in_kind:
        raise ValidationError({"in_kind": _("Say what was given in kind.")})
    if method != Method.IN_KIND and in_kind:
        raise ValidationError({"in_kind": _("Only a gift in kind says what was given.")})
    label = in_kind or method.label
    entry = record_donation(
        fund,
        amount=amount,
        description=_("%(donor)s: %(what)s") % {"donor": donor.name, "what": label},
        by=by,
        purpose=purpose,
        occurred_on=occurred_on,
        at=at,
    )
    donation = Donation(
        fund=entry.fund,
        donor=donor,
        entry=entry,
        method=method,
        in_kind=in_kind,
        pledge=pledge,
        campaign=campaign,
        activity=activity,
        recorded_by=by,
        **({"recorded_at": at} if at else {}),
    )
    donation.full_clean(
        exclude=["fund", "donor", "entry", "recorded_by", "pledge", "campaign", "activity"]
    )
    donation.save()
    return donation


# --- pledges -------------------------------------------------------------------------------


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
    pledge = Pledge.objects.select_for_update().select_related("fund__unit").get(pk=pledge.pk)
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
        Pledge.objects.select_for_update().select_related("fund__unit", "donor").get(pk=pledge.pk)
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


# --- bank statements -----------------------------------------------------------------------


@transaction.atomic
def import_statement(fund, *, file_name, sha256, layout, rows, credits, by, at=None) -> dict:
    """Record the confirmed `credits` of a bank statement (scholarships.statements.Confirmed)
    as bank-transfer donations, each on the day the bank booked it, in one transaction under
    the fund's lock; keep the statement and each recorded credit's fingerprint. A credit
    whose fingerprint the fund already holds is skipped: the same statement imported twice
    records nothing the second time. Returns {"statement", "recorded", "skipped"}."""
    fund = _lock(fund)
    _require_treasurer(by, fund)
    known = set(
        StatementCredit.objects.filter(
            fund=fund, fingerprint__in=[item.credit.fingerprint for item in credits]
        ).values_list("fingerprint", flat=True)
    )
    made, skipped = [], 0
    for item in credits:
        credit = item.credit
        if credit.fingerprint in known:
            skipped += 1
            continue
        known.add(credit.fingerprint)
        pledge, donor = item.pledge, item.donor
        if pledge is not None:
            pledge = Pledge.objects.select_related("donor").get(pk=pledge.pk, fund=fund)
            donor = pledge.donor
        elif donor is None:
            name = trimmed(item.new_name)
            if not name or item.new_kind not in DonorKind.values:
                raise ValidationError(
                    _("Line %(line)s: name the new donor and say what kind of donor it is.")
                    % {"line": credit.row}
                )
            donor = Donor(name=name, kind=item.new_kind)
            donor.full_clean()
            donor.save()
            audit.record(donor, action="created", by=by, at=at)
        donation = donate(
            fund,
            donor=donor,
            amount=credit.amount,
            method=Method.TRANSFER,
            by=by,
            occurred_on=credit.day,
            pledge=pledge,
            at=at,
        )
        made.append((credit, donation))
    statement = BankStatement.objects.create(
        fund=fund,
        file_name=trimmed(file_name)[:255],
        sha256=sha256,
        layout=layout,
        rows=rows,
        recorded=len(made),
        skipped=skipped,
        imported_by=by,
        **({"imported_at": at} if at else {}),
    )
    StatementCredit.objects.bulk_create(
        StatementCredit(
            statement=statement,
            fund=fund,
            row=credit.row,
            fingerprint=credit.fingerprint,
            booked_on=credit.day,
            amount=credit.amount,
            description=credit.description,
            bank_reference=credit.bank_reference,
            donation=donation,
        )
        for credit, donation in made
    )
    audit.record(
        fund,
        action="statement_imported",
        by=by,
        reason=_("%(file)s: %(recorded)s credits recorded, %(skipped)s already recorded.")
        % {"file": statement.file_name, "recorded": len(made), "skipped": skipped},
        at=at,
    )
    return {"statement": statement, "recorded": len(made), "skipped": skipped}
