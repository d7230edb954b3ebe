"""Files made to hurt the server are refused quickly and cheaply, by every import.

A 2 KB workbook that claims a million rows, one that unpacks to gigabytes of blanks, a shared
text of 64 MB, a zip that lies about its sizes, a CSV of endless lines: read_table refuses
each within a second or two and a few MB, with a message that says what was too big, and the
unit import (command and admin page) writes nothing. The hostile files are built by
tests/hostile_tables.py in the test itself.
"""

import ast
import io
from pathlib import Path

import openpyxl
import pytest
from django.contrib import admin
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from import_export.admin import ImportMixin

from common.models import HistoryEntry
from common.spreadsheets.formats import CSV, XLSX, GuardedFormat
from organizations.importing import COLUMNS, TableError, data_rows, read_table
from organizations.models import Unit, UnitPredecessor
from tests.hostile_tables import (
    CSV_ATTACKS,
    WORKBOOK_ATTACKS,
    hostile_csv,
    hostile_workbook,
    measure,
)
from tests.organizations.unit_tables import table_csv, table_xlsx, upload

ROOT = Path(__file__).resolve().parent.parent.parent
MB = 1024 * 1024
SECONDS = 2  # generous: each refusal takes a few milliseconds on a quiet machine
PEAK = 50 * MB

WORKBOOKS = list(WORKBOOK_ATTACKS)
CSVS = list(CSV_ATTACKS)


pytestmark = pytest.mark.usefixtures("_english")


def hostile(name):
    """(file name, content, words of the refusal) of the hostile file `name`."""
    if name in WORKBOOK_ATTACKS:
        return "units.xlsx", hostile_workbook(name, COLUMNS), WORKBOOK_ATTACKS[name][1]
    return "units.csv", hostile_csv(name, COLUMNS), CSV_ATTACKS[name][1]


def counts():
    return (Unit.objects.count(), UnitPredecessor.objects.count(), HistoryEntry.objects.count())


def assert_refused_cheaply(seconds, peak, result, words):
    assert isinstance(result, TableError | CommandError), result
    assert words in str(result)
    assert seconds < SECONDS
    assert peak < PEAK, f"{peak / MB:.0f} MB"


# The reader


@pytest.mark.parametrize("name", WORKBOOKS + CSVS)
def test_read_table_refuses_a_hostile_file_quickly_and_cheaply(name):
    filename, content, words = hostile(name)

    seconds, peak, result = measure(lambda: read_table(content, filename=filename))

    assert_refused_cheaply(seconds, peak, result, words)


@pytest.mark.parametrize("format_class", [CSV, XLSX])
def test_the_admin_import_formats_read_through_the_same_limits(format_class):
    _name, content, words = hostile("claimed range" if format_class is XLSX else "empty lines")
    if format_class is CSV:
        content = content.decode()

    seconds, peak, result = measure(lambda: format_class().create_dataset(content))

    assert_refused_cheaply(seconds, peak, result, words)
    good = table_xlsx([["31", "Thành phố Hải Phòng"]], ["code", "name"])
    if format_class is CSV:
        good = table_csv([["31", "Thành phố Hải Phòng"]], ["code", "name"]).decode()
    dataset = format_class().create_dataset(good)
    assert (dataset.headers, list(dataset)) == (["code", "name"], [("31", "Thành phố Hải Phòng")])


def test_a_table_right_at_the_limits_is_read():
    header = [f"c{number}" for number in range(1, 101)]
    rows = [["x" * 32_767, *["1"] * 99], ["2"] * 100]
    for content, name in ((table_xlsx(rows, header), "t.xlsx"), (table_csv(rows, header), "t.csv")):
        dataset = read_table(content, filename=name, max_rows=2)
        assert len(dataset.headers) == 100
        assert [len(values[0]) for values in dataset] == [32_767, 1]


def test_blank_rows_below_the_table_count_towards_the_rows():
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["code", "name"])
    sheet.append(["31", "Thành phố Hải Phòng"])
    sheet["A4"].number_format = "@"  # a formatted cell: a row that looks empty
    out = io.BytesIO()
    workbook.save(out)

    assert [line for line, _row in data_rows(read_table(out.getvalue(), max_rows=3))] == [2]
    with pytest.raises(TableError, match=r"at most 2 can be imported.*look empty count too"):
        read_table(out.getvalue(), max_rows=2)
    with pytest.raises(TableError, match="at most 2 can be"):
        read_table(b"code,name\n31,x\n\n\n", filename="t.csv", max_rows=2)


def test_the_limits_are_settings(settings):
    settings.TABLE_IMPORT_MAX_COLUMNS = 3
    with pytest.raises(TableError, match="Line 1 goes on past column C"):
        read_table(table_xlsx([], ["a", "b", "c", "d"]), filename="t.xlsx")
    assert read_table(table_csv([], ["a", "b", "c"]), filename="t.csv").headers == ["a", "b", "c"]

    settings.TABLE_IMPORT_MAX_CELL_CHARS = 10
    with pytest.raises(TableError, match="Line 2, column B holds more than 10 characters"):
        read_table(table_csv([["1", "Thành phố Hải Phòng"]], ["a", "b"]), filename="t.csv")

    settings.TABLE_IMPORT_MAX_UNPACKED_BYTES = 4096
    with pytest.raises(TableError, match="unpacks to more than 1 MB"):
        read_table(table_xlsx([["1", "Hải Phòng"]], ["a", "b"]), filename="t.xlsx")


def test_a_workbook_is_read_as_openpyxl_reads_it():
    workbook = openpyxl.Workbook()
    workbook.epoch = openpyxl.utils.datetime.CALENDAR_MAC_1904
    sheet = workbook.active
    sheet.append(["code", "from", "at", "public", "note"])
    sheet.append([31.0, openpyxl.utils.datetime.from_excel(45000), "08:30", True, "=1+1"])
    sheet["B2"].number_format = "dd/mm/yyyy"
    rich = openpyxl.cell.rich_text
    bold = rich.TextBlock(openpyxl.cell.text.InlineFont(b=True), "Khuyến học")
    sheet["E3"] = rich.CellRichText("Hội ", bold)
    out = io.BytesIO()
    workbook.save(out)

    dataset = read_table(out.getvalue(), filename="t.xlsx")

    assert list(data_rows(dataset)) == [
        (2, {"code": "31", "from": "2023-03-15", "at": "08:30", "public": "TRUE", "note": ""}),
        (3, {"code": "", "from": "", "at": "", "public": "", "note": "Hội Khuyến học"}),
    ]


# The unit import: the command and the admin's page


@pytest.mark.django_db
@pytest.mark.parametrize("name", WORKBOOKS + CSVS)
def test_import_units_command_refuses_a_hostile_file_and_writes_nothing(name, units, tmp_path):
    filename, content, words = hostile(name)
    path = tmp_path / filename
    path.write_bytes(content)
    before = counts()

    seconds, peak, result = measure(lambda: call_command("import_units", str(path)))

    assert_refused_cheaply(seconds, peak, result, words)
    assert counts() == before


@pytest.mark.django_db
@pytest.mark.parametrize("name", WORKBOOKS + CSVS)
def test_admin_unit_import_refuses_a_hostile_file_and_writes_nothing(name, superuser_client, units):
    filename, content, words = hostile(name)
    before = counts()
    page = reverse("admin:organizations_unit_import")
    assert superuser_client.get(page).status_code == 200

    seconds, peak, response = measure(
        lambda: superuser_client.post(
            page, {"resource": "0", "import_file": upload(filename, content)}
        )
    )

    assert response.status_code == 200
    assert words in str(response.context["form"].errors["import_file"])
    assert "confirm_form" not in response.context
    assert seconds < SECONDS
    assert peak < PEAK, f"{peak / MB:.0f} MB"
    assert counts() == before


# One door: every import reads a person's file through read_table


APPS = ("config", "common", "organizations", "campaigns", "learning_models", "scholarships")
# Reading a file is done only here: the reader itself, and a maintainer's script that derives
# the shipped lists of organizations/data from the files beside it (no upload reaches it).
READERS = {
    "common/spreadsheets/reading.py",
    "common/spreadsheets/xlsx.py",
    "common/spreadsheets/zipped.py",
    "organizations/data/derive_hai_duong.py",
}
PARSERS = {"load_workbook", "reader", "DictReader", "import_set", "import_book", "ZipFile"}


def parser_calls():
    """(file, name) for every call in the apps that could parse a file on its own."""
    found = []
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Call):
                    function = node.func
                    name = getattr(function, "attr", None) or getattr(function, "id", None)
                    if name in PARSERS or (name == "load" and "dataset" in ast.unparse(function)):
                        found.append((path.relative_to(ROOT).as_posix(), name))
    return found


def test_the_scan_finds_the_readers_own_parsing():
    assert ("common/spreadsheets/reading.py", "reader") in parser_calls()


def test_no_module_parses_a_spreadsheet_but_the_reader():
    assert [(path, name) for path, name in parser_calls() if path not in READERS] == []


def test_every_admin_import_reads_through_read_table():
    importers = [
        model_admin
        for model_admin in admin.site._registry.values()
        if isinstance(model_admin, ImportMixin)
    ]
    assert importers  # the unit admin at least
    for model_admin in importers:
        formats = model_admin.get_import_formats()
        assert formats
        assert all(issubclass(format_class, GuardedFormat) for format_class in formats)
