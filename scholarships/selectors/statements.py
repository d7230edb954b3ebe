"""A fund's yearly statement of receipts and uses (báo cáo công khai thu, chi), the public
disclosure the law asks each fund for (DOMAIN.md §4): the balance on 1 January, the money
received (by kind of donor, by month, restricted or free), the money used (by purpose), the
reversals of the year, and the balance on 31 December.

Everything comes from the ledger, summed by the database, by the date each entry occurred:
a reversal counts in the year it was made, whatever the year of the entry it corrects, so
that opening balance + the year's entries = closing balance, and each year's closing
balance is the next year's opening one. A fixed number of queries, whatever the entries.
The statement names no donor and shows no entry's description (a donation's names its
donor, a spend may one day name a pupil): only kinds, months, purposes, amounts and
receipt numbers.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Case, Count, F, Q, Sum, Value, When
from django.db.models.functions import Coalesce, ExtractMonth
from django.utils import timezone

from scholarships.models import Direction, DonorKind, EntryKind, LedgerEntry

# The earliest year a statement may be asked for, whatever the fund's entries.
FIRST_YEAR = 2000


def statement_years(fund, today=None) -> range:
    """The years a statement of `fund` exists for: from the first of its entries (or the
    year the fund was recorded, when earlier) to this year."""
    today = today or timezone.localdate()
    first = (
        LedgerEntry.objects.filter(fund=fund)
        .order_by("occurred_on")
        .values_list("occurred_on", flat=True)
        .first()
    )
    start = timezone.localtime(fund.created_at).year if fund.created_at else today.year
    if first is not None:
        start = min(start, first.year)
    return range(max(start, FIRST_YEAR), today.year + 1)


@dataclass
class Statement:
    fund: object
    year: int
    opening: int = 0
    received: int = 0
    received_reversed: int = 0
    used: int = 0
    used_reversed: int = 0
    closing: int = 0
    closing_free: int = 0
    gifts: int = 0
    received_free: int = 0
    received_restricted: int = 0
    by_donor_kind: list = field(default_factory=list)
    by_month: list = field(default_factory=list)
    by_purpose: list = field(default_factory=list)
    reversals: list = field(default_factory=list)

    @property
    def net_received(self) -> int:
        return self.received - self.received_reversed

    @property
    def net_used(self) -> int:
        return self.used - self.used_reversed

    @property
    def closing_restricted(self) -> int:
        return self.closing - self.closing_free

    @property
    def starts_on(self):
        return datetime.date(self.year, 1, 1)

    @property
    def ends_on(self):
        return datetime.date(self.year, 12, 31)


def _money(condition):
    return Coalesce(Sum("amount", filter=condition), 0)


def statement(fund, year) -> Statement:
    """The statement of `fund` for `year` (six queries)."""
    entries = LedgerEntry.objects.filter(fund=fund)
    in_year = entries.filter(occurred_on__year=year)
    before = Q(occurred_on__lt=datetime.date(year, 1, 1))
    this_year = Q(occurred_on__year=year)
    donation = Q(kind=EntryKind.DONATION)
    spend = Q(kind=EntryKind.SPEND)
    reversal = Q(kind=EntryKind.REVERSAL)
    totals = entries.aggregate(
        opening=Coalesce(Sum(F("amount") * F("direction"), filter=before), 0),
        year_net=Coalesce(Sum(F("amount") * F("direction"), filter=this_year), 0),
        closing_free=Coalesce(
            Sum(F("amount") * F("direction"), filter=(before | this_year) & Q(purpose="")), 0
        ),
        received=_money(this_year & donation),
        gifts=Count("pk", filter=this_year & donation),
        received_free=_money(this_year & donation & Q(purpose="")),
        received_restricted=_money(this_year & donation & ~Q(purpose="")),
        received_reversed=_money(this_year & reversal & Q(direction=Direction.OUT)),
        used=_money(this_year & spend),
        used_reversed=_money(this_year & reversal & Q(direction=Direction.IN)),
    )
    result = Statement(
        fund=fund,
        year=year,
        opening=totals["opening"],
        closing=totals["opening"] + totals["year_net"],
        **{
            name: totals[name]
            for name in (
                "closing_free",
                "received",
                "gifts",
                "received_free",
                "received_restricted",
                "received_reversed",
                "used",
                "used_reversed",
            )
        },
    )
    kinds = dict(DonorKind.choices)
    result.by_donor_kind = [
        {**row, "label": kinds.get(row["donor_kind"], row["donor_kind"])}
        for row in in_year.filter(donation)
        .values(donor_kind=F("donation__donor__kind"))
        .annotate(total=Sum("amount"), gifts=Count("pk"))
        .order_by("-total", "donor_kind")
    ]
    months = {
        row["month"]: row
        for row in in_year.filter(donation | spend)
        .annotate(month=ExtractMonth("occurred_on"))
        .values("month")
        .annotate(received=_money(donation), used=_money(spend))
        .order_by("month")
    }
    result.by_month = [
        {
            "month": month,
            "received": months.get(month, {}).get("received", 0),
            "used": months.get(month, {}).get("used", 0),
        }
        for month in range(1, 13)
    ]
    result.by_purpose = list(
        in_year.filter(spend)
        .values("purpose")
        .annotate(total=Sum("amount"), entries=Count("pk"))
        .order_by(Case(When(purpose="", then=Value(0)), default=Value(1)), "purpose")
    )
    result.reversals = [
        {
            **row,
            "signed": row["amount"] * row["direction"],
            "corrects_gift": row["corrected_kind"] == EntryKind.DONATION,
            "receipt": (
                f"{row['corrected_year']}/{row['corrected_number']:06d}"
                if row["corrected_number"] is not None
                else ""
            ),
        }
        for row in in_year.filter(reversal)
        .values(
            "occurred_on",
            "amount",
            "direction",
            "purpose",
            corrected_kind=F("reverses__kind"),
            corrected_on=F("reverses__occurred_on"),
            corrected_year=F("reverses__receipt_year"),
            corrected_number=F("reverses__receipt_number"),
        )
        .order_by("occurred_on", "pk")
    ]
    return result
