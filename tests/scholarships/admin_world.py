"""Rows for the fund's admin tests: donations of named and anonymous donors, a reversal,
a spend, pledges paid in part and overdue, and a bank statement with its credit, all
written through the services (the statement as the import records it)."""

import datetime
import hashlib

from scholarships import services
from scholarships.models import BankStatement, DonorKind, Method, PublicDisplay, StatementCredit

DAY = datetime.date(2024, 9, 20)


def fill(fund, treasurer, rows=1, *, start=0):
    """`rows` of each kind of record in `fund`; returns the first donation."""
    first = None
    for number in range(start, start + rows):
        donor = services.create_donor(
            kind=DonorKind.BUSINESS if number % 2 else DonorKind.INDIVIDUAL,
            name=f"Công ty Thương mại Đồ Sơn số {number}",
            public_display=[*PublicDisplay.values][number % 3],
            address=f"Số {number} Lạch Tray",
            phone="0912 345 678",
            email=f"donor{number}@example.com",
            by=treasurer,
        )
        gift = services.donate(
            fund,
            donor=donor,
            amount=1_500_000 + number,
            method=Method.CASH,
            by=treasurer,
            purpose="Học bổng Vượt khó" if number % 2 else "",
            occurred_on=DAY,
        )
        first = first or gift
        in_kind = services.donate(
            fund,
            donor=donor,
            amount=800_000,
            method=Method.IN_KIND,
            in_kind="20 bộ sách giáo khoa lớp 6",
            by=treasurer,
            occurred_on=DAY,
        )
        services.reverse(in_kind.entry, by=treasurer, reason="Ghi nhầm giá trị")
        services.spend(fund, amount=100_000, description=f"Phần thưởng {number}", by=treasurer)
        promised = services.pledge(
            fund,
            donor=donor,
            amount=5_000_000,
            due_on=datetime.date(2024, 10, 5),
            by=treasurer,
            purpose="Học bổng Vượt khó",
        )
        paid = services.donate(
            fund,
            donor=donor,
            amount=2_000_000,
            method=Method.TRANSFER,
            by=treasurer,
            pledge=promised,
            occurred_on=DAY,
        )
        statement = BankStatement.objects.create(
            fund=fund,
            file_name=f"sao-ke-{number}.csv",
            sha256=hashlib.sha256(str(number).encode()).hexdigest(),
            layout="vietcombank",
            rows=1,
            recorded=1,
            imported_by=treasurer,
        )
        StatementCredit.objects.create(
            statement=statement,
            fund=fund,
            row=1,
            fingerprint=f"FT{number:010d}",
            booked_on=DAY,
            amount=2_000_000,
            description=f"{promised.reference} ung ho quy",
            bank_reference=f"FT{number:010d}",
            donation=paid,
        )
    return first
