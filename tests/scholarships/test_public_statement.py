"""A fund's yearly statement of receipts and uses, from the ledger: the balance on 1/1, the
money received (by kind of donor, by month, free or for a purpose), the money used by
purpose, the year's reversals, the balance on 31/12; as a page and as xlsx written as text;
years out of range a 404."""

import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from common.money import format_vnd
from scholarships import services
from scholarships.models import Donor, DonorKind, Method, PublicDisplay
from scholarships.selectors.statements import statement

pytestmark = pytest.mark.django_db


def gift(fund, donor, by, amount, on, purpose=""):
    return services.donate(
        fund,
        donor=donor,
        amount=amount,
        method=Method.CASH,
        by=by,
        occurred_on=on,
        purpose=purpose,
    )


@pytest.fixture
def year_2024(fund, donor, named_donor, treasurer, today):
    """A 2023 gift (the opening balance), 2024's gifts and spends, one gift and one spend
    reversed in 2024; today is 20/09/2024."""
    union = Donor.objects.create(
        kind=DonorKind.ORGANISATION, name="Công đoàn Cảng", public_display=PublicDisplay.ANONYMOUS
    )
    gift(fund, named_donor, treasurer, 10_000_000, datetime.date(2023, 12, 30))
    gift(fund, named_donor, treasurer, 20_000_000, datetime.date(2024, 3, 5))
    gift(fund, union, treasurer, 5_000_000, datetime.date(2024, 9, 6), purpose="Học bổng vượt khó")
    wrong = gift(fund, donor, treasurer, 1_000_000, datetime.date(2024, 9, 7))
    services.reverse(wrong.entry, by=treasurer, reason="Ghi trùng.")
    spent = services.spend(
        fund,
        amount=2_000_000,
        description="Trao thưởng học sinh giỏi",
        by=treasurer,
        occurred_on=datetime.date(2024, 9, 8),
    )
    services.reverse(spent, by=treasurer, reason="Chưa trao.")
    services.spend(
        fund,
        amount=3_000_000,
        description="Học bổng em Nguyễn Văn Bímật",
        by=treasurer,
        purpose="Học bổng vượt khó",
        occurred_on=datetime.date(2024, 9, 10),
    )
    return wrong


def test_the_statement_adds_up_from_the_ledger(fund, year_2024):
    report = statement(fund, 2024)
    assert report.opening == 10_000_000
    assert (report.received, report.gifts) == (26_000_000, 3)
    assert report.received_reversed == 1_000_000
    assert (report.used, report.used_reversed) == (5_000_000, 2_000_000)
    assert (report.received_free, report.received_restricted) == (21_000_000, 5_000_000)
    assert report.closing == 10_000_000 + 26_000_000 - 1_000_000 - 5_000_000 + 2_000_000
    assert (report.closing_free, report.closing_restricted) == (30_000_000, 2_000_000)
    assert [(row["donor_kind"], row["total"]) for row in report.by_donor_kind] == [
        (DonorKind.BUSINESS, 20_000_000),
        (DonorKind.ORGANISATION, 5_000_000),
        (DonorKind.INDIVIDUAL, 1_000_000),
    ]
    months = {row["month"]: (row["received"], row["used"]) for row in report.by_month}
    assert months[3] == (20_000_000, 0)
    assert months[9] == (6_000_000, 5_000_000)
    assert len(report.by_month) == 12
    assert [(row["purpose"], row["total"]) for row in report.by_purpose] == [
        ("", 2_000_000),
        ("Học bổng vượt khó", 3_000_000),
    ]
    assert [(row["signed"], row["corrects_gift"]) for row in report.reversals] == [
        (-1_000_000, True),
        (2_000_000, False),
    ]
    assert report.reversals[0]["receipt"] == year_2024.receipt_label
    # Each year's closing balance is the next one's opening balance.
    assert statement(fund, 2023).closing == report.opening


def test_the_page_shows_the_statement_and_nothing_private(anonymous_client, fund, year_2024):
    response = anonymous_client.get(reverse("scholarships:statement", args=[fund.pk, 2024]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Statement of receipts and uses, 2024" in page
    for amount in (10_000_000, 26_000_000, 38_000_000 - 6_000_000, 3_000_000):
        assert format_vnd(amount) in page
    assert "Học bổng vượt khó" in page
    assert year_2024.receipt_label in page
    for private in ("Nguyễn Văn Bímật", "Trần Thị Hoa", "Ghi trùng", "Chưa trao", "Công đoàn Cảng"):
        assert private not in page
    assert reverse("scholarships:statement-xlsx", args=[fund.pk, 2024]) in page


@pytest.mark.parametrize("address", ["{base}2024.xlsx", "{base}2024/?format=xlsx"])
def test_the_statement_as_xlsx(anonymous_client, fund, year_2024, address):
    base = f"/fund/{fund.pk}/statements/"
    response = anonymous_client.get(address.format(base=base))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    values = {row[0]: row[1] for row in rows if row and row[0]}
    assert values["Balance on 1 January"] == 10_000_000
    assert values["Received (gifts)"] == 26_000_000
    assert values["Balance on 31 December"] == 32_000_000
    assert values["Fund"] == fund.name
    assert any(row[0] == "Học bổng vượt khó" and row[2] == 3_000_000 for row in rows)


def test_the_xlsx_writes_what_people_typed_as_text(anonymous_client, fund, treasurer, named_donor):
    fund.name = '=HYPERLINK("http://evil.example","x")'
    fund.save()
    gift(fund, named_donor, treasurer, 1_000_000, datetime.date(2024, 1, 2), purpose="+SUM(1+1)")
    services.spend(
        fund,
        amount=500_000,
        description="Học bổng",
        purpose="+SUM(1+1)",
        by=treasurer,
        occurred_on=datetime.date(2024, 1, 3),
    )
    response = anonymous_client.get(reverse("scholarships:statement-xlsx", args=[fund.pk, 2024]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    cells = {cell.value: cell for row in sheet.iter_rows() for cell in row if cell.value}
    for typed in (fund.name, "+SUM(1+1)"):
        assert cells[typed].data_type == "s"


def test_a_year_with_nothing_spent_shows_nothing_spent_without_a_sign(
    anonymous_client, fund, treasurer, named_donor
):
    gift(fund, named_donor, treasurer, 2_000_000, datetime.date(2024, 3, 2))
    page = anonymous_client.get(reverse("scholarships:statement", args=[fund.pk, 2024]))
    used = page.content.decode().split("Used (spending)")[1].split("</tr>")[0]
    assert format_vnd(0) in used
    assert "−" not in used


@pytest.mark.parametrize(
    "address",
    [
        "/fund/{pk}/statements/1999/",
        "/fund/{pk}/statements/2030/",
        "/fund/{pk}/statements/99999999999999999999999/",
        "/fund/{pk}/statements/2030.xlsx",
        "/fund/{pk}/statements/2024/?format=pdf",
        "/fund/999999/statements/2024/",
        "/fund/{pk}/statements/-1/",
        "/fund/{pk}/statements/２０２４/",
    ],
)
def test_a_year_out_of_range_is_a_404(anonymous_client, fund, year_2024, address):
    assert anonymous_client.get(address.format(pk=fund.pk)).status_code == 404


def test_the_years_run_from_the_first_entry_to_this_year(anonymous_client, fund, year_2024):
    # Its first entry is of 2023 and today is in 2024: both years exist, 2022 does not.
    for year in (2023, 2024):
        address = reverse("scholarships:statement", args=[fund.pk, year])
        assert anonymous_client.get(address).status_code == 200
    assert (
        anonymous_client.get(reverse("scholarships:statement", args=[fund.pk, 2022])).status_code
        == 404
    )


@pytest.mark.parametrize("count", [3, 30])
def test_a_fixed_number_of_queries(
    count, fund, named_donor, treasurer, anonymous_client, django_assert_num_queries, today
):
    for number in range(count):
        gift(fund, named_donor, treasurer, 100_000, datetime.date(2024, 1 + number % 12, 1))
    address = reverse("scholarships:statement", args=[fund.pk, 2024])
    # The public generation, the fund, its years (twice), the totals, by kind, by month,
    # by purpose, the reversals.
    with django_assert_num_queries(9):
        assert anonymous_client.get(address).status_code == 200
