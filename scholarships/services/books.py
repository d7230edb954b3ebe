"""The fund's own record and its donors, each change kept in the history."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from common.history import audit
from common.text import trimmed
from organizations import permissions
from scholarships.models import (
    Donor,
    Fund,
    PublicDisplay,
)
from scholarships.permissions import HANDLE_MONEY
from scholarships.services.ledger import _lock, _require_treasurer

# --- funds ---------------------------------------------------------------------------------

FUND_FIELDS = (
    "name",
    "bank_name",
    "bank_bin",
    "account_number",
    "account_name",
    "reference_prefix",
)


def _checked_fund(fund):
    for name in FUND_FIELDS:
        setattr(fund, name, trimmed(getattr(fund, name)))
    fund.full_clean(exclude=["unit"])


@transaction.atomic
def create_fund(*, unit, name, by, at=None, **bank) -> Fund:
    """Open a fund for `unit`, with its bank account (bank_name, bank_bin, account_number,
    account_name, reference_prefix)."""
    if not permissions.can(by, HANDLE_MONEY, unit):
        raise PermissionDenied
    unknown = set(bank) - set(FUND_FIELDS)
    if unknown:
        raise TypeError(f"Not a fund's field: {', '.join(sorted(unknown))}")
    fund = Fund(unit=unit, name=name, **bank)
    _checked_fund(fund)
    fund.save()
    audit.record(fund, action="created", by=by, changes=_created(fund, FUND_FIELDS), at=at)
    return fund


@transaction.atomic
def update_fund(fund, *, by, at=None, **fields) -> Fund:
    """Change a fund's name or bank account; the unit it belongs to stays."""
    unknown = set(fields) - set(FUND_FIELDS)
    if unknown:
        raise TypeError(f"Not a fund's field: {', '.join(sorted(unknown))}")
    fund = _lock(fund)
    _require_treasurer(by, fund)
    before = audit.snapshot(fund, FUND_FIELDS)
    for name, value in fields.items():
        setattr(fund, name, value)
    _checked_fund(fund)
    changes = audit.changes_between(before, audit.snapshot(fund, FUND_FIELDS))
    if changes:
        fund.save(update_fields=list(changes))
        audit.record(fund, action="changed", by=by, changes=changes, at=at)
    return fund


def _created(obj, fields) -> dict:
    """The history's changes of a new record: {field: [None, value]} for the fields set."""
    return {
        name: [None, value]
        for name, value in audit.snapshot(obj, fields).items()
        if value not in ("", None)
    }


# --- donors --------------------------------------------------------------------------------

DONOR_FIELDS = ("kind", "name", "public_display", "address", "phone", "email")


def _require_money_handler(by):
    if not permissions.can(by, HANDLE_MONEY):
        raise PermissionDenied


def _checked_donor(donor):
    for name in ("name", "address", "email"):
        setattr(donor, name, trimmed(getattr(donor, name)))
    donor.full_clean()


@transaction.atomic
def create_donor(
    *,
    kind,
    name,
    public_display=PublicDisplay.ANONYMOUS,
    address="",
    phone="",
    email="",
    by,
    at=None,
) -> Donor:
    """Record a donor: who they are, how to reach them (private), how they appear in public."""
    _require_money_handler(by)
    donor = Donor(
        kind=kind,
        name=name,
        public_display=public_display,
        address=address,
        phone=phone,
        email=email,
    )
    _checked_donor(donor)
    donor.save()
    if at is not None:
        Donor.objects.filter(pk=donor.pk).update(created_at=at)
    audit.record(donor, action="created", by=by, changes=_created(donor, DONOR_FIELDS), at=at)
    return donor


@transaction.atomic
def update_donor(donor, *, by, at=None, **fields) -> Donor:
    """Change a donor's details or their choice of how they appear in public."""
    _require_money_handler(by)
    unknown = set(fields) - set(DONOR_FIELDS)
    if unknown:
        raise TypeError(f"Not a donor's field: {', '.join(sorted(unknown))}")
    donor = Donor.objects.select_for_update().get(pk=donor.pk)
    before = audit.snapshot(donor, DONOR_FIELDS)
    for name, value in fields.items():
        setattr(donor, name, value)
    _checked_donor(donor)
    changes = audit.changes_between(before, audit.snapshot(donor, DONOR_FIELDS))
    if changes:
        donor.save(update_fields=list(changes))
        audit.record(donor, action="changed", by=by, changes=changes, at=at)
    return donor
