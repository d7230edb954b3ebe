"""The fund's receipt in a real browser: the city's treasurer signs in, records a gift of a
new donor who stays anonymous (the amount written "1,5 triệu"), lands on its receipt and
prints it (print media, A5 portrait, as a PDF); a citizen who is not signed in types the
receipt's number and code on the public check page and sees it confirmed, the donor as an
anonymous one; the fund's balance in the portal and the public disclosure's totals show
the gift. Every page without a CSP or axe-core
violation; the fund's pages at desktop and phone widths, in Vietnamese and English."""

import datetime
import re

import pytest
from django.db import connection, transaction
from playwright.sync_api import expect

from scholarships import services
from scholarships.models import Donor, DonorKind, Fund, Method, PublicDisplay

pytestmark = pytest.mark.e2e


@pytest.fixture(autouse=True)
def _fund_books_emptied(live_server):
    """After each test, empty the fund's append-only tables before the live server's
    database is flushed: on SQLite the flush deletes rows, which their triggers refuse
    (PostgreSQL's flush truncates, which they allow). The triggers are put back as they
    were."""
    yield
    if connection.vendor != "sqlite":
        return
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger' "
            "AND name LIKE '%no_delete'"
        )
        triggers = cursor.fetchall()
        for name, table, _sql in triggers:
            cursor.execute(f'DROP TRIGGER "{name}"')
            cursor.execute(f'DELETE FROM "{table}"')
        for _name, _table, sql in triggers:
            cursor.execute(sql)


PRIVATE_PHONE = "0912 345 999"
PRIVATE_ADDRESS = "Số 7 ngõ 12 Văn Cao, Ngô Quyền"


@pytest.fixture
def receipt_fund(units):
    return Fund.objects.create(
        unit=units.association,
        name="Quỹ Khuyến học, khuyến tài thành phố Hải Phòng",
        bank_name="Vietcombank",
        bank_bin="970436",
        account_number="0031000123456",
        account_name="HOI KHUYEN HOC TP HAI PHONG",
    )


def test_a_treasurer_records_and_prints_a_receipt_a_citizen_checks_it(
    page, open_page, log_in, visit, follow, treasurer, persona_password, receipt_fund,
    assert_accessible, screenshot,
):  # fmt: skip
    citizen = open_page()
    visit(citizen, "/fund/")
    held = citizen.locator(".fund-headline div", has_text="các quỹ hiện đang giữ").locator("dd")
    expect(held).to_have_text("0\u00a0₫")
    expect(citizen.locator("#gifts-heading + p + .panel")).to_contain_text("Chưa có khoản")

    log_in(page, treasurer, persona_password)
    visit(page, f"/portal/fund/{receipt_fund.pk}/donations/new/")
    assert_accessible(page)
    expect(page.locator("#id_donor_choice_1")).to_be_checked()  # a new donor
    expect(page.locator("#id_public_display_2")).to_be_checked()  # anonymous by default
    page.select_option("#id_kind", "individual")
    page.fill("#id_name", "Lê Văn Kiên")
    page.fill("#id_address", PRIVATE_ADDRESS)
    page.fill("#id_phone", PRIVATE_PHONE)
    page.fill("#id_amount", "1,5 triệu")
    follow(page, page.locator("form.form button[type=submit]"))

    assert re.search(r"/portal/fund/receipts/\d+/$", page.url), page.url
    expect(page.locator(".message--success")).to_contain_text("Đã ghi sổ khoản ủng hộ")
    receipt = page.locator(".fund-receipt")
    expect(receipt).to_contain_text("BIÊN NHẬN")
    expect(receipt).to_contain_text("GIẤY XÁC NHẬN ỦNG HỘ QUỸ KHUYẾN HỌC")
    expect(receipt).to_contain_text("1.500.000\u00a0₫")
    expect(receipt).to_contain_text("Một triệu năm trăm nghìn đồng")
    expect(receipt).to_contain_text("Lê Văn Kiên")  # the staff view: the real name
    expect(receipt).to_contain_text("Đỗ Thị Mai")  # the treasurer
    expect(receipt).to_contain_text("/fund/receipts/check/")
    expect(page.locator("[data-print]")).to_be_visible()  # the print script ran
    assert_accessible(page)
    number = page.locator("[data-receipt-number]").inner_text().strip()
    code = page.locator("[data-receipt-code]").inner_text().strip()
    assert number == f"{datetime.date.today().year}/000001"
    assert re.fullmatch(r"[2-9A-Z]{6}", code)
    screenshot(page, "fund-receipt-screen")

    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator(".fund-no-print").first).to_be_hidden()
    screenshot(page, "fund-receipt-print")
    pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    assert pdf.startswith(b"%PDF")
    pages = re.findall(rb"/Type\s*/Page(?![s\w])", pdf)
    assert len(pages) == 1, "the receipt prints on one sheet"
    box = re.search(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", pdf)
    assert box
    assert abs(float(box[1]) - 419.5) < 2
    assert abs(float(box[2]) - 595.3) < 2
    page.emulate_media(media="screen")

    visit(citizen, "/fund/receipts/check/")
    citizen.fill("#id_number", number)
    citizen.fill("#id_code", code)
    follow(citizen, citizen.locator("form.fund-check-form button[type=submit]"))
    result = citizen.locator(".fund-check")
    expect(result).to_contain_text("Biên nhận này hợp lệ")
    expect(result).to_contain_text("Nhà hảo tâm giấu tên")
    expect(result).to_contain_text("1.500.000\u00a0₫")
    text = citizen.content()
    for private in ("Lê Văn Kiên", PRIVATE_PHONE, PRIVATE_ADDRESS, "Đỗ Thị Mai"):
        assert private not in text
    assert_accessible(citizen)
    screenshot(citizen, "fund-receipt-check")

    visit(page, "/portal/fund/")
    expect(page.locator(f"tr[data-fund='{receipt_fund.pk}']")).to_contain_text("1.500.000\u00a0₫")

    # The public disclosure, cached for the citizen a moment ago, shows the gift at once:
    # the fund's balance, the year's total and the latest gifts, the donor anonymous.
    visit(citizen, "/fund/")
    expect(held).to_have_text("1.500.000\u00a0₫")
    year_row = citizen.locator("table[aria-labelledby=years-heading] tbody tr").first
    expect(year_row).to_contain_text(str(datetime.date.today().year))
    expect(year_row).to_contain_text("1.500.000\u00a0₫")
    expect(citizen.locator(".fund-balances tbody tr").first).to_contain_text("1.500.000\u00a0₫")
    gift = citizen.locator(".fund-gifts__item").first
    expect(gift).to_contain_text("Nhà hảo tâm giấu tên")
    expect(gift).to_contain_text("1.500.000\u00a0₫")
    text = citizen.content()
    for private in ("Lê Văn Kiên", PRIVATE_PHONE, PRIVATE_ADDRESS, "Đỗ Thị Mai"):
        assert private not in text
    assert_accessible(citizen)
    screenshot(citizen, "fund-disclosure-after-gift")


@pytest.fixture
def fund_books(receipt_fund, treasurer):
    """A fund with a few gifts (one reversed, one restricted, one in kind) and a pledge."""
    donors = [
        Donor.objects.create(kind=DonorKind.BUSINESS, name="Công ty Cổ phần Cảng Hải Phòng",
                             public_display=PublicDisplay.NAME_AND_AMOUNT),
        Donor.objects.create(kind=DonorKind.INDIVIDUAL, name="Trần Thị Hoa",
                             email="hoa.tran@example.com"),
    ]  # fmt: skip
    gifts = [
        services.donate(receipt_fund, donor=donors[0], amount=50_000_000, method=Method.TRANSFER,
                        by=treasurer, purpose="Học bổng Hoa Phượng Đỏ"),
        services.donate(receipt_fund, donor=donors[1], amount=2_000_000, method=Method.CASH,
                        by=treasurer),
        services.donate(receipt_fund, donor=donors[0], amount=15_000_000, method=Method.IN_KIND,
                        in_kind="10 xe đạp cho học sinh vượt khó", by=treasurer),
    ]  # fmt: skip
    services.reverse(gifts[1].entry, by=treasurer, reason="Ghi nhầm số tiền.")
    pledge = services.pledge(
        receipt_fund, donor=donors[1], amount=10_000_000, due_on=datetime.date(2024, 10, 5),
        by=treasurer, note="Cam kết tại lễ phát động.",
    )  # fmt: skip
    services.donate(receipt_fund, donor=donors[1], amount=4_000_000, method=Method.TRANSFER,
                    by=treasurer, pledge=pledge)  # fmt: skip
    return {"fund": receipt_fund, "gifts": gifts, "pledge": pledge}


@pytest.mark.parametrize(
    ("language", "width", "height"),
    [("vi", 1280, 900), ("en", 1280, 900), ("vi", 390, 844), ("en", 390, 844)],
    ids=["vi-desktop", "en-desktop", "vi-phone", "en-phone"],
)
def test_the_fund_pages_read_well(
    open_page, log_in, visit, treasurer, persona_password, fund_books, assert_accessible,
    screenshot, language, width, height,
):  # fmt: skip
    page = open_page(width=width, height=height, language=language, mobile=width < 500)
    log_in(page, treasurer, persona_password)
    fund, pledge = fund_books["fund"], fund_books["pledge"]
    pages = {
        "funds": "/portal/fund/",
        "fund": f"/portal/fund/{fund.pk}/",
        "donation-new": f"/portal/fund/{fund.pk}/donations/new/",
        "receipt": f"/portal/fund/receipts/{fund_books['gifts'][1].pk}/",
        "reverse": f"/portal/fund/entries/{fund_books['gifts'][0].entry.pk}/reverse/",
        "pledges": f"/portal/fund/{fund.pk}/pledges/",
        "pledge": f"/portal/fund/pledges/{pledge.pk}/",
        "pledge-new": f"/portal/fund/{fund.pk}/pledges/new/",
        "overdue": "/portal/fund/pledges/overdue/",
        "check": "/fund/receipts/check/",
    }
    for name, path in pages.items():
        visit(page, path)
        assert_accessible(page)
        overflow = page.evaluate("() => document.documentElement.scrollWidth - innerWidth")
        assert overflow <= 1, f"{name} is wider than the screen by {overflow}px"
        screenshot(page, f"fund-{name}-{language}-{width}")
