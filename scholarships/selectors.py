"""Reads of the fund's books. Every balance is computed in the database from the ledger,
never stored: the sum of the entries' signed amounts."""

import re

from django.db.models import F, Sum
from django.db.models.functions import Coalesce

from scholarships.models import Donation, LedgerEntry, PublicDisplay


def _signed(entries):
    return entries.aggregate(total=Coalesce(Sum(F("amount") * F("direction")), 0))["total"]


def balance(fund, *, purpose=None) -> int:
    """The fund's balance in đồng: all of it (`purpose=None`), the free money
    (`purpose=""`), or what is left of the money given for one purpose."""
    entries = LedgerEntry.objects.filter(fund=fund)
    if purpose is not None:
        entries = entries.filter(purpose=purpose)
    return _signed(entries)


def balances(fund) -> dict:
    """{purpose: balance} with "" for the free money, in one query."""
    rows = (
        LedgerEntry.objects.filter(fund=fund)
        .values("purpose")
        .annotate(total=Sum(F("amount") * F("direction")))
        .order_by("purpose")
    )
    return {row["purpose"]: row["total"] for row in rows}


_RECEIPT = re.compile(r"\s*(\d{4})\s*[/-]\s*(\d{1,9})\s*", re.ASCII)


def receipt(label: str, code: str):
    """The donation whose receipt reads `label` ("2025/000123") and carries `code` (the
    check code printed beside it), or None: a donor checks a receipt without learning
    anything about anybody else's."""
    match = _RECEIPT.fullmatch(label or "")
    code = (code or "").strip().upper()
    if match is None or not code.isascii() or not code.isalnum():
        return None
    year, number = int(match[1]), int(match[2])
    return (
        Donation.objects.select_related("fund", "donor", "entry")
        .filter(entry__receipt_year=year, entry__receipt_number=number, code=code)
        .first()
    )


def is_reversed(donation) -> bool:
    return LedgerEntry.objects.filter(reverses=donation.entry_id).exists()


def public_name(donation) -> str | None:
    """The donor as the public may see them: their name, or None when they asked to stay
    anonymous."""
    if donation.donor.public_display == PublicDisplay.ANONYMOUS:
        return None
    return donation.donor.name


def public_amount(donation) -> int | None:
    """The amount as the public may see it: hidden when the donor chose "name only" (an
    anonymous gift shows its amount, without a name)."""
    if donation.donor.public_display == PublicDisplay.NAME_ONLY:
        return None
    return donation.entry.amount
