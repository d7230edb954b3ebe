"""Reads of the fund's books. Every balance is computed in the database from the ledger,
never stored: the sum of the entries' signed amounts."""

from django.db.models import F, Sum
from django.db.models.functions import Coalesce

from scholarships.models import LedgerEntry


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
