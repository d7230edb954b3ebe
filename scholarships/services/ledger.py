"""The fund's ledger: money in with the next receipt number, spending within what the
fund holds for a purpose, and reversals. Each write checks that the person handles the
fund's money and locks the fund, so that two treasurers acting at once are serialised; an
entry already written is never changed (the database refuses that too: migration 0002)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from common.money import format_vnd
from common.text import trimmed
from organizations import permissions
from scholarships import selectors
from scholarships.models import (
    Direction,
    EntryKind,
    Fund,
    LedgerEntry,
    ReceiptCounter,
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
        occurred_on=timezone.localdate(at) if at else timezone.localdate(),
        reverses=entry,
        reason=reason,
        recorded_by=by,
        **({"recorded_at": at} if at else {}),
    )
