"""The fund's shared fixtures: the city's fund with its bank account, a district's fund and
its treasurer, a donor who chose to stay anonymous (with private details the public pages
must never show) and one who chose to be named with the amount."""

import pytest

from organizations.models import Role
from scholarships.models import Donor, DonorKind, Fund, PublicDisplay


@pytest.fixture
def fund(units):
    return Fund.objects.create(
        unit=units.association,
        name="Quỹ Khuyến học, khuyến tài thành phố Hải Phòng",
        bank_name="Vietcombank",
        bank_bin="970436",
        account_number="0031000123456",
        account_name="HOI KHUYEN HOC TP HAI PHONG",
        reference_prefix="QKH",
    )


@pytest.fixture
def district_fund(units):
    return Fund.objects.create(
        unit=units.le_chan,
        name="Quỹ Khuyến học quận Lê Chân",
        bank_name="BIDV",
        bank_bin="970418",
        account_number="21510000123456",
        account_name="HOI KHUYEN HOC QUAN LE CHAN",
        reference_prefix="KHLC",
    )


@pytest.fixture
def district_treasurer(units, make_person):
    return make_person(
        "treasurer_le_chan",
        Role.TREASURER,
        units.le_chan,
        full_name="Phạm Văn Tùng",
        position="Thủ quỹ Hội Khuyến học quận Lê Chân",
    )


@pytest.fixture
def donor(db):
    return Donor.objects.create(
        kind=DonorKind.INDIVIDUAL,
        name="Trần Thị Hoa",
        public_display=PublicDisplay.ANONYMOUS,
        address="Số 12 ngõ 34 Lạch Tray, Ngô Quyền",
        phone="0912 345 678",
        email="hoa.tran@example.com",
    )


@pytest.fixture
def named_donor(db):
    return Donor.objects.create(
        kind=DonorKind.BUSINESS,
        name="Công ty Cổ phần Cảng Hải Phòng",
        public_display=PublicDisplay.NAME_AND_AMOUNT,
        address="Số 8A Trần Phú, Ngô Quyền",
        phone="0225 3859 945",
        email="ketoan@cang-hp.example.com",
    )


@pytest.fixture
def donation_list_xlsx():
    """donation_list_xlsx(rows, headers=the template's columns): the bytes of an xlsx
    donation list, each row a tuple of cells (text, numbers or dates, as Excel keeps them)."""
    import io

    from openpyxl import Workbook

    from scholarships.donation_rows import COLUMNS

    def make(rows, headers=COLUMNS):
        book = Workbook()
        sheet = book.active
        for number, values in enumerate([list(headers), *rows], start=1):
            for column, value in enumerate(values, start=1):
                cell = sheet.cell(row=number, column=column)
                cell.value = value
                if isinstance(value, str):
                    cell.data_type = "s"  # a text starting with "=" stays text
        out = io.BytesIO()
        book.save(out)
        return out.getvalue()

    return make


@pytest.fixture
def pledges_2024(fund, donor, named_donor, treasurer):
    """Three pledges of the city fund made in September 2024: QKH 2024 000001 (the
    anonymous donor, 2.000.000 ₫), 000002 (the port company, 3.000.000 ₫, for the
    scholarship "Học bổng Vượt khó") and 000003 (the port company, 5.000.000 ₫)."""
    import datetime

    from django.utils import timezone

    from scholarships import services

    at = timezone.make_aware(datetime.datetime(2024, 9, 1, 9, 0))
    due = datetime.date(2024, 10, 5)
    return [
        services.pledge(fund, donor=donor, amount=2_000_000, due_on=due, by=treasurer, at=at),
        services.pledge(
            fund, donor=named_donor, amount=3_000_000, due_on=due, by=treasurer,
            purpose="Học bổng Vượt khó", at=at,
        ),
        services.pledge(
            fund, donor=named_donor, amount=5_000_000, due_on=due, by=treasurer, at=at
        ),
    ]  # fmt: skip
