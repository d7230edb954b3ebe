"""The unit tree exported to a spreadsheet (the admin's export and `manage.py export_units`):
a unit named like a formula is text in Excel and imports back as it was, a name stored with
control characters does not stop the export, and an import refuses such a name."""

import csv
import io

import openpyxl
import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils.translation import gettext

from organizations.importing import REQUIRED_COLUMNS, import_units, read_table
from organizations.models import Unit
from tests.organizations.test_unit_import import CITY_2025, dataset_of

FORMULA = '=HYPERLINK("http://example.com/x","Bấm vào đây")'
EXPORT_URL = reverse("admin:organizations_unit_export")


@pytest.fixture
def odd_names(units):
    Unit.objects.filter(pk=units.an_bien.pk).update(name=FORMULA)
    Unit.objects.filter(pk=units.du_hang_kenh.pk).update(name="+SUM(1+1)")
    Unit.objects.filter(pk=units.bac_son.pk).update(name="Phường\x0b Bắc Sơn\x01")
    return units


def xlsx_cells(content):
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    return [cell for row in sheet.iter_rows() for cell in row]


def admin_export(client, file_format):
    page = client.get(EXPORT_URL)
    data = {"format": file_format, "resource": "0"}  # formats are CSV, XLSX
    data.update({name: "on" for name in page.context["form"].fields if "resource_" in name})
    response = client.post(EXPORT_URL, data)
    assert response.status_code == 200
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_admin_xlsx_export_writes_unit_names_as_text(staff_client, odd_names):
    found = xlsx_cells(admin_export(staff_client, "1"))

    assert not [cell.coordinate for cell in found if cell.data_type == "f"]
    assert {FORMULA, "+SUM(1+1)", "Phường Bắc Sơn"} <= {cell.value for cell in found}


def test_admin_csv_export_puts_an_apostrophe_before_formula_like_names(staff_client, odd_names):
    text = admin_export(staff_client, "0").decode("utf-8-sig")
    names = {row["code"]: row["name"] for row in csv.DictReader(io.StringIO(text))}

    assert names["11371"] == "'" + FORMULA
    assert names["11404"] == "'+SUM(1+1)"
    assert names["305"] == "Quận Lê Chân"


def test_export_units_command_writes_names_as_text(odd_names, tmp_path):
    xlsx, text = tmp_path / "units.xlsx", tmp_path / "units.csv"
    call_command("export_units", str(xlsx), stdout=io.StringIO())
    call_command("export_units", str(text), stdout=io.StringIO())

    found = xlsx_cells(xlsx.read_bytes())
    assert not [cell.coordinate for cell in found if cell.data_type == "f"]
    assert {FORMULA, "Phường Bắc Sơn"} <= {cell.value for cell in found}
    names = {row["code"]: row["name"] for row in csv.DictReader(io.StringIO(text.read_text()))}
    assert names["11371"] == "'" + FORMULA


def test_a_csv_export_with_formula_like_names_imports_back_unchanged(units, tmp_path):
    rows = [["11368", "-Phường Cát Dài", "phuong", "305", "", "2024-12-31", "", "=1+1"]]
    assert import_units(dataset_of([*rows, CITY_2025])).ok
    path = tmp_path / "units.csv"
    call_command("export_units", str(path), stdout=io.StringIO())
    assert "'-Phường Cát Dài" in path.read_text()

    report = import_units(read_table(str(path), required_columns=REQUIRED_COLUMNS))

    assert report.ok, report.errors
    assert (report.created, report.updated, report.unchanged) == (0, 0, Unit.objects.count())
    unit = Unit.objects.get(code="11368")
    assert (unit.name, unit.source) == ("-Phường Cát Dài", "=1+1")


def test_an_import_refuses_a_name_with_control_characters(units):
    report = import_units(
        dataset_of([["11368", "Phường\x0b Cát Dài", "phuong", "305", "", "2024-12-31", "", ""]])
    )

    assert [(error.column, error.message) for error in report.errors] == [
        ("name", gettext("The text holds an invisible control character."))
    ]
    assert not Unit.objects.filter(code="11368").exists()
