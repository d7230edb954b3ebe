"""The fund's demo (`manage.py load_demo`, after the organizations and campaigns demos): four
funds with the 2024 month's gifts written through the services; a second run adds nothing,
every balance is the sum of its ledger, some pledges are overdue, donors of every choice of
public display."""

import datetime
import io

import pytest
from django.db.models import F, Sum

from campaigns import demo as campaigns_demo
from organizations import demo as organizations_demo
from organizations.models import Membership, Role
from scholarships import demo, selectors
from scholarships.models import (
    Donation,
    Donor,
    EntryKind,
    Fund,
    LedgerEntry,
    Method,
    Pledge,
    PledgeState,
    PublicDisplay,
)

pytestmark = pytest.mark.django_db


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (Fund, Donor, Donation, LedgerEntry, Pledge, Membership)
    }


def test_the_demo_loads_once_and_its_books_add_up(settings):
    settings.DEMO_MODE = True
    organizations_demo.load(io.StringIO())
    campaigns_demo.load(io.StringIO())
    out = io.StringIO()
    demo.load(out)
    first = counts()
    demo.load(io.StringIO())
    assert counts() == first  # the second run adds nothing
    assert "4 funds opened" in out.getvalue()

    funds = Fund.objects.select_related("unit")
    assert sorted(fund.reference_prefix for fund in funds) == ["KHLC", "KHNQ", "KHTN", "QKH"]
    city = funds.get(reference_prefix="QKH")
    assert (city.unit.code, city.bank_bin) == ("HKH-HP", "970436")
    for fund in funds:
        ledger = LedgerEntry.objects.filter(fund=fund).aggregate(
            total=Sum(F("amount") * F("direction"))
        )["total"]
        assert selectors.balance(fund) == ledger > 0
        assert sum(selectors.balances(fund).values()) == ledger

    assert 140 <= Donation.objects.count() <= 170
    assert Donation.objects.filter(method=Method.IN_KIND).count() >= 3
    assert Donation.objects.exclude(activity=None).exists()
    assert Donation.objects.filter(entry__occurred_on__year=2025).exists()
    assert LedgerEntry.objects.exclude(purpose="").exists()
    (reversal,) = LedgerEntry.objects.filter(kind=EntryKind.REVERSAL)
    assert reversal.reason
    assert set(Donor.objects.values_list("public_display", flat=True)) == set(PublicDisplay.values)
    assert set(Donor.objects.values_list("kind", flat=True)) == {
        "business",
        "organisation",
        "individual",
    }

    today = datetime.date(2026, 1, 1)
    overdue = list(selectors.overdue_pledges(Fund.objects.all(), today))
    assert len(overdue) >= 2
    assert any(0 < pledge.paid < pledge.amount for pledge in overdue)  # paid in part
    assert Pledge.objects.filter(state=PledgeState.CANCELLED).exists()
    assert Pledge.objects.filter(due_on__gt=today).exists()

    district = Membership.objects.get(user__username="treasurer.lechan")
    assert (district.role, district.unit.code) == (Role.TREASURER, "305")
    le_chan = funds.get(reference_prefix="KHLC")
    assert set(LedgerEntry.objects.filter(fund=le_chan).values_list("recorded_by", flat=True)) == {
        district.user_id
    }
