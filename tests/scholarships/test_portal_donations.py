"""The treasurers' pages of the books, through the test client: the funds with their
balances, a fund's ledger, recording a donation (an amount written "1,5 triệu", a new
anonymous donor), its receipt, and reversing an entry with a reason."""

import datetime

import pytest
from django.urls import reverse

from common.history.audit import history_of
from scholarships import selectors, services
from scholarships.models import Donation, Donor, LedgerEntry, Method, PublicDisplay

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today().isoformat()


def new_donor_gift(**changes):
    data = {
        "donor_choice": "new",
        "kind": "individual",
        "name": "Nguyễn Văn Bình",
        "public_display": "anonymous",
        "address": "Số 5 Lạch Tray, Ngô Quyền",
        "phone": "0912 111 222",
        "email": "binh@example.com",
        "amount": "1,5 triệu",
        "method": "cash",
        "in_kind": "",
        "occurred_on": TODAY,
        "purpose": "",
        "pledge": "",
        "activity": "",
    }
    data.update(changes)
    return data


def give(fund, donor, by, amount=1_000_000, **extra):
    return services.donate(fund, donor=donor, amount=amount, method=Method.CASH, by=by, **extra)


def test_a_treasurer_records_a_gift_of_a_new_donor_written_1_5_trieu(fund, treasurer_client):
    response = treasurer_client.post(
        reverse("scholarships_portal:donation-new", args=[fund.pk]), new_donor_gift()
    )
    donation = Donation.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("scholarships_portal:receipt", args=[donation.pk])
    assert donation.entry.amount == 1_500_000
    assert donation.entry.receipt_number == 1
    donor = donation.donor
    assert (donor.name, donor.public_display, donor.phone) == (
        "Nguyễn Văn Bình",
        PublicDisplay.ANONYMOUS,
        "0912 111 222",
    )
    assert [entry.action for entry in history_of(donor)] == ["created"]
    page = treasurer_client.get(response["Location"])
    text = page.content.decode()
    assert "The donation is recorded: receipt" in text
    assert "1.500.000\u00a0₫" in text
    assert "Nguyễn Văn Bình" in text  # the receipt shows the real name
    assert "Một triệu năm trăm nghìn đồng" in text
    assert "BIÊN NHẬN" in text
    assert "GIẤY XÁC NHẬN ỦNG HỘ QUỸ KHUYẾN HỌC" in text
    assert donation.code in text
    assert donation.receipt_label in text
    assert reverse("scholarships:receipt-check") in text
    assert "fund-receipt.css" in text
    assert "print-button.js" in text


def test_a_new_donor_left_without_a_choice_is_anonymous(fund, treasurer_client):
    treasurer_client.post(
        reverse("scholarships_portal:donation-new", args=[fund.pk]),
        new_donor_gift(public_display=""),
    )
    assert Donor.objects.get().public_display == PublicDisplay.ANONYMOUS


@pytest.mark.parametrize("amount", ["1,5", "abc", "", "-200000", "1.50.000", "0"])
def test_an_amount_that_is_not_whole_dong_is_refused_and_nothing_recorded(
    fund, treasurer_client, amount
):
    response = treasurer_client.post(
        reverse("scholarships_portal:donation-new", args=[fund.pk]), new_donor_gift(amount=amount)
    )
    assert response.status_code == 200
    assert "Nothing was saved" in response.content.decode()
    assert response.context["form"].errors["amount"]
    assert not LedgerEntry.objects.exists()
    assert not Donor.objects.exists()


def test_a_gift_of_an_existing_donor_in_kind_for_a_purpose(
    fund, donor, treasurer, treasurer_client
):
    give(fund, donor, treasurer)  # the donor is on record with the fund
    response = treasurer_client.post(
        reverse("scholarships_portal:donation-new", args=[fund.pk]),
        new_donor_gift(
            donor_choice="existing",
            donor=str(donor.pk),
            name="",
            kind="",
            amount="15.000.000",
            method="in_kind",
            in_kind="10 xe đạp",
            purpose="Học bổng Hoa Phượng Đỏ",
        ),
    )
    assert response.status_code == 302
    gift = Donation.objects.order_by("-pk").first()
    assert (gift.donor, gift.in_kind, gift.entry.purpose) == (
        donor,
        "10 xe đạp",
        "Học bổng Hoa Phượng Đỏ",
    )
    assert Donor.objects.count() == 1
    assert selectors.balances(fund) == {"": 1_000_000, "Học bổng Hoa Phượng Đỏ": 15_000_000}


def test_a_gift_in_kind_says_what_it_is_on_the_form(fund, treasurer_client):
    response = treasurer_client.post(
        reverse("scholarships_portal:donation-new", args=[fund.pk]),
        new_donor_gift(method="in_kind"),
    )
    assert response.context["form"].errors["in_kind"]
    assert not LedgerEntry.objects.exists()


def test_a_donor_of_another_fund_is_not_offered_to_a_district_treasurer(
    fund, district_fund, donor, named_donor, treasurer, district_treasurer, client_for
):
    give(fund, donor, treasurer)
    give(district_fund, named_donor, district_treasurer)
    client = client_for(district_treasurer)
    form = client.get(reverse("scholarships_portal:donation-new", args=[district_fund.pk])).context[
        "form"
    ]
    assert list(form.fields["donor"].queryset) == [named_donor]
    response = client.post(
        reverse("scholarships_portal:donation-new", args=[district_fund.pk]),
        new_donor_gift(donor_choice="existing", donor=str(donor.pk)),
    )
    assert response.context["form"].errors["donor"]
    assert not Donation.objects.filter(fund=district_fund, donor=donor).exists()


def test_the_funds_list_shows_total_free_and_restricted(fund, donor, treasurer, treasurer_client):
    give(fund, donor, treasurer, 2_000_000)
    give(fund, donor, treasurer, 3_000_000, purpose="Học bổng Vượt khó")
    response = treasurer_client.get(reverse("scholarships_portal:funds"))
    (row,) = response.context["rows"]
    assert (row["total"], row["free"], row["restricted"]) == (5_000_000, 2_000_000, 3_000_000)
    assert "5.000.000\u00a0₫" in response.content.decode()


def test_the_ledger_shows_the_newest_first_with_receipt_recorder_and_reversal(
    fund, donor, treasurer, treasurer_client
):
    first = give(fund, donor, treasurer, 2_000_000)
    give(fund, donor, treasurer, 700_000)
    services.reverse(first.entry, by=treasurer, reason="Ghi nhầm số tiền.")
    response = treasurer_client.get(reverse("scholarships_portal:fund", args=[fund.pk]))
    rows = response.context["entries"]
    assert [row["entry"].kind for row in rows] == ["reversal", "donation", "donation"]
    assert rows[2]["reversal"] is not None
    assert rows[1]["reversal"] is None
    text = response.content.decode()
    assert first.receipt_label in text
    assert "Đỗ Thị Mai" in text
    assert "reversed" in text
    assert response.context["total"] == 700_000


def test_reversing_needs_a_reason(fund, donor, treasurer, treasurer_client):
    gift = give(fund, donor, treasurer)
    address = reverse("scholarships_portal:entry-reverse", args=[gift.entry.pk])
    page = treasurer_client.get(address)
    assert gift.receipt_label in page.content.decode()
    refused = treasurer_client.post(address, {"reason": "  \u200b "})
    assert refused.status_code == 200
    assert refused.context["form"].errors["reason"]
    assert not selectors.is_reversed(gift)
    done = treasurer_client.post(address, {"reason": "Người ủng hộ chuyển nhầm quỹ."})
    assert done.status_code == 302
    assert selectors.is_reversed(gift)
    assert selectors.balance(fund) == 0
    receipt = treasurer_client.get(reverse("scholarships_portal:receipt", args=[gift.pk]))
    assert "REVERSED" in receipt.content.decode() or "ĐÃ HỦY" in receipt.content.decode()


def test_a_refused_reversal_is_said_on_the_form(fund, donor, treasurer, treasurer_client):
    gift = give(fund, donor, treasurer, 1_000_000)
    services.spend(fund, amount=600_000, description="Học bổng", by=treasurer)
    response = treasurer_client.post(
        reverse("scholarships_portal:entry-reverse", args=[gift.entry.pk]),
        {"reason": "Ghi nhầm."},
    )
    assert response.status_code == 200
    assert "Only 400.000" in response.content.decode()
    assert not selectors.is_reversed(gift)


def _entries(fund, donor, treasurer, count):
    for number in range(count):
        gift = give(fund, donor, treasurer, 100_000 + number)
        if number % 5 == 0:
            services.reverse(gift.entry, by=treasurer, reason="Ghi nhầm.")


@pytest.mark.parametrize("count", [3, 30])
def test_the_fund_page_costs_the_same_queries_whatever_its_ledger(
    fund, donor, treasurer, treasurer_client, django_assert_max_num_queries, count
):
    _entries(fund, donor, treasurer, count)
    address = reverse("scholarships_portal:fund", args=[fund.pk])
    treasurer_client.get(address)
    with django_assert_max_num_queries(9):
        response = treasurer_client.get(address)
    assert len(response.context["entries"]) >= count


@pytest.mark.parametrize("count", [3, 30])
def test_the_funds_list_costs_the_same_queries_whatever_their_number(
    units, donor, treasurer, treasurer_client, django_assert_max_num_queries, count
):
    from scholarships.models import Fund

    for number in range(count):
        made = Fund.objects.create(unit=units.association, name=f"Quỹ {number}")
        give(made, donor, treasurer, 100_000)
    with django_assert_max_num_queries(7):
        response = treasurer_client.get(reverse("scholarships_portal:funds"))
    assert len(response.context["rows"]) == count
