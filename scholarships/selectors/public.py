"""The public disclosure's reads (/fund/ and each fund's giving page): totals raised and used,
each fund's balance, and the latest gifts as their donors chose to appear.

Every total is summed by the database, grouped in one query each: a page costs the same
number of queries whatever the number of donations. Only standing donations count (a
reversed gift is not money the fund received), and only the spends not reversed count as
money used. Nothing here reads a donor's private details; the latest gifts come with the
donor's public choice, and `public_gifts` applies it (selectors.public_name/public_amount).
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Exists, F, OuterRef, Q, Sum
from django.db.models.functions import Coalesce, ExtractYear

from scholarships.models import EntryKind, Fund, LedgerEntry
from scholarships.selectors import public_amount, public_name, standing_donations

# How many of the latest gifts the disclosure lists.
LATEST_GIFTS = 20


def _sum(field="entry__amount"):
    return Coalesce(Sum(field), 0)


def campaign_donations(campaign):
    """The standing gifts of `campaign`: those recorded for it, and those recorded for no
    campaign but received during its dates (a gift made in the Month of Study Promotion is
    a gift of the month, whether or not the treasurer named it)."""
    in_dates = Q(
        campaign__isnull=True,
        entry__occurred_on__gte=campaign.starts_on,
        entry__occurred_on__lte=campaign.ends_on,
    )
    return standing_donations().filter(Q(campaign=campaign) | in_dates)


def campaign_total(campaign) -> dict:
    """{"total": đồng, "gifts": how many} raised in `campaign` (one query)."""
    if campaign is None:
        return {"total": 0, "gifts": 0}
    return campaign_donations(campaign).aggregate(total=_sum(), gifts=Count("pk"))


def raised_by_year(funds=None) -> list[dict]:
    """[{"year", "total", "gifts"}] of the standing gifts, the latest year first."""
    gifts = standing_donations()
    if funds is not None:
        gifts = gifts.filter(fund__in=funds)
    return list(
        gifts.annotate(year=ExtractYear("entry__occurred_on"))
        .values("year")
        .annotate(total=_sum(), gifts=Count("pk"))
        .order_by("-year")
    )


def raised_by_unit(year) -> list[dict]:
    """[{"unit", "total", "gifts"}] raised in `year`, by the unit owning the fund (the city
    association, each district's...), the largest first."""
    return list(
        standing_donations()
        .filter(entry__occurred_on__year=year)
        .values(unit=F("fund__unit__name"))
        .annotate(total=_sum(), gifts=Count("pk"))
        .order_by("-total", "unit")
    )


def raised_by_donor_kind(year) -> list[dict]:
    """[{"kind", "total", "gifts"}] raised in `year` by organisations, businesses and
    individuals, the largest first."""
    return list(
        standing_donations()
        .filter(entry__occurred_on__year=year)
        .values(kind=F("donor__kind"))
        .annotate(total=_sum(), gifts=Count("pk"))
        .order_by("-total", "kind")
    )


def standing_spends():
    """Spending entries not reversed: the money the fund has used."""
    return LedgerEntry.objects.filter(kind=EntryKind.SPEND).exclude(
        Exists(LedgerEntry.objects.filter(reverses=OuterRef("pk")))
    )


def used_by_year() -> list[dict]:
    """[{"year", "total"}] of the money used (spends not reversed), the latest year first."""
    return list(
        standing_spends()
        .annotate(year=ExtractYear("occurred_on"))
        .values("year")
        .annotate(total=_sum("amount"))
        .order_by("-year")
    )


def _signed(condition=None):
    amount = F("entries__amount") * F("entries__direction")
    return Coalesce(Sum(amount, filter=condition), 0)


def funds_with_balances():
    """Every fund with its unit and `total`, `free` and `restricted` balances, summed by the
    database in one query."""
    return (
        Fund.objects.select_related("unit")
        .annotate(
            total=_signed(),
            free=_signed(Q(entries__purpose="")),
            restricted=_signed(~Q(entries__purpose="")),
        )
        .order_by("unit__search_name", "name")
    )


def fund_year(fund, year) -> dict:
    """A fund's figures for `year` (its giving page): gifts received and their number,
    money used, and the balance now, in one query."""
    this_year = Q(occurred_on__year=year)
    reversed_ = Exists(LedgerEntry.objects.filter(reverses=OuterRef("pk")))
    return (
        LedgerEntry.objects.filter(fund=fund)
        .alias(is_reversed=reversed_)
        .aggregate(
            received=Coalesce(
                Sum("amount", filter=this_year & Q(kind=EntryKind.DONATION, is_reversed=False)),
                0,
            ),
            gifts=Count("pk", filter=this_year & Q(kind=EntryKind.DONATION, is_reversed=False)),
            used=Coalesce(
                Sum("amount", filter=this_year & Q(kind=EntryKind.SPEND, is_reversed=False)), 0
            ),
            balance=Coalesce(Sum(F("amount") * F("direction")), 0),
        )
    )


@dataclass
class PublicGift:
    """A gift as the public may see it: `name` None for an anonymous donor, `amount` None
    when the donor chose to be named without the amount."""

    occurred_on: datetime.date
    fund: Fund
    name: str | None
    amount: int | None
    in_kind: str


def public_gifts(limit=LATEST_GIFTS) -> list[PublicGift]:
    """The latest standing gifts, each as its donor chose to appear (one query)."""
    latest = (
        standing_donations()
        .select_related("donor", "entry", "fund")
        .order_by("-entry__occurred_on", "-recorded_at", "-pk")[:limit]
    )
    return [
        PublicGift(
            occurred_on=gift.entry.occurred_on,
            fund=gift.fund,
            name=public_name(gift),
            amount=public_amount(gift),
            in_kind=gift.in_kind,
        )
        for gift in latest
    ]
