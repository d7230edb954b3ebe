"""The benchmark's fund data: the donations asked for, receipts numbered from 1 without
gaps in each fund and year with the counters where the portal would have left them, every
reversal naming a gift, no fund paying out more than it holds freely, and the public
disclosure showing the same totals as the ledger."""

import pytest
from django.db.models import Count, Max

from bench.fund import generate
from common.money import format_vnd
from scholarships import selectors
from scholarships.models import Donation, EntryKind, Fund, LedgerEntry, ReceiptCounter

pytestmark = pytest.mark.django_db


def test_generate_writes_books_the_portal_could_have_written(units, client):
    generate(600, seed=2)

    assert Donation.objects.count() == 600
    assert Fund.objects.count() == 1 + 2  # the city's and the two districts' of the fixture
    blocks = (
        LedgerEntry.objects.filter(kind=EntryKind.DONATION)
        .values("fund", "receipt_year")
        .annotate(count=Count("pk"), last=Max("receipt_number"))
    )
    counters = {(c.fund_id, c.year): c.last for c in ReceiptCounter.objects.all()}
    for block in blocks:
        assert block["count"] == block["last"], block  # 1..n, no gap, no repeat
        assert counters[(block["fund"], block["receipt_year"])] == block["last"]
    reversals = LedgerEntry.objects.filter(kind=EntryKind.REVERSAL).select_related("reverses")
    assert reversals.exists()
    for reversal in reversals:
        assert reversal.reverses.kind == EntryKind.DONATION
        assert reversal.amount == reversal.reverses.amount
    assert LedgerEntry.objects.filter(kind=EntryKind.SPEND).exists()
    for fund in Fund.objects.all():
        assert all(left >= 0 for left in selectors.balances(fund).values()), fund

    page = client.get("/fund/").content.decode()
    total = sum(selectors.balance(fund) for fund in Fund.objects.all())
    assert format_vnd(total) in page
