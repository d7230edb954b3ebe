"""Importing and exporting the unit tree: every row checked first, all rows written or none.

Most tests start from the small Hải Phòng of tests/conftest.py (`units`): the city and
Quận Lê Chân (305) and Quận Kiến An (307) until 30/06/2025, four wards, two bodies.
"""

import datetime
import io
import tempfile
import unicodedata

import openpyxl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from common.models import HistoryEntry
from organizations.importing import (
    COLUMNS,
    REQUIRED_COLUMNS,
    TableError,
    data_rows,
    import_units,
    read_table,
)
from organizations.models import Unit, UnitKind, UnitPredecessor, UnitShare
from organizations.selectors import tree_on
from tests.organizations.unit_tables import table_csv, table_xlsx, upload

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("_english")]

# One bad row of each kind among good rows. Lines as the spreadsheet numbers them.
MIXED_ROWS = [
    ["11368", "Phường Cát Dài", "phuong", "305", "", "2024-12-31", "", ""],  # 2 good
    ["11374", "Phường Lam Sơn", "phuong", "399", "", "2024-12-31", "", ""],  # 3 unknown parent
    ["11380", "Phường Trần Nguyên Hãn", "phuong", "305", "", "2024-12-31", "", ""],  # 4 good
    ["11368", "Phường Cát Dài", "phuong", "305", "", "2024-12-31", "", ""],  # 5 same as line 2
    ["11383", "Phường Hồ Nam", "phuong", "305", "2025-01-01", "2024-12-31", "", ""],  # 6 end<start
    ["11386", "", "phuong", "305", "", "2024-12-31", "", ""],  # 7 empty name
    ["11389", "Phường Niệm Nghĩa", "ward", "305", "", "2024-12-31", "", ""],  # 8 unknown kind
    ["11392", "Phường Nghĩa Xá", "phuong", "305", "31/02/2024", "", "", ""],  # 9 not a date
    ["", "Phường Không Mã", "phuong", "305", "", "2024-12-31", "", ""],  # 10 empty code
    ["11371", "Phường An Biên", "phuong", "305", "2024-01-01", "2024-12-31", "", ""],  # 11 overlap
    ["11395", "Phường Dư Hàng", "phuong", "305", "2025-01-01", "", "", ""],  # 12 parent gap
    ["11398", "Phường Kênh Dương", "phuong", "305", "2024-06-01", "2024-12-31",
     "11434:Phường Nam Sơn", ""],  # 13 predecessor's name is not the code's
    ["11401", "Phường Vĩnh Niệm", "phuong", "305", "2024-06-01", "2024-12-31",
     "99999:Xã Không Có", ""],  # 14 predecessor does not exist
    ["ZZ-A", "Ban A", "department", "ZZ-B", "", "", "", ""],  # 15 lies under itself
    ["ZZ-B", "Ban B", "department", "ZZ-A", "", "", "", ""],  # 16 lies under itself
    ["11407", "Phường Đông Hải", "phuong", "305", "2024-06-01", "2024-12-31",
     "Phường Hồ Nam", ""],  # 17 predecessor not written CODE:Name
    ["HND-HP", "Hội Nông dân thành phố Hải Phòng", "union", "31", "", "2025-06-30", "", ""],  # 18
]  # fmt: skip
MIXED_ERRORS = {
    (3, "parent_code"),
    (5, "code"),
    (6, "valid_until"),
    (7, "name"),
    (8, "kind"),
    (9, "valid_from"),
    (10, "code"),
    (11, "valid_from"),
    (12, "parent_code"),
    (13, "predecessors"),
    (14, "predecessors"),
    (15, "parent_code"),
    (16, "parent_code"),
    (17, "predecessors"),
}
GOOD_ROWS = [
    ["11368", "Phường Cát Dài", "phuong", "305", "", "2024-12-31", "", "DMĐVHC 01/11/2024"],
    ["HND-HP", "Hội Nông dân thành phố Hải Phòng", "union", "31", "", "2025-06-30", "", ""],
]

# The city after the merger: the conftest's small tree has the city only until 30/06/2025,
# which leaves its open-ended bodies without a parent from 1/7/2025.
CITY_2025 = [
    "31",
    "Thành phố Hải Phòng",
    "city",
    "",
    "2025-07-01",
    "",
    "31:Thành phố Hải Phòng",
    "",
]


def counts():
    return (Unit.objects.count(), UnitPredecessor.objects.count(), HistoryEntry.objects.count())


def dataset_of(rows, header=COLUMNS):
    return read_table(table_csv(rows, header), filename="units.csv")


# Reading files


def test_read_table_csv_with_bom_and_semicolons():
    data = table_csv([["31", "Thành phố Hải Phòng"]], ["code", "Name"], bom=True, delimiter=";")
    dataset = read_table(data, filename="x.csv", required_columns=["code", "name"])
    assert dataset.headers == ["code", "name"]
    assert list(dataset) == [("31", "Thành phố Hải Phòng")]


def test_read_table_xlsx_turns_dates_and_numbers_into_text():
    workbook = openpyxl.Workbook()
    workbook.active.append(["code", "valid_until", "note"])
    workbook.active.append([31, datetime.datetime(2025, 6, 30), 1.5])
    workbook.active.append([])
    workbook.active.append([31.0, datetime.date(2024, 12, 31), "  Hoà  "])
    out = io.BytesIO()
    workbook.save(out)
    dataset = read_table(upload("units.xlsx", out.getvalue()))
    assert list(data_rows(dataset)) == [
        (2, {"code": "31", "valid_until": "2025-06-30", "note": "1.5"}),
        (4, {"code": "31", "valid_until": "2024-12-31", "note": "Hoà"}),
    ]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("units.xlsx", b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n", "not an Excel workbook"),
        ("units.xlsx", b"PK\x03\x04not really a zip", "not an Excel workbook"),
        ("units.csv", b"%PDF-1.7\x00\x01binary", "not a CSV text file"),
        (
            "units.csv",
            unicodedata.normalize("NFD", "code,name\n31,Hải Phòng\n").encode("cp1258"),
            "not UTF-8",
        ),
        ("units.pdf", b"%PDF-1.7", "Only .xlsx and .csv"),
        ("units.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "Old Excel files"),
        ("units.csv", b"", "empty"),
        ("units.csv", b"\n\ncode,name\n", "first line must hold the column names"),
        ("units.csv", b"code,name\n31,x\n", "Missing columns: kind"),
        ("units.csv", b"code,name,code\n", "appears twice"),
    ],
)
def test_read_table_refuses_what_is_not_a_table(name, content, message):
    with pytest.raises(TableError) as refused:
        read_table(upload(name, content), required_columns=["code", "name", "kind"])
    assert message in str(refused.value)


def test_read_table_refuses_a_file_too_large():
    with pytest.raises(TableError, match="too large"):
        read_table(upload("units.csv", b"code\n" + b"1\n" * 100), max_bytes=50)


# Importing: all or nothing


def test_import_with_bad_rows_writes_nothing_and_names_each_line(units):
    before = counts()
    report = import_units(dataset_of(MIXED_ROWS))
    assert counts() == before
    assert {(error.line, error.column) for error in report.errors} == MIXED_ERRORS
    duplicate = next(error for error in report.errors if error.line == 5)
    assert "Lines 2 and 5" in duplicate.message
    gap = next(error for error in report.errors if error.line == 12)
    assert "since 01/07/2025" in gap.message
    assert str(duplicate).startswith("line 5, column code: ")


def test_import_dry_run_of_a_good_file_writes_nothing(units):
    before = counts()
    report = import_units(dataset_of(GOOD_ROWS), dry_run=True)
    assert report.ok
    assert (report.created, report.updated) == (2, 0)
    assert counts() == before


def test_import_creates_units_with_history_and_again_updates_in_place(units, make_person):
    staff = make_person("nhap_lieu", is_superuser=True)
    report = import_units(dataset_of(GOOD_ROWS), by=staff, filename="units.csv")
    assert (report.created, report.updated, report.unchanged) == (2, 0, 0)
    ward = Unit.objects.get(code="11368")
    entry = HistoryEntry.objects.for_object(ward).get()
    assert (entry.action, entry.actor, entry.reason) == (
        "imported",
        staff,
        "Imported from units.csv",
    )
    assert entry.changes["name"] == [None, "Phường Cát Dài"]
    assert tree_on(datetime.date(2024, 9, 15)).parent(ward) == units.le_chan

    again = import_units(dataset_of(GOOD_ROWS))
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    renamed = [[*GOOD_ROWS[0][:1], "Phường Cát Dài (sửa)", *GOOD_ROWS[0][2:]], GOOD_ROWS[1]]
    third = import_units(dataset_of(renamed))
    assert (third.created, third.updated, third.unchanged) == (0, 1, 1)
    assert Unit.objects.filter(code="11368").count() == 1
    latest = HistoryEntry.objects.for_object(ward).first()
    assert latest.changes == {"name": ["Phường Cát Dài", "Phường Cát Dài (sửa)"]}
    assert HistoryEntry.objects.for_object(ward).count() == 2


def test_import_without_source_column_keeps_the_units_source(units):
    import_units(dataset_of(GOOD_ROWS))
    header = REQUIRED_COLUMNS
    report = import_units(dataset_of([row[:6] for row in GOOD_ROWS], header))
    assert report.unchanged == 2
    assert Unit.objects.get(code="11368").source == "DMĐVHC 01/11/2024"


def test_import_resolves_the_parent_code_by_date(units):
    rows = [
        ["399", "Huyện Thử", "huyen", "31", "", "2024-12-31", "", ""],
        ["399", "Thành phố Thử", "thanh_pho_thuoc_tp", "31", "2025-01-01", "2025-06-30", "", ""],
        ["99901", "Xã Một", "xa", "399", "", "2025-06-30", "", ""],
    ]
    assert import_units(dataset_of(rows)).ok
    commune = Unit.objects.get(code="99901")
    assert tree_on(datetime.date(2024, 9, 15)).parent(commune).name == "Huyện Thử"
    assert tree_on(datetime.date(2025, 3, 1)).parent(commune).name == "Thành phố Thử"


def test_import_predecessors_from_the_same_file_and_with_other_tone_marks(units, make_unit):
    make_unit("11431", "Phường Đồng Hoà", UnitKind.WARD, units.kien_an, valid_until=None)
    rows = [
        ["11431", "Phường Đồng Hoà", "phuong", "307", "", "2024-12-31", "", ""],
        ["11428", "Phường Quán Trữ", "phuong", "307", "", "2024-12-31", "", ""],
        ["11428", "Phường Đồng Hòa", "phuong", "307", "2025-01-01", "2025-06-30",
         "11431:Phường Đồng Hòa; 11428:Phường Quán Trữ (một phần)", ""],
        ["11437", "Phường Nam Sơn", "phuong", "307", "", "2024-12-31", "", ""],
    ]  # fmt: skip
    report = import_units(dataset_of(rows))
    assert report.ok, report.errors
    assert report.updated == 2
    assert report.created == 2
    new = Unit.objects.get(code="11428", valid_from=datetime.date(2025, 1, 1))
    links = {(link.predecessor.name, link.share) for link in new.predecessor_links.all()}
    assert links == {("Phường Đồng Hoà", UnitShare.WHOLE), ("Phường Quán Trữ", UnitShare.PART)}


def test_import_refuses_a_period_that_orphans_units_already_in_the_portal(units):
    rows = [["305", "Quận Lê Chân", "quan", "31", "", "2024-06-30", "", ""]]
    before = counts()
    report = import_units(dataset_of(rows))
    assert [(error.line, error.column) for error in report.errors] == [(2, "valid_until")]
    assert "Phường An Biên" in report.errors[0].message
    assert counts() == before


def test_import_reports_a_missing_column_and_an_empty_file(units):
    report = import_units(dataset_of([["31"]], ["code"]))
    assert {(error.line, error.column) for error in report.errors} >= {(1, "name"), (1, "kind")}
    empty = import_units(dataset_of([]))
    assert [(error.line, error.message) for error in empty.errors] == [
        (1, "The file has no rows below the column names.")
    ]


# The management commands


def write(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    return str(path)


def test_import_units_command_prints_bad_rows_and_exits_1(units, tmp_path):
    path = write(tmp_path, "units.csv", table_csv(MIXED_ROWS))
    before = counts()
    err = io.StringIO()
    with pytest.raises(CommandError) as failed:
        call_command("import_units", path, stderr=err)
    # manage.py turns a CommandError into its exit status.
    assert failed.value.returncode == 1
    assert "nothing imported, 14 problem(s)" in str(failed.value)
    assert counts() == before
    for line, column in MIXED_ERRORS:
        assert f"line {line}, column {column}: " in err.getvalue()


def test_import_units_command_dry_run_then_import(units, tmp_path):
    path = write(tmp_path, "units.xlsx", table_xlsx(GOOD_ROWS, dates=True))
    out = io.StringIO()
    call_command("import_units", path, "--dry-run", stdout=out)
    assert "2 units would be created" in out.getvalue()
    assert not Unit.objects.filter(code="11368").exists()
    call_command("import_units", path, stdout=out)
    assert Unit.objects.get(code="11368").valid_until == datetime.date(2024, 12, 31)


def test_import_units_command_refuses_a_renamed_pdf(units, tmp_path):
    path = write(tmp_path, "units.xlsx", b"%PDF-1.4 not a workbook")
    with pytest.raises(CommandError, match="not an Excel workbook"):
        call_command("import_units", path)


def test_export_units_xlsx_imports_back_unchanged(units, tmp_path):
    merged_ward = [
        "11371", "Phường An Biên", "phuong", "31", "2025-07-01", "",
        "11371:Phường An Biên; 11404:Phường Dư Hàng Kênh (một phần)", "",
    ]  # fmt: skip
    loaded = import_units(dataset_of([*GOOD_ROWS, merged_ward, CITY_2025]))
    assert loaded.ok, loaded.errors
    path = str(tmp_path / "units.xlsx")
    call_command("export_units", path, stdout=io.StringIO())
    before = counts()
    dataset = read_table(path, required_columns=REQUIRED_COLUMNS)
    assert dataset.headers == list(COLUMNS)
    rows = [dict(zip(COLUMNS, values, strict=True)) for values in dataset]
    row = next(row for row in rows if (row["code"], row["valid_from"]) == ("11371", "2025-07-01"))
    assert row["predecessors"] == "11371:Phường An Biên; 11404:Phường Dư Hàng Kênh (một phần)"
    report = import_units(dataset)
    assert (report.created, report.updated, report.unchanged) == (0, 0, Unit.objects.count())
    assert counts() == before


def test_export_units_on_a_day_writes_that_days_tree(units, tmp_path):
    path = tmp_path / "units.csv"
    call_command("export_units", str(path), "--on", "15/09/2024", stdout=io.StringIO())
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == ",".join(COLUMNS)
    assert len(lines) == 1 + Unit.objects.count()


# The admin's import and export pages


@pytest.fixture(autouse=True)
def _uploads_wait_in_tmp_path(tmp_path, monkeypatch):
    # The admin keeps an upload in the temporary folder between preview and confirmation.
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))


IMPORT_URL = reverse("admin:organizations_unit_import")
PROCESS_URL = reverse("admin:organizations_unit_process_import")
EXPORT_URL = reverse("admin:organizations_unit_export")


def test_admin_import_page_lists_every_bad_row_and_writes_nothing(superuser_client):
    before = counts()
    response = superuser_client.post(
        IMPORT_URL,
        {"resource": "0", "import_file": upload("units.xlsx", table_xlsx(MIXED_ROWS, dates=True))},
    )
    assert response.status_code == 200
    assert counts() == before
    report = response.context["report"]
    assert {(error.line, error.column) for error in report.errors} == MIXED_ERRORS
    assert "confirm_form" not in response.context
    page = response.content.decode()
    assert "Nothing was imported: 14 problems in the file." in page
    assert "<td>12</td>" in page
    assert '<code class="column-name">parent_code</code>' in page
    assert "Lines 2 and 5 both hold code 11368" in page


def test_admin_import_preview_then_confirm_writes_the_units(superuser_client, superuser):
    response = superuser_client.post(
        IMPORT_URL,
        {"resource": "0", "import_file": upload("units.csv", table_csv(GOOD_ROWS, bom=True))},
    )
    assert response.status_code == 200
    assert not Unit.objects.filter(code="11368").exists()  # a preview only
    confirm = response.context["confirm_form"].initial
    assert "Confirming will create 2 units" in response.content.decode()

    confirmed = superuser_client.post(PROCESS_URL, confirm)
    assert confirmed.status_code == 302
    assert confirmed["Location"] == reverse("admin:organizations_unit_changelist")
    ward = Unit.objects.get(code="11368")
    assert HistoryEntry.objects.for_object(ward).get().actor == superuser
    # The upload is spent: confirming again imports nothing more.
    again = superuser_client.post(PROCESS_URL, confirm)
    assert again.status_code == 302
    assert again["Location"] == IMPORT_URL


def test_admin_import_of_a_non_spreadsheet_is_a_clear_message(superuser_client):
    before = counts()
    response = superuser_client.post(
        IMPORT_URL,
        {"resource": "0", "import_file": upload("units.xlsx", b"%PDF-1.7\nnot a workbook")},
    )
    assert response.status_code == 200
    assert "not an Excel workbook" in str(response.context["form"].errors["import_file"])
    assert counts() == before


def test_admin_import_confirm_needs_the_uploaders_own_token(superuser_client, client_for, staff):
    response = superuser_client.post(
        IMPORT_URL, {"resource": "0", "import_file": upload("units.csv", table_csv(GOOD_ROWS))}
    )
    confirm = response.context["confirm_form"].initial
    other = client_for(staff).post(PROCESS_URL, confirm)
    assert other.status_code == 302
    assert other["Location"] == IMPORT_URL
    assert not Unit.objects.filter(code="11368").exists()


def test_admin_import_is_refused_to_roles_that_only_view_units(treasurer_client):
    assert treasurer_client.get(IMPORT_URL).status_code == 403
    assert treasurer_client.post(PROCESS_URL, {"import_file_name": "0" * 32}).status_code == 403


def test_admin_pages_carry_no_inline_script_or_style(staff_client):
    for url in (IMPORT_URL, EXPORT_URL, reverse("admin:organizations_unit_changelist")):
        response = staff_client.get(url)
        assert response.status_code == 200
        assert "unsafe-inline" not in response["Content-Security-Policy"]
        page = response.content.decode()
        assert " style=" not in page
        assert "onchange=" not in page
        assert "onclick=" not in page
        assert "<script>" not in page


def test_admin_export_xlsx_imports_back_unchanged(staff_client, units):
    assert import_units(dataset_of([CITY_2025])).ok
    page = staff_client.get(EXPORT_URL)
    form = page.context["form"]
    data = {"format": "1", "resource": "0"}  # formats are CSV, XLSX
    data.update({name: "on" for name in form.fields if name.startswith("unitresource_")})
    response = staff_client.post(EXPORT_URL, data)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    before = counts()
    content = b"".join(response.streaming_content) if response.streaming else response.content
    report = import_units(read_table(upload("export.xlsx", content)))
    assert report.ok, report.errors
    assert (report.created, report.updated, report.unchanged) == (0, 0, Unit.objects.count())
    assert counts() == before


# The admin's unit form


def change_url(unit):
    return reverse("admin:organizations_unit_change", args=[unit.pk])


def test_admin_save_rebuilds_the_tree_and_writes_history(
    staff_client, staff, units, admin_form_data
):
    data = admin_form_data(staff_client.get(change_url(units.bac_son)))
    data["parent_code"] = "305"
    response = staff_client.post(change_url(units.bac_son), data)
    assert response.status_code == 302
    assert tree_on(units.campaign_day).parent(units.bac_son) == units.le_chan
    entry = HistoryEntry.objects.for_object(units.bac_son).get()
    assert (entry.action, entry.actor) == ("changed", staff)
    assert entry.changes == {"parent_code": ["307", "305"]}


def test_admin_form_refuses_an_unknown_parent_and_an_overlap(staff_client, units, admin_form_data):
    data = admin_form_data(staff_client.get(change_url(units.bac_son)))
    response = staff_client.post(change_url(units.bac_son), {**data, "parent_code": "399"})
    assert response.status_code == 200
    assert "Unknown parent" in str(response.context["adminform"].form.errors["parent_code"])

    add = reverse("admin:organizations_unit_add")
    data = admin_form_data(staff_client.get(add))
    data.update(code="11434", name="Phường Bắc Sơn", kind="phuong", parent_code="307")
    data.update(valid_from="2024-01-01", valid_until="2024-12-31")
    response = staff_client.post(add, data)
    assert response.status_code == 200
    assert "also used by Phường Bắc Sơn" in str(response.context["adminform"].form.errors)
    assert Unit.objects.filter(code="11434").count() == 1
    assert not HistoryEntry.objects.filter(action="created").exists()
