"""A district's month of activities entered from one spreadsheet, in a real browser.

An officer of Quận Lê Chân uploads the filled-in template with 20 activities; by mistake
uploads the same file again, is told which rows are already in the portal and declines; then
ticks all 20 drafts in the list at once and submits them for review in one step; the
association's staff find the 20 in the admin's review queue. Every page is checked for CSP
violations (by the fixtures of tests/e2e/conftest.py) and the new ones with axe-core.

Only the campaign is set up in the database; the spreadsheet is written as an officer fills
in the template, with the template's Vietnamese columns.
"""

import datetime

import openpyxl
import pytest
from playwright.sync_api import expect

from campaigns import upload
from campaigns.models import Activity, ActivityState

pytestmark = pytest.mark.e2e

ROWS = 20
KINDS = ["Lễ, mít tinh", "Tuyên truyền", "Đọc sách, thư viện", "Trao thưởng, học bổng"]
WARDS = ["11371", "11404"]  # Phường An Biên, Phường Dư Hàng Kênh


def spreadsheet(path):
    """The template filled in with 20 activities of Quận Lê Chân, 6–25 September 2024."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = upload.DATA_SHEET
    sheet.append(upload.HEADERS)
    for number in range(1, ROWS + 1):
        values = {
            "Tiêu đề": f"Sinh hoạt khuyến học tổ dân phố số {number}",
            "Đơn vị tổ chức (mã)": "305",
            "Nội dung trọng tâm (số)": 1 + number % 8,
            "Loại hoạt động": KINDS[number % len(KINDS)],
            "Ngày bắt đầu": datetime.datetime(2024, 9, 5 + number),
            "Giờ bắt đầu": datetime.time(8, 0),
            "Giờ kết thúc": datetime.time(10, 30),
            "Địa điểm": f"Nhà văn hóa tổ dân phố số {number}",
            "Phường/xã (mã)": WARDS[number % 2],
            "Người liên hệ": "Nguyễn Thị Thu Hà",
            "Điện thoại": "0225 3857 123",
            "Công khai": "Có",
        }
        sheet.append([values.get(header) for header in upload.HEADERS])
    workbook.save(path)
    return path


def upload_file(page, click, path):
    page.get_by_label("Spreadsheet").set_input_files(str(path))
    click(page, page.get_by_role("button", name="Check and import"))


def test_twenty_activities_uploaded_once_and_submitted_in_one_step(
    open_page,
    visit,
    follow,
    sign_in_from,
    screenshot,
    assert_accessible,
    persona_password,
    officer_le_chan,
    staff,
    campaign_2024,
    tmp_path,
):
    officer = open_page(language="en")
    reviewer = open_page(language="en")
    path = spreadsheet(tmp_path / "hoat-dong-le-chan.xlsx")

    # 1. The officer uploads the file: 20 drafts, and a button to submit them all.
    sign_in_from(officer, "/portal/activities/upload/", officer_le_chan, persona_password)
    upload_file(officer, follow, path)
    expect(officer.locator(".messages")).to_contain_text(
        "20 draft activities were created from hoat-dong-le-chan.xlsx"
    )
    created = officer.get_by_role("region", name="20 drafts were created")
    expect(created.locator("tbody tr")).to_have_count(ROWS)
    expect(created.get_by_role("button", name="Submit all 20 for review")).to_be_visible()
    assert_accessible(officer)
    screenshot(officer, "bulk-01-officer-uploaded")
    assert Activity.objects.filter(state=ActivityState.DRAFT).count() == ROWS

    # 2. The same file again: every row is named as already there; the officer declines.
    upload_file(officer, follow, path)
    warning = officer.locator("#upload-repeats")
    expect(warning.get_by_role("heading", level=2)).to_have_text(
        "Nothing is imported yet: 20 rows of hoat-dong-le-chan.xlsx are already in the portal"
    )
    rows = warning.locator("tbody tr")
    expect(rows).to_have_count(ROWS)
    expect(rows.first).to_contain_text("Sinh hoạt khuyến học tổ dân phố số 1")
    expect(rows.first).to_contain_text("Quận Lê Chân")
    expect(rows.first).to_contain_text("06/09/2024")
    expect(rows.first.locator("td").first).to_have_text("2")
    assert_accessible(officer)
    screenshot(officer, "bulk-02-officer-warned")
    follow(officer, warning.get_by_role("button", name="Do not import it"))
    expect(officer.locator(".messages")).to_contain_text(
        "Nothing was imported from hoat-dong-le-chan.xlsx."
    )
    assert Activity.objects.count() == ROWS

    # 3. In the list, one tick selects the 20 drafts and one button submits them.
    follow(
        officer,
        officer.get_by_role("navigation", name="Main menu").get_by_role(
            "link", name="Activities", exact=True
        ),
    )
    ticks = officer.locator("input.select-row")
    expect(ticks).to_have_count(ROWS)
    select_all = officer.get_by_role("checkbox", name="Tick all on this page")
    expect(select_all).to_be_visible()
    assert_accessible(officer)
    select_all.check()
    for index in range(ROWS):
        expect(ticks.nth(index)).to_be_checked()
    screenshot(officer, "bulk-03-officer-ticked")
    follow(officer, officer.get_by_role("button", name="Submit the ticked ones for review"))
    expect(officer.get_by_role("heading", level=1)).to_have_text("Submitted for review")
    done = officer.get_by_role("region", name="20 activities were submitted for review")
    expect(done.locator("tbody tr")).to_have_count(ROWS)
    expect(officer.locator(".bulk-refused")).to_have_count(0)
    assert_accessible(officer)
    screenshot(officer, "bulk-04-officer-submitted")
    assert Activity.objects.filter(state=ActivityState.SUBMITTED).count() == ROWS

    # 4. Staff see the 20 in the review queue.
    sign_in_from(reviewer, "/admin/", staff, persona_password)
    follow(reviewer, reviewer.get_by_role("link", name="Review queue", exact=True))
    expect(reviewer.locator("#result_list tbody tr")).to_have_count(ROWS)
    expect(reviewer.locator("#result_list")).to_contain_text(
        "Sinh hoạt khuyến học tổ dân phố số 20"
    )
    screenshot(reviewer, "bulk-05-staff-review-queue")
