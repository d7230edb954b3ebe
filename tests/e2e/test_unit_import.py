"""The unit import in the admin, as the association's staff use it: django-import-export's
upload page, its preview and its confirmation, in the admin's default Vietnamese, under the
strict CSP, each step passing axe-core's WCAG 2.2 A and AA rules on a tablet.

A file with a bad row is refused whole, its rows listed by spreadsheet line; a good file is
previewed, confirmed, and its units are in the list with the message of how many."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from common.models import HistoryEntry
from organizations.models import Unit
from tests.e2e.conftest import WCAG22_TAGS
from tests.organizations.unit_tables import table_csv, table_xlsx

pytestmark = pytest.mark.e2e

TABLET = {"width": 820, "height": 1180}
BAD_ROWS = [
    ["11368", "Phường Cát Dài", "phuong", "305", "", "2024-12-31", "", ""],
    ["11374", "Phường Lam Sơn", "phuong", "399", "", "2024-12-31", "", ""],  # unknown parent
    ["11380", "", "phuong", "305", "", "2024-12-31", "", ""],  # empty name
]
GOOD_ROWS = [
    ["11368", "Phường Cát Dài", "phuong", "305", "", "2024-12-31", "", "DMĐVHC 01/11/2024"],
    ["11371", "Phường An Biên (đổi tên)", "phuong", "305", "", "2025-06-30", "", ""],
]


def choose_file(page, name, content, mime):
    page.set_input_files("#id_import_file", {"name": name, "mimeType": mime, "buffer": content})


def test_staff_import_units_through_the_preview(
    open_page, visit, log_in, staff, persona_password, units, assert_accessible, screenshot
):
    page = open_page(**TABLET, mobile=True)
    log_in(page, staff, persona_password)
    visit(page, reverse("admin:organizations_unit_import"))
    screenshot(page, "unit-import-upload")
    assert_accessible(page, tags=WCAG22_TAGS)
    expect(page.locator("h1")).to_have_text("Nhập danh sách đơn vị")

    xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    choose_file(page, "don-vi.xlsx", table_xlsx(BAD_ROWS, dates=True), xlsx)
    with page.expect_navigation():
        page.get_by_role("button", name="Kiểm tra tệp").click()
    screenshot(page, "unit-import-errors")
    assert_accessible(page, tags=WCAG22_TAGS)
    lines = page.locator("#import-errors tbody tr td:first-child")
    expect(lines).to_have_text(["3", "4"])
    expect(page.locator("#import-errors")).to_contain_text("399")
    assert not Unit.objects.filter(code="11368").exists()

    choose_file(page, "don-vi.csv", table_csv(GOOD_ROWS), "text/csv")
    with page.expect_navigation():
        page.get_by_role("button", name="Kiểm tra tệp").click()
    screenshot(page, "unit-import-preview")
    assert_accessible(page, tags=WCAG22_TAGS)
    expect(page.locator("#import-preview tbody tr")).to_have_count(2)
    assert not Unit.objects.filter(code="11368").exists()

    with page.expect_navigation():
        page.get_by_role("button", name="Xác nhận nhập").click()
    assert page.url.endswith(reverse("admin:organizations_unit_changelist"))
    screenshot(page, "unit-import-done")
    assert_accessible(page, tags=WCAG22_TAGS)
    expect(page.locator(".messagelist .success")).to_contain_text("tạo mới 1 đơn vị, cập nhật 1")
    ward = Unit.objects.get(code="11368")
    assert HistoryEntry.objects.for_object(ward).get().reason == "Nhập từ tệp don-vi.csv"
    assert Unit.objects.get(pk=units.an_bien.pk).name == "Phường An Biên (đổi tên)"
