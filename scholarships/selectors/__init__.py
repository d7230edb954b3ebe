"""Reads of the fund's books. Every balance is computed in the database from the ledger,
never stored: the sum of the entries' signed amounts."""

import datetime
import re

from django.db.models import Exists, F, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from scholarships.models import Donation, Donor, LedgerEntry, Pledge, PledgeState, PublicDisplay


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


# --- pledges -------------------------------------------------------------------------------


def standing_donations():
    """Donations whose ledger entry has not been reversed."""
    return Donation.objects.exclude(
        Exists(LedgerEntry.objects.filter(reverses=OuterRef("entry_id")))
    )


def with_paid(pledges):
    """`pledges` each with `paid`: the sum of its standing payments, in the same query."""
    paid = (
        standing_donations()
        .filter(pledge=OuterRef("pk"))
        .order_by()
        .values("pledge")
        .annotate(total=Sum("entry__amount"))
        .values("total")
    )
    return pledges.annotate(paid=Coalesce(Subquery(paid), Value(0)))


def pledge_paid(pledge) -> int:
    return with_paid(Pledge.objects.filter(pk=pledge.pk)).values_list("paid", flat=True)[0]


def pledge_left(pledge) -> int:
    return max(pledge.amount - pledge_paid(pledge), 0)


def overdue_pledges(funds, today: datetime.date):
    """Open pledges of `funds` past their day with something left to pay, the oldest
    first, each with `paid`."""
    return (
        with_paid(Pledge.objects.filter(fund__in=funds, state=PledgeState.OPEN, due_on__lt=today))
        .filter(paid__lt=F("amount"))
        .select_related("fund", "donor")
        .order_by("due_on", "pk")
    )


def pledge_by_reference(fund, reference: str):
    """The pledge of `fund` whose transfer reference is `reference` ("QKH 2025 000123")."""
    parts = (reference or "").split()
    if len(parts) != 3 or parts[0] != fund.reference_prefix:
        return None
    if not (parts[1].isdigit() and parts[2].isdigit()):
        return None
    return (
        Pledge.objects.filter(fund=fund, year=int(parts[1]), number=int(parts[2]))
        .select_related("fund", "donor")
        .first()
    )


# --- what other apps read ------------------------------------------------------------------


def raised_by_activity(activity_ids) -> dict:
    """{activity id: đồng raised} from the standing donations that name the activities: what
    a fundraising activity's results show (campaigns reads it through this function)."""
    rows = (
        standing_donations()
        .filter(activity_id__in=list(activity_ids))
        .values("activity_id")
        .annotate(total=Sum("entry__amount"))
        .order_by()
    )
    return {row["activity_id"]: row["total"] for row in rows}


# --- the treasurers' pages -----------------------------------------------------------------


def fund_balances(funds) -> dict:
    """{fund id: {purpose: balance}} of `funds`, "" for the free money, in one query."""
    rows = (
        LedgerEntry.objects.filter(fund__in=funds)
        .values("fund_id", "purpose")
        .annotate(total=Sum(F("amount") * F("direction")))
        .order_by("fund_id", "purpose")
    )
    found = {}
    for row in rows:
        found.setdefault(row["fund_id"], {})[row["purpose"]] = row["total"]
    return found


def split_balance(by_purpose: dict) -> dict:
    """The total, the free part and the restricted part of {purpose: balance}."""
    free = by_purpose.get("", 0)
    total = sum(by_purpose.values())
    return {"total": total, "free": free, "restricted": total - free}


def ledger(fund):
    """The fund's entries, the newest first, each with its donation (receipt, donor), who
    recorded it, the entry it reverses and the reversal that corrects it, in one query."""
    return (
        LedgerEntry.objects.filter(fund=fund)
        .select_related("recorded_by", "donation__donor", "reverses", "reversed_by")
        .order_by("-recorded_at", "-pk")
    )


def donors_of(funds):
    """The donors who gave or pledged to `funds`: whom a treasurer may choose from."""
    return Donor.objects.filter(
        Q(pk__in=Donation.objects.filter(fund__in=funds).values("donor_id"))
        | Q(pk__in=Pledge.objects.filter(fund__in=funds).values("donor_id"))
    )


def open_pledges(fund, donor=None):
    """The fund's open pledges (of `donor`, when named), with their donor."""
    pledges = Pledge.objects.filter(fund=fund, state=PledgeState.OPEN).select_related(
        "donor", "fund"
    )
    if donor is not None:
        pledges = pledges.filter(donor=donor)
    return pledges.order_by("due_on", "pk")
