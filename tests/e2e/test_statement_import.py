"""A bank statement imported in a real browser: the city fund's treasurer uploads the demo's
Vietcombank statement of September 2024, sees the four credits matched to pledges by their
reference, gives one unmatched credit to a new donor and one to a donor already known,
leaves one out, records them and lands on the summary; the same file uploaded again shows
every credit as already recorded. Each page is checked with axe-core, in Vietnamese and in
English, at a desktop's and a phone's width."""

import datetime
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone
from playwright.sync_api import expect

from scholarships import services
from scholarships.models import Donation, Donor, DonorKind, Fund, PublicDisplay

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("pending_uploads")]

SAMPLE = (
    Path(__file__).resolve().parents[2]
    / "scholarships/demo/data/statements/vietcombank-2024-09.xlsx"
)


# What the books keep is never deleted (the triggers of scholarships' migrations 0002, 0004
# and 0005), and the live server's database is emptied with DELETE on SQLite (PostgreSQL
# truncates, which no row trigger sees). After the test the rows are taken out with the
# triggers set aside for the moment, and the triggers put back as they were.
_BOOKS = [
    "scholarships_statementcredit",
    "scholarships_bankstatement",
    "scholarships_donation",
    "scholarships_ledgerentry",
]


@pytest.fixture
def _books_emptied_after(live_server):
    yield
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN "
            f"({', '.join('%s' for _ in _BOOKS)})",
            _BOOKS,
        )
        triggers = cursor.fetchall()
        for name, _sql in triggers:
            cursor.execute(f'DROP TRIGGER "{name}"')
        for table in _BOOKS:
            cursor.execute(f'DELETE FROM "{table}"')
        for _name, sql in triggers:
            cursor.execute(sql)


@pytest.fixture
def city_fund_with_five_pledges(units, treasurer):
    """The city fund with pledges QKH 2024 000001 to 000005, as the sample names them."""
    fund = Fund.objects.create(
        unit=units.association,
        name="Quỹ Khuyến học, khuyến tài thành phố Hải Phòng",
        bank_name="Vietcombank",
        bank_bin="970436",
        account_number="0031000123456",
        account_name="HOI KHUYEN HOC TP HAI PHONG",
        reference_prefix="QKH",
    )
    people = [
        Donor.objects.create(kind=kind, name=name, public_display=PublicDisplay.NAME_AND_AMOUNT)
        for kind, name in [
            (DonorKind.INDIVIDUAL, "Phạm Thị Thu"),
            (DonorKind.BUSINESS, "Công ty TNHH Thép Hải Phòng"),
            (DonorKind.BUSINESS, "Công ty Cổ phần Cảng Hải Phòng"),
            (DonorKind.ORGANISATION, "Công đoàn ngành Giáo dục Hải Phòng"),
            (DonorKind.INDIVIDUAL, "Trần Thị Hoa"),
        ]
    ]
    at = timezone.make_aware(datetime.datetime(2024, 8, 20, 9, 0))
    for donor, amount in zip(people, (2_000_000, 3_000_000, 5_000_000, 10_000_000, 1_000_000),
                             strict=True):  # fmt: skip
        services.pledge(
            fund, donor=donor, amount=amount, due_on=datetime.date(2024, 10, 5),
            by=treasurer, at=at,
        )  # fmt: skip
    return fund


def submit(page, follow):
    follow(page, page.locator("main form button[type=submit]").first)


@pytest.mark.usefixtures("_books_emptied_after")
@pytest.mark.parametrize(
    ("language", "phone"),
    [("vi", False), ("en", False), ("vi", True)],
    ids=["vi-desktop", "en-desktop", "vi-phone"],
)
def test_a_treasurer_imports_the_september_statement(
    live_server,
    open_page,
    follow,
    sign_in_from,
    screenshot,
    assert_accessible,
    persona_password,
    treasurer,
    city_fund_with_five_pledges,
    language,
    phone,
):
    fund = city_fund_with_five_pledges
    size = {"width": 390, "height": 844, "mobile": True} if phone else {}
    page = open_page(language="en", **size)
    name = f"statement-{language}-{'phone' if phone else 'desktop'}"
    sign_in_from(page, f"/portal/fund/{fund.pk}/statements/", treasurer, persona_password)
    # The sign-in form is found by its English labels; then the language of the test.
    page.context.add_cookies([{"name": "portal_language", "value": language, "url": page.url}])
    page.reload()
    assert_accessible(page)
    follow(page, page.locator(f"a[href='/portal/fund/{fund.pk}/statements/upload/']").first)
    assert_accessible(page)
    screenshot(page, f"{name}-1-upload")

    page.locator("input[name=file]").set_input_files(str(SAMPLE))
    page.locator("input[name=layout][value=vietcombank]").check()
    submit(page, follow)
    lines = page.locator(".statement-line")
    expect(lines).to_have_count(7)
    expect(page.locator(".statement-line--matched")).to_have_count(4)
    assert_accessible(page)
    screenshot(page, f"{name}-2-preview")

    # Each credit shows the fields of the way chosen for it, and only those.
    expect(page.locator("select[name=donor_8]")).to_be_hidden()  # a matched pledge
    expect(page.locator("input[name=name_11]")).to_be_hidden()  # left out, for now
    page.locator("input[name=choice_11][value=new]").check()
    expect(page.locator("select[name=donor_11]")).to_be_hidden()
    expect(page.locator("input[name=name_11]")).to_be_visible()
    page.locator("input[name=name_11]").fill("Nguyễn Văn An")
    page.locator("select[name=kind_11]").select_option("individual")
    page.locator("input[name=choice_13][value=donor]").check()
    expect(page.locator("input[name=name_13]")).to_be_hidden()
    page.locator("select[name=donor_13]").select_option(label="Công đoàn ngành Giáo dục Hải Phòng")
    submit(page, follow)
    expect(page.locator(".statement-list tbody tr")).to_have_count(6)
    assert_accessible(page)
    screenshot(page, f"{name}-3-summary")
    assert Donation.objects.filter(fund=fund).count() == 6

    follow(page, page.locator(f"a[href='/portal/fund/{fund.pk}/statements/upload/']").first)
    page.locator("input[name=file]").set_input_files(str(SAMPLE))
    submit(page, follow)
    expect(page.locator(".statement-line--recorded")).to_have_count(6)
    screenshot(page, f"{name}-4-again")
    submit(page, follow)
    follow(page, page.locator(f"a[href='/portal/fund/{fund.pk}/statements/']").last)
    expect(page.locator(".statement-list tbody tr")).to_have_count(2)
    assert_accessible(page)
    screenshot(page, f"{name}-5-list")
    assert Donation.objects.filter(fund=fund).count() == 6
