"""A commune's list of recognised learning families sent from Excel, in a real browser.

An officer of Quận Lê Chân opens the families, clans and villages page, downloads nothing
(the template is the admin's), uploads a list for Phường An Biên with one row of Phường Bắc
Sơn (Kiến An) by mistake, is told the line and column "Mã xã" and nothing is written; uploads
the corrected list, sees the three rows that would be added, imports them and finds the
ward's year on the list page. The new pages are checked with axe-core, at a desktop's and a
phone's width.
"""

import openpyxl
import pytest
from playwright.sync_api import expect

from learning_models.models import RecognisedHousehold
from learning_models.resources import HOUSEHOLD_COLUMNS

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("pending_uploads")]

AN_BIEN = [
    ("11371", "2024", "Gia đình học tập", "Nguyễn Văn An", "Tổ dân phố 1", "12/QĐ-UBND", "có", ""),
    ("11371", "2024", "Gia đình học tập", "Trần Thị Bình", "Tổ dân phố 2", "12/QĐ-UBND", "", ""),
    ("11371", "2024", "Dòng họ học tập", "Dòng họ Vũ", "Tổ dân phố 3", "", "không", ""),
]
BAC_SON = ("11434", "2024", "Gia đình học tập", "Lê Văn Cường", "Tổ dân phố 4", "", "có", "")


def workbook(path, rows):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(list(HOUSEHOLD_COLUMNS))
    for row in rows:
        sheet.append(list(row))
    book.save(path)
    return path


def send(page, follow, path):
    page.get_by_label("List of recognised families, clans, villages and citizens").check()
    page.get_by_label("The file").set_input_files(str(path))
    follow(page, page.get_by_role("button", name="Check the file"))


@pytest.mark.parametrize("phone", [False, True], ids=["desktop", "phone"])
def test_an_officer_sends_a_wards_list_after_correcting_it(
    open_page,
    follow,
    sign_in_from,
    screenshot,
    assert_accessible,
    persona_password,
    officer_le_chan,
    units,
    tmp_path,
    phone,
):
    size = {"width": 390, "height": 844, "mobile": True} if phone else {}
    page = open_page(language="en", **size)
    suffix = "phone" if phone else "desktop"
    sign_in_from(page, "/portal/learning-models/households/", officer_le_chan, persona_password)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Families, clans, villages and citizens"
    )
    assert_accessible(page)
    follow(page, page.get_by_role("link", name="Upload a list from Excel").first)
    assert_accessible(page)

    send(page, follow, workbook(tmp_path / "sai.xlsx", [*AN_BIEN, BAC_SON]))
    refused = page.locator("#upload-errors")
    expect(refused.get_by_role("heading", level=2)).to_contain_text("Nothing was imported")
    row = refused.locator("tbody tr")
    expect(row).to_have_count(1)
    expect(row.locator("td").nth(0)).to_have_text("5")
    expect(row.locator("td").nth(1)).to_have_text("Mã xã")
    assert_accessible(page)
    screenshot(page, f"households-01-refused-{suffix}")
    assert not RecognisedHousehold.objects.exists()

    follow(page, page.get_by_role("link", name="Upload a corrected file"))
    send(page, follow, workbook(tmp_path / "danh-sach-an-bien.xlsx", AN_BIEN))
    expect(page.locator("table.upload-preview tbody tr")).to_have_count(3)
    assert_accessible(page)
    screenshot(page, f"households-02-preview-{suffix}")
    assert not RecognisedHousehold.objects.exists()

    follow(page, page.get_by_role("button", name="Import these rows"))
    expect(page.locator(".messages")).to_contain_text("3 rows added, 0 updated, 0 unchanged")
    expect(page.locator("table.lm-households")).to_contain_text("Phường An Biên")
    assert_accessible(page)
    screenshot(page, f"households-03-list-{suffix}")
    assert RecognisedHousehold.objects.count() == 3
