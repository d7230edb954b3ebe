"""A unit's donation list imported from Excel: every row checked before anything is written,
all rows or none, each problem named by its line and its Vietnamese column; amounts read as
Vietnamese people write them or refused; receipts numbered on from the fund's counter
without gaps; one history entry on the fund; what donors typed kept as text."""

import datetime
import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from common.history.audit import history_of
from common.spreadsheets.reading import read_table
from scholarships import exports, selectors, services
from scholarships.donation_rows import REQUIRED
from scholarships.models import Donation, Donor, DonorKind, LedgerEntry, Method, PublicDisplay
from scholarships.resources import DonationImportResource

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

DAY = "15/09/2025"


def row(name="Nguyễn Văn An", amount="1.500.000", **cells):
    values = {
        "day": DAY,
        "kind": "Cá nhân",
        "method": "Tiền mặt",
        "in_kind": "",
        "purpose": "",
        "public": "Tên và số tiền",
        "address": "",
        "phone": "",
        "email": "",
        "pledge": "",
        **cells,
    }
    return (
        values["day"],
        name,
        values["kind"],
        values["method"],
        values["in_kind"],
        amount,
        values["purpose"],
        values["public"],
        values["address"],
        values["phone"],
        values["email"],
        values["pledge"],
    )


def run(fund, data, user, *, dry_run=False):
    dataset = read_table(data, filename="danh-sach.xlsx", required_columns=REQUIRED)
    return DonationImportResource(fund=fund).import_data(
        dataset, dry_run=dry_run, raise_errors=False, user=user, file_name="danh-sach.xlsx"
    )


def problems(result):
    return [(error.line, error.column) for error in result.report.sorted_errors()]


def test_a_good_list_records_every_donation_with_receipts_from_one(
    fund, treasurer, donation_list_xlsx
):
    data = donation_list_xlsx(
        [
            row("Công ty TNHH Hải Long", "10.000.000", kind="Doanh nghiệp", method="Chuyển khoản"),
            row("Nguyễn Văn An", "1500000"),
            row(
                "Đoàn Thanh niên",
                "2.500.000",
                kind="Tổ chức",
                method="Hiện vật",
                in_kind="50 bộ sách giáo khoa",
            ),
            row("Trần Thị Bình", "500k", public=""),
        ]
    )
    preview = run(fund, data, treasurer, dry_run=True)
    assert preview.report.ok
    assert preview.report.created == 4
    assert not Donation.objects.exists()

    result = run(fund, data, treasurer)
    assert not result.has_errors()
    assert not result.has_validation_errors()
    donations = list(Donation.objects.order_by("entry__receipt_number"))
    assert [d.entry.receipt_number for d in donations] == [1, 2, 3, 4]
    assert {d.entry.receipt_year for d in donations} == {2025}
    assert [d.entry.amount for d in donations] == [10_000_000, 1_500_000, 2_500_000, 500_000]
    assert donations[0].method == Method.TRANSFER
    assert donations[0].donor.kind == DonorKind.BUSINESS
    assert donations[2].in_kind == "50 bộ sách giáo khoa"
    assert donations[2].donor.kind == DonorKind.ORGANISATION
    # An empty "Công khai" is "Giấu tên": silence is not consent to be named.
    assert donations[3].donor.public_display == PublicDisplay.ANONYMOUS
    assert donations[0].entry.occurred_on == datetime.date(2025, 9, 15)
    assert all(len(d.code) == 6 and d.recorded_by == treasurer for d in donations)
    assert selectors.balance(fund) == 14_500_000
    assert result.recorded["receipts"] == {"2025": ["2025/000001", "2025/000004"]}
    entries = history_of(fund)
    assert [(e.action, e.reason) for e in entries] == [("donations_imported", "danh-sach.xlsx")]
    assert entries[0].changes["donations"] == [None, 4]


def test_the_public_disclosure_shows_an_imported_list_at_once(
    client, fund, treasurer, donation_list_xlsx
):
    """The disclosure is cached for visitors; a list written in bulk must still reach it."""
    assert "15.000.000" not in client.get("/fund/").content.decode()  # cached now
    run(fund, donation_list_xlsx([row("Công ty TNHH Hải Long", "15.000.000")]), treasurer)
    page = client.get("/fund/").content.decode()
    assert "15.000.000\u00a0₫" in page
    assert "Công ty TNHH Hải Long" in page


def test_receipts_go_on_from_the_counter_in_each_year(fund, donor, treasurer, donation_list_xlsx):
    services.donate(
        fund, donor=donor, amount=1_000, method=Method.CASH, by=treasurer,
        occurred_on=datetime.date(2025, 3, 1),
    )  # fmt: skip
    data = donation_list_xlsx(
        [row(day="20/12/2024"), row(day=datetime.date(2025, 1, 2)), row(day="2025-02-03")]
    )
    result = run(fund, data, treasurer)
    assert result.report.ok
    numbers = sorted(
        LedgerEntry.objects.filter(fund=fund).values_list("receipt_year", "receipt_number")
    )
    assert numbers == [(2024, 1), (2025, 1), (2025, 2), (2025, 3)]


@pytest.mark.parametrize("written", ["1.500.000", "1500000", "1.500.000 đ", "1,5 triệu", 1500000])
def test_amounts_are_read_as_vietnamese_people_write_them(
    fund, treasurer, donation_list_xlsx, written
):
    run(fund, donation_list_xlsx([row(amount=written)]), treasurer)
    assert Donation.objects.get().entry.amount == 1_500_000


@pytest.mark.parametrize(
    ("cells", "column", "message"),
    [
        ({"amount": "1,5"}, "Số tiền", "whole number of đồng"),
        ({"amount": "0"}, "Số tiền", "more than 0"),
        ({"amount": ""}, "Số tiền", "cannot be empty"),
        ({"kind": "Hội viên"}, "Loại", "“Tổ chức”, “Doanh nghiệp”, “Cá nhân”"),
        ({"name": ""}, "Nhà hảo tâm", "cannot be empty"),
        ({"pledge": "QKH 2025 000099"}, "Mã cam kết", "no pledge QKH 2025 000099"),
        ({"pledge": "xyz"}, "Mã cam kết", "written like"),
        ({"method": "Séc"}, "Hình thức", "“Tiền mặt”"),
        ({"method": "Hiện vật"}, "Hiện vật", "what was given in kind"),
        ({"public": "Có"}, "Công khai", "“Giấu tên”"),
        ({"day": "31/02/2025"}, "Ngày", "15/09/2025"),
        ({"day": "01/01/2099"}, "Ngày", "to today"),
        ({"phone": "12345"}, "Điện thoại", ""),
        ({"email": "not-an-address"}, "Email", "e-mail"),
        ({"address": "x" * 301}, "Địa chỉ", "At most 300 characters"),
    ],
)
def test_one_bad_row_imports_nothing_and_names_its_line_and_column(
    fund, treasurer, donation_list_xlsx, cells, column, message
):
    name = cells.pop("name", "Phạm Thị Dung")
    amount = cells.pop("amount", "2.000.000")
    data = donation_list_xlsx([row(), row(), row(name, amount, **cells), row()])
    result = run(fund, data, treasurer)
    assert problems(result) == [(4, column)]
    assert message in result.report.errors[0].message
    assert result.has_validation_errors()
    assert not Donation.objects.exists()
    assert not Donor.objects.exists()
    assert not LedgerEntry.objects.exists()
    assert history_of(fund).count() == 0


def test_a_csv_list_is_read_the_same_and_refuses_control_characters(fund, treasurer):
    header = "Ngày;Nhà hảo tâm;Loại;Hình thức;Số tiền;Địa chỉ\n"
    good = header + "15/09/2025;Nguyễn Văn An;Cá nhân;Tiền mặt;1.500.000 đ;\n"
    bad = good + "15/09/2025;Lê Văn Cường;Cá nhân;Tiền mặt;200.000;Số 1\x07 Lạch Tray\n"
    dataset = read_table(bad.encode(), filename="ds.csv", required_columns=REQUIRED)
    result = DonationImportResource(fund=fund).import_data(dataset, dry_run=False, user=treasurer)
    assert problems(result) == [(3, "Địa chỉ")]
    assert "control character" in result.report.errors[0].message
    dataset = read_table(good.encode(), filename="ds.csv", required_columns=REQUIRED)
    DonationImportResource(fund=fund).import_data(dataset, dry_run=False, user=treasurer)
    assert Donation.objects.get().entry.amount == 1_500_000


def test_a_list_needs_the_required_columns(fund, treasurer, donation_list_xlsx):
    from common.spreadsheets.limits import TableError

    with pytest.raises(TableError, match="Số tiền"):
        read_table(
            donation_list_xlsx([("15/09/2025", "An")], headers=("Ngày", "Nhà hảo tâm")),
            filename="x.xlsx",
            required_columns=REQUIRED,
        )


def test_a_row_may_pay_a_pledge_of_the_fund(fund, named_donor, treasurer, donation_list_xlsx):
    promise = services.pledge(
        fund, donor=named_donor, amount=5_000_000, purpose="Học bổng vượt khó",
        due_on=datetime.date(2026, 12, 31), by=treasurer,
    )  # fmt: skip
    data = donation_list_xlsx(
        [row(named_donor.name.upper(), "2 triệu", pledge=promise.reference, kind="Doanh nghiệp")]
    )
    result = run(fund, data, treasurer)
    assert result.report.ok
    gift = Donation.objects.get()
    assert gift.pledge == promise
    assert gift.donor == named_donor
    assert gift.entry.purpose == "Học bổng vượt khó"
    assert selectors.pledge_left(promise) == 3_000_000
    assert Donor.objects.count() == 1


def test_a_pledge_is_paid_by_its_own_donor_only(fund, named_donor, treasurer, donation_list_xlsx):
    promise = services.pledge(
        fund, donor=named_donor, amount=5_000_000, due_on=datetime.date(2026, 12, 31),
        by=treasurer,
    )  # fmt: skip
    result = run(
        fund, donation_list_xlsx([row("Lê Văn Cường", pledge=promise.reference)]), treasurer
    )
    assert problems(result) == [(2, "Mã cam kết")]
    services.cancel_pledge(promise, by=treasurer, reason="Nhà hảo tâm rút lại.")
    again = run(
        fund, donation_list_xlsx([row(named_donor.name, pledge=promise.reference)]), treasurer
    )
    assert "cancelled" in again.report.errors[0].message
    assert not Donation.objects.exists()


def test_the_same_donor_twice_in_a_list_is_one_donor(fund, treasurer, donation_list_xlsx):
    data = donation_list_xlsx(
        [row(phone="0912345678"), row(phone="0912 345 678", amount="200.000"), row("Khác")]
    )
    run(fund, data, treasurer)
    assert Donor.objects.count() == 2
    assert Donor.objects.get(name="Nguyễn Văn An").phone == "0912 345 678"


def test_formula_text_is_kept_as_text_and_exported_as_text(fund, treasurer, donation_list_xlsx):
    formula = '=HYPERLINK("http://evil.example","Bấm vào đây")'
    run(fund, donation_list_xlsx([row(formula, purpose="+SUM(1+1)")]), treasurer)
    assert Donor.objects.get().name == formula

    response = exports.export_response(
        exports.donations_dataset(fund, private=True), kind="donations", fund=fund, fmt="xlsx"
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    headers = [cell.value for cell in sheet[1]]
    cell = sheet.cell(row=2, column=headers.index("Nhà hảo tâm") + 1)
    assert cell.value == formula
    assert cell.data_type == "s"
    purpose = sheet.cell(row=2, column=headers.index("Mục đích") + 1)
    assert purpose.value == "+SUM(1+1)"
    assert purpose.data_type == "s"

    csv = exports.export_response(
        exports.ledger_dataset(fund), kind="ledger", fund=fund, fmt="csv"
    ).content.decode("utf-8-sig")
    assert "'=HYPERLINK" in csv
    assert "'+SUM(1+1)" in csv


def test_the_donations_export_holds_private_columns_only_when_asked(
    fund, treasurer, donation_list_xlsx
):
    run(
        fund,
        donation_list_xlsx([row(address="Số 3 Lạch Tray", phone="0912345678", email="a@b.vn")]),
        treasurer,
    )
    private = exports.donations_dataset(fund, private=True)
    assert {"Địa chỉ", "Điện thoại", "Email"} <= set(private.headers)
    assert "Số 3 Lạch Tray" in private[0]
    assert "0912 345 678" in private[0]
    public = exports.donations_dataset(fund, private=False)
    assert not {"Địa chỉ", "Điện thoại", "Email"} & set(public.headers)
    assert "Số 3 Lạch Tray" not in public[0]
    assert public[0][public.headers.index("Số biên nhận")] == "2025/000001"


def test_only_a_treasurer_of_the_fund_imports(
    fund, district_fund, district_treasurer, donation_list_xlsx
):
    data = donation_list_xlsx([row()])
    result = run(fund, data, district_treasurer)
    assert result.has_errors()
    assert not Donation.objects.exists()
    assert run(district_fund, data, district_treasurer).report.ok
    assert Donation.objects.get().fund == district_fund


def test_a_day_in_the_future_is_refused(fund, treasurer, donation_list_xlsx):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    result = run(fund, donation_list_xlsx([row(day=tomorrow.strftime("%d/%m/%Y"))]), treasurer)
    assert problems(result) == [(2, "Ngày")]
