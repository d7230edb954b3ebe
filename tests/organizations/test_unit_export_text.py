"""The unit tree exported to a spreadsheet (the admin's export and `manage.py export_units`):
a unit named like a formula is text in Excel, and a name stored with control characters
does not stop the export."""

import csv
import io

import openpyxl
import pytest
from django.core.management import call_command
from django.urls import reverse

from organizations.models import Unit

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
