"""The communes' lists in the admin: recognised households and yearly counts imported from a
spreadsheet through django-import-export's preview and confirmation, all rows or none, each
problem named by its line and column; exports that write what people typed as text.

The small Hải Phòng of tests/conftest.py (`units`): Phường An Biên 11371 and Phường Dư Hàng
Kênh 11404, until 30/6/2025."""

import datetime
import io
import tempfile
import time

import openpyxl
import pytest
from django.urls import reverse

from common.spreadsheets.admin_import import PendingUploadStorage
from common.spreadsheets.reading import read_table
from learning_models.models import HouseholdCount, RecognisedHousehold
from learning_models.resources import (
    COUNT_COLUMNS,
    HOUSEHOLD_COLUMNS,
    HouseholdCountResource,
    RecognisedHouseholdResource,
)
from organizations.models import UnitKind
from tests.hostile_tables import CSV_ATTACKS, WORKBOOK_ATTACKS, hostile_csv, hostile_workbook
from tests.organizations.unit_tables import table_csv, table_xlsx, upload

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("_english")]

HOUSEHOLDS = "admin:learning_models_recognisedhousehold"
COUNTS = "admin:learning_models_householdcount"

GOOD = [
    ("11371", "2024", "Gia đình học tập", "Nguyễn Văn An", "Tổ dân phố 1", "12/QĐ-UBND", "có", ""),
    ("11371", "2024", "family", "Trần Thị Bình", "Tổ dân phố 2", "12/QĐ-UBND", "", ""),
    ("11404", "2024", "Dòng họ học tập", "Dòng họ Vũ", "", "", "không", ""),
]


@pytest.fixture(autouse=True)
def household_uploads(tmp_path, monkeypatch):
    """The uploaded lists wait for their confirmation in this test's own folder."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    return tmp_path / PendingUploadStorage.folder_name


def preview(client, rows, *, name="list.csv", header=HOUSEHOLD_COLUMNS, admin=HOUSEHOLDS):
    content = table_xlsx(rows, header) if name.endswith(".xlsx") else table_csv(rows, header)
    return client.post(
        reverse(f"{admin}_import"), {"resource": "0", "import_file": upload(name, content)}
    )


def confirm(client, response, admin=HOUSEHOLDS):
    return client.post(reverse(f"{admin}_process_import"), response.context["confirm_form"].initial)


@pytest.mark.parametrize("name", ["list.csv", "list.xlsx"])
def test_a_good_list_is_previewed_then_imported_whole(units, staff_client, name):
    response = preview(staff_client, GOOD, name=name)
    assert response.status_code == 200
    assert "confirm_form" in response.context
    assert response.context["report"].created == 3
    assert not RecognisedHousehold.objects.exists()  # the preview writes nothing

    assert confirm(staff_client, response).status_code == 302
    households = {h.name: h for h in RecognisedHousehold.objects.select_related("commune")}
    assert set(households) == {"Nguyễn Văn An", "Trần Thị Bình", "Dòng họ Vũ"}
    assert households["Nguyễn Văn An"].public_consent is True
    assert households["Trần Thị Bình"].public_consent is False  # silence is not consent
    assert households["Dòng họ Vũ"].title == "clan"
    assert households["Dòng họ Vũ"].commune == units.du_hang_kenh
    assert households["Nguyễn Văn An"].imported_by.username == "staff"

    again = preview(staff_client, GOOD, name=name)  # the same list again changes nothing
    assert again.context["report"].unchanged == 3
    confirm(staff_client, again)
    assert RecognisedHousehold.objects.count() == 3


def test_one_bad_row_imports_nothing_and_names_its_line_and_column(units, staff_client):
    rows = [*GOOD, ("99999", "2024", "family", "Lê Văn C", "", "", "có", "")]
    rows.append(("11371", "2024", "family", "Lê Văn D", "", "", "có lẽ", ""))
    response = preview(staff_client, rows)
    assert "confirm_form" not in response.context
    errors = {(e.line, e.column) for e in response.context["report"].errors}
    assert errors == {(5, "Mã xã"), (6, "Đồng ý công khai")}
    assert "99999" in response.content.decode()
    assert not RecognisedHousehold.objects.exists()


def test_the_errors_are_in_vietnamese(units, client_for, staff):
    client = client_for(staff, language="vi")
    response = preview(client, [("11371", "2024", "xyz", "Lê Văn C", "", "", "", "")])
    page = response.content.decode()
    assert "Ghi một trong các danh hiệu" in page
    assert "“gia đình học tập”" in page
    assert '<code class="column-name">Danh hiệu</code>' in page
    assert "Chưa nhập dữ liệu nào: tệp có 1 lỗi." in page


@pytest.mark.parametrize("admin", [HOUSEHOLDS, COUNTS])
def test_the_downloaded_template_imports_as_it_is(units, make_unit, staff_client, admin):
    make_unit("11383", "Phường Lê Chân", UnitKind.WARD, valid_from=datetime.date(2025, 7, 1))
    template = staff_client.get(reverse(f"{admin}_import_template")).content
    response = staff_client.post(
        reverse(f"{admin}_import"),
        {"resource": "0", "import_file": upload("mau.xlsx", template)},
    )
    assert response.context["report"].errors == []
    assert response.context["report"].created == 2


def test_a_commune_is_the_one_of_its_code_in_that_year(units, staff_client):
    # Phường An Biên ended on 30/6/2025: a 2026 row of its code names no commune.
    response = preview(staff_client, [("11371", "2026", "family", "A", "", "", "", "")])
    errors = {(e.line, e.column) for e in response.context["report"].errors}
    assert (2, "Mã xã") in errors


def test_the_resource_writes_nothing_of_a_file_with_a_bad_row(units, staff):
    rows = [*GOOD, ("11371", "2024", "family", "", "", "", "", "")]
    dataset = read_table(table_csv(rows, HOUSEHOLD_COLUMNS), filename="x.csv")
    result = RecognisedHouseholdResource().import_data(dataset, dry_run=False, user=staff)
    assert result.has_validation_errors()
    assert [(e.line, e.column) for e in result.report.errors] == [(5, "Họ tên / Tên")]
    assert not RecognisedHousehold.objects.exists()


def test_hostile_values_are_kept_as_text_or_refused(units, staff_client):
    formula = '=HYPERLINK("http://example.com/x","Bấm")'
    rows = [
        ("11371", "2024", "family", formula, "+SUM(1+1)", "@cmd", "có", ""),
        ("11371", "2024", "family", "Tên\x07chuông", "", "", "có", ""),
    ]
    response = preview(staff_client, rows)
    errors = {(e.line, e.column) for e in response.context["report"].errors}
    assert errors == {(3, "Họ tên / Tên")}

    response = confirm(staff_client, preview(staff_client, rows[:1]))
    household = RecognisedHousehold.objects.get()
    assert household.name == formula

    text = export(staff_client, HOUSEHOLDS, "0").decode("utf-8-sig")
    assert "'=HYPERLINK" in text
    assert "'+SUM(1+1)" in text
    assert "'@cmd" in text
    xlsx = export(staff_client, HOUSEHOLDS, "1")
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx)).active
    cells = [cell for row in sheet.iter_rows(min_row=2) for cell in row if cell.value == formula]
    assert cells
    assert all(cell.data_type == "s" for cell in cells)


def export(client, admin, file_format):
    """The export of every field, as CSV ("0") or xlsx ("1")."""
    url = reverse(f"{admin}_export")
    page = client.get(url)
    data = {"format": file_format, "resource": "0"}
    data.update({name: "on" for name in page.context["form"].fields if "resource_" in name})
    response = client.post(url, data)
    assert response.status_code == 200
    return response.content


def test_ten_thousand_rows_are_previewed_and_imported_in_seconds(units, staff_client):
    rows = [
        ("11371" if i % 2 else "11404", "2024", "family", f"Hộ số {i}", f"Tổ {i % 40}", "", "", "")
        for i in range(10_000)
    ]
    started = time.monotonic()
    response = preview(staff_client, rows, name="list.xlsx")
    assert response.context["report"].created == 10_000
    assert len(response.context["report"].changes) == 10_000
    assert response.content.decode().count("<td>new</td>") == 200  # the first 200 shown
    confirmed = confirm(staff_client, response)
    assert confirmed.status_code == 302
    assert time.monotonic() - started < 60
    assert RecognisedHousehold.objects.count() == 10_000
    assert RecognisedHousehold.objects.filter(imported_by__username="staff").count() == 10_000


def test_the_template_downloads_with_the_columns(units, staff_client):
    response = staff_client.get(reverse(f"{HOUSEHOLDS}_import_template"))
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert [cell.value for cell in sheet[1]] == list(HOUSEHOLD_COLUMNS)
    response = staff_client.get(reverse(f"{COUNTS}_import_template"))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert [cell.value for cell in sheet[1]] == list(COUNT_COLUMNS)


def test_the_reviewer_sees_the_lists_but_imports_nothing(units, reviewer_client):
    assert reviewer_client.get(reverse(f"{HOUSEHOLDS}_changelist")).status_code == 200
    assert reviewer_client.get(reverse(f"{HOUSEHOLDS}_import")).status_code == 403
    assert reviewer_client.get(reverse(f"{HOUSEHOLDS}_import_template")).status_code == 403


COUNT_ROWS = [
    ("11371", "2024", "Gia đình học tập", "2450", "2100", "1860"),
    ("11404", "2024", "clan", "", "30", "27"),
]


def test_counts_are_imported_and_updated(units, staff_client):
    response = preview(staff_client, COUNT_ROWS, header=COUNT_COLUMNS, admin=COUNTS)
    assert response.context["report"].created == 2
    confirm(staff_client, response, admin=COUNTS)
    count = HouseholdCount.objects.get(commune=units.an_bien)
    assert (count.total, count.registered, count.recognised) == (2450, 2100, 1860)

    changed = [("11371", "2024", "family", "2.450", "2.200", "1.900")]
    response = preview(staff_client, changed, header=COUNT_COLUMNS, admin=COUNTS)
    assert response.context["report"].updated == 1
    confirm(staff_client, response, admin=COUNTS)
    count.refresh_from_db()
    assert (count.registered, count.recognised) == (2200, 1900)
    assert HouseholdCount.objects.count() == 2


def test_counts_out_of_order_are_refused_by_line_and_column(units, staff):
    rows = [
        *COUNT_ROWS,
        ("11371", "2024", "clan", "40", "30", "31"),
        ("11371", "2024", "village", "10", "12", "3"),
        ("11371", "2024", "citizen", "10", "-1", "x"),
    ]
    dataset = read_table(table_csv(rows, COUNT_COLUMNS), filename="x.csv")
    result = HouseholdCountResource().import_data(dataset, dry_run=False, user=staff)
    assert {(e.line, e.column) for e in result.report.errors} == {
        (4, "Đã công nhận"),
        (5, "Đã đăng ký"),
        (6, "Đã đăng ký"),
        (6, "Đã công nhận"),
    }
    assert not HouseholdCount.objects.exists()


@pytest.mark.parametrize(
    ("name", "admin", "header"),
    [
        ("claimed range", HOUSEHOLDS, HOUSEHOLD_COLUMNS),
        ("packed blanks", COUNTS, COUNT_COLUMNS),
        ("empty lines", HOUSEHOLDS, HOUSEHOLD_COLUMNS),
        ("long cell", COUNTS, COUNT_COLUMNS),
    ],
)
def test_a_hostile_file_is_refused_with_a_message_and_nothing_is_kept(
    units, staff_client, household_uploads, name, admin, header
):
    if name in WORKBOOK_ATTACKS:
        filename, content, words = "list.xlsx", hostile_workbook(name, header), WORKBOOK_ATTACKS
    else:
        filename, content, words = "list.csv", hostile_csv(name, header), CSV_ATTACKS
    started = time.monotonic()
    response = staff_client.post(
        reverse(f"{admin}_import"), {"resource": "0", "import_file": upload(filename, content)}
    )
    assert time.monotonic() - started < 20
    assert response.status_code == 200
    assert "confirm_form" not in response.context
    assert words[name][1] in response.content.decode()
    if household_uploads.exists():  # the refused upload is not kept
        assert not list(household_uploads.iterdir())
    assert not RecognisedHousehold.objects.exists()
    assert not HouseholdCount.objects.exists()
