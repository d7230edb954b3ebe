"""What people typed reaches the spreadsheets staff and officers open as text: an activity or
a unit named like a formula stays words in the admin's export and in the officers' Excel
template, and control characters stored before they were refused do not break either.
Fixtures: tests/campaigns/fixtures_admin.py."""

import csv
import io

import openpyxl
import pytest
from django.urls import reverse

from campaigns.models import Activity, ActivityState
from organizations.models import Unit
from tests.campaigns import fixtures_admin
from tests.campaigns.fixtures_admin import EXPORT

campaign = fixtures_admin.campaign
activity = fixtures_admin.activity

FORMULAS = [
    '=HYPERLINK("http://example.com/x","Bấm vào đây")',
    "=cmd|' /C calc'!A0",
    "+SUM(1+1)",
    "@SUM(1)",
    "-2+3",
]


def export(client, file_format):
    page = client.get(EXPORT)
    data = {"format": file_format, "resource": "0"}  # formats are XLSX, CSV
    data.update({name: "on" for name in page.context["form"].fields if "resource_" in name})
    response = client.post(EXPORT, data)
    assert response.status_code == 200
    return b"".join(response.streaming_content) if response.streaming else response.content


def cells(content):
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    return [cell for row in sheet.iter_rows() for cell in row]


@pytest.fixture
def formula_titles(activity):
    return [activity(ActivityState.SUBMITTED, title=title) for title in FORMULAS]


def test_xlsx_export_writes_formula_like_titles_as_the_text_typed(staff_client, formula_titles):
    found = cells(export(staff_client, "0"))

    assert not [cell.coordinate for cell in found if cell.data_type == "f"]
    assert {cell.value for cell in found} >= set(FORMULAS)


def test_csv_export_puts_an_apostrophe_before_formula_like_titles(staff_client, formula_titles):
    rows = list(csv.DictReader(io.StringIO(export(staff_client, "1").decode("utf-8-sig"))))

    assert sorted(row["title"] for row in rows) == sorted("'" + title for title in FORMULAS)
    assert all(row["start date"] == "15/09/2024" for row in rows)  # dates are left alone


def test_a_title_with_a_stored_control_character_still_exports(staff_client, activity):
    stored = activity(ActivityState.SUBMITTED, title="Lễ phát động")
    Activity.objects.filter(pk=stored.pk).update(title="Lễ phát\x0b động\x01")

    found = cells(export(staff_client, "0"))

    assert "Lễ phát động" in {cell.value for cell in found}


# --- the officers' Excel template -----------------------------------------------------------


def template(client):
    response = client.get(reverse("campaigns_portal:upload-template"))
    assert response.status_code == 200
    return openpyxl.load_workbook(io.BytesIO(response.content))


def test_a_unit_named_like_a_formula_is_text_in_the_template(
    officer_le_chan_client, campaign, units
):
    Unit.objects.filter(pk=units.an_bien.pk).update(name=FORMULAS[0])
    campaign.focus_areas.filter(position=1).update(title="=1+1")

    guide = template(officer_le_chan_client)["Hướng dẫn"]

    found = [cell for row in guide.iter_rows() for cell in row]
    assert not [cell.coordinate for cell in found if cell.data_type == "f"]
    values = {cell.value for cell in found}
    assert FORMULAS[0] in values
    assert "=1+1" in values


def test_a_stored_unit_code_with_control_characters_does_not_break_the_template(
    officer_le_chan_client, campaign, units
):
    Unit.objects.filter(pk=units.an_bien.pk).update(code="113\x01\x1f71\x7f")

    guide = template(officer_le_chan_client)["Hướng dẫn"]

    assert "11371" in {cell.value for row in guide.iter_rows() for cell in row}
