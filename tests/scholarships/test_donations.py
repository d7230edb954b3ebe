"""Donors and donations: a gift's money in the ledger with its receipt, in kind described,
the receipt checked by its number and code, the donor shown in public as they chose, and
donations the database never lets change."""

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction

from scholarships import selectors, services
from scholarships.models import Donation, Donor, DonorKind, Method, PublicDisplay

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def test_a_gift_is_its_ledger_entry_with_the_next_receipt(fund, donor, treasurer):
    first = services.donate(fund, donor=donor, amount=2_000_000, method=Method.CASH, by=treasurer)
    second = services.donate(
        fund, donor=donor, amount=500_000, method=Method.TRANSFER, by=treasurer
    )
    assert [d.entry.receipt_number for d in (first, second)] == [1, 2]
    assert first.receipt_label == f"{first.entry.receipt_year}/000001"
    assert first.entry.amount == 2_000_000
    assert selectors.balance(fund) == 2_500_000
    assert len(first.code) == 6


def test_a_gift_in_kind_says_what_it_is(fund, donor, treasurer):
    with pytest.raises(ValidationError, match="in kind"):
        services.donate(fund, donor=donor, amount=15_000_000, method=Method.IN_KIND, by=treasurer)
    with pytest.raises(ValidationError):
        services.donate(
            fund, donor=donor, amount=1, method=Method.CASH, in_kind="10 xe đạp", by=treasurer
        )
    assert not Donation.objects.exists()
    assert selectors.balance(fund) == 0
    bikes = services.donate(
        fund,
        donor=donor,
        amount=15_000_000,
        method=Method.IN_KIND,
        in_kind="10 xe đạp",
        by=treasurer,
    )
    assert "10 xe đạp" in bikes.entry.description


def test_a_receipt_is_found_by_its_number_and_code_only(fund, donor, treasurer):
    gift = services.donate(fund, donor=donor, amount=1_000_000, method=Method.CASH, by=treasurer)
    label, code = gift.receipt_label, gift.code
    assert selectors.receipt(label, code) == gift
    assert selectors.receipt(f" {label.replace('/', '-')} ", code.lower()) == gift
    assert selectors.receipt(label, "ZZZZZZ") is None
    for bad in ("", "2025", "abc/1", "²⁰²⁵/1", "2025/" + "9" * 30):
        assert selectors.receipt(bad, code) is None
    assert not selectors.is_reversed(gift)
    services.reverse(gift.entry, by=treasurer, reason="Ghi nhầm người ủng hộ.")
    assert selectors.is_reversed(gift)


@pytest.mark.parametrize(
    ("display", "name", "amount"),
    [
        (PublicDisplay.NAME_AND_AMOUNT, "Trần Thị Hoa", 3_000_000),
        (PublicDisplay.NAME_ONLY, "Trần Thị Hoa", None),
        (PublicDisplay.ANONYMOUS, None, 3_000_000),
    ],
)
def test_the_public_sees_the_donor_as_they_chose(fund, donor, treasurer, display, name, amount):
    donor.public_display = display
    donor.save()
    gift = services.donate(fund, donor=donor, amount=3_000_000, method=Method.CASH, by=treasurer)
    assert selectors.public_name(gift) == name
    assert selectors.public_amount(gift) == amount


def test_a_new_donor_is_anonymous_until_they_choose(db):
    assert Donor(kind=DonorKind.BUSINESS, name="Công ty TNHH Minh Phát").public_display == (
        PublicDisplay.ANONYMOUS
    )


def test_the_database_refuses_to_change_or_delete_a_donation(fund, donor, treasurer):
    gift = services.donate(fund, donor=donor, amount=1_000_000, method=Method.CASH, by=treasurer)
    for change in (
        lambda: Donation.objects.filter(pk=gift.pk).update(in_kind="x"),
        lambda: Donation.objects.filter(pk=gift.pk).delete(),
    ):
        with pytest.raises(DatabaseError, match="never changed or deleted"), transaction.atomic():
            change()
    assert Donation.objects.get(pk=gift.pk).in_kind == ""
