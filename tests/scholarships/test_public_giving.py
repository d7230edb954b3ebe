"""A fund's "Ủng hộ Quỹ" giving page: the fund, its unit and bank account, a VietQR code whose
payload decodes to the fund's BIN and account with the fund's reference in the description,
an amount typed by the giver read strictly (a bad one said, the code then without amount),
and the fund's figures this year."""

import datetime
import html as markup
import re

import pytest
from django.urls import reverse

from common.money import format_vnd
from scholarships import services, vietqr
from scholarships.models import Fund, Method

pytestmark = pytest.mark.django_db


def giving(client, fund, **query):
    response = client.get(reverse("scholarships:fund", args=[fund.pk]), query)
    assert response.status_code == 200
    return response


def payload_of(response):
    """The VietQR payload the page's code carries (the view's context; the SVG is segno's
    drawing of it, checked by test_vietqr.py)."""
    return vietqr.parse(response.context["qr"]["payload"])


def test_the_page_shows_the_fund_its_account_and_a_code_without_amount(anonymous_client, fund):
    response = giving(anonymous_client, fund)
    page = response.content.decode()
    for shown in (fund.name, fund.unit.name, fund.bank_name, fund.account_number, "QKH UNG HO"):
        assert markup.escape(shown) in page or shown in page
    assert page.count("<svg") == 1
    assert 'role="img"' in page
    fields = payload_of(response)
    assert fields["38"]["01"] == {"00": "970436", "01": "0031000123456"}
    assert fields["01"] == vietqr.STATIC
    assert "54" not in fields
    assert fields["62"]["08"] == "QKH UNG HO"


@pytest.mark.parametrize(
    ("typed", "amount"),
    [("500.000", 500_000), ("1,5 triệu", 1_500_000), ("2000000", 2_000_000), ("2tr", 2_000_000)],
)
def test_a_typed_amount_goes_into_the_code(anonymous_client, district_fund, typed, amount):
    response = giving(anonymous_client, district_fund, amount=typed)
    fields = payload_of(response)
    assert fields["38"]["01"] == {"00": "970418", "01": "21510000123456"}
    assert fields["01"] == vietqr.DYNAMIC
    assert int(fields["54"]) == amount
    assert fields["62"]["08"] == "KHLC UNG HO"
    assert format_vnd(amount) in response.content.decode()
    assert response["Cache-Control"] == "private, no-store"


@pytest.mark.parametrize(
    "typed", ["1,5", "-200000", "0", "abc", "1.50.000", "9" * 30, "10000000000000"]
)
def test_a_bad_amount_is_said_and_the_code_has_none(anonymous_client, fund, typed):
    response = giving(anonymous_client, fund, amount=typed)
    page = response.content.decode()
    assert 'aria-invalid="true"' in page
    assert "The code below has no amount" in page
    fields = payload_of(response)
    assert "54" not in fields
    assert fields["38"]["01"]["01"] == fund.account_number


def test_a_fund_without_a_bank_account_says_how_else_to_give(anonymous_client, units):
    bare = Fund.objects.create(unit=units.kien_an, name="Quỹ Khuyến học quận Kiến An")
    page = giving(anonymous_client, bare).content.decode()
    assert "no bank account on record" in page
    assert "<svg" not in page


def test_the_page_explains_pledges_and_receipts_and_shows_this_year(
    anonymous_client, fund, named_donor, treasurer, today
):
    services.donate(fund, donor=named_donor, amount=3_000_000, method=Method.CASH, by=treasurer)
    last_year = services.donate(
        fund,
        donor=named_donor,
        amount=7_000_000,
        method=Method.CASH,
        by=treasurer,
        occurred_on=datetime.date(2023, 5, 1),
    )
    services.spend(fund, amount=1_000_000, description="Học bổng", by=treasurer)
    page = giving(anonymous_client, fund).content.decode()
    assert "If you made a pledge" in page
    assert "QKH 2025 000123" in page
    assert "Your receipt" in page
    assert "The fund in 2024" in page
    figures = re.sub(r"[ \t\n]+", " ", page[page.index('id="year-heading"') :])
    assert "received from 1 gift" in figures
    assert format_vnd(3_000_000) in figures  # this year's gift, not last year's
    assert format_vnd(1_000_000) in figures  # used
    assert format_vnd(9_000_000) in figures  # the balance
    assert last_year.donor.address not in page
    assert reverse("scholarships:statement", args=[fund.pk, 2024]) in page


def test_an_unknown_fund_is_a_404(anonymous_client):
    assert anonymous_client.get("/fund/999999/").status_code == 404
    assert anonymous_client.get("/fund/99999999999999999999/").status_code == 404
