"""Data for the fund's part of the benchmark: the city association's fund and a fund for
each district of the 2024 tree, 50,000 donations by default over the years 2022–2025, with
spending and reversals, as the public disclosure (/fund/) reads them.

    python -m bench.fund --donations 50000 [--seed 1]

About one donor in five gives more than once; donors choose how they appear (name and
amount, name only, anonymous); one gift in ten is for a named purpose, one in twenty in
kind; the gifts of September and early October are recorded for the campaign of their year
when there is one. 1% of the gifts are reversed, and each fund pays out about a third of
what it raised, within what it holds. Receipts are numbered from 1 in each fund and year
and the counters set to the last number, as the portal would have left them. Rows are
written with bulk_create (inserts: the append-only triggers allow them), which sends no
signal: the public generation is raised at the end, as scholarships/signals.py says.
"""

import datetime
import random

from bench.cli import generator_main

YEARS = (2022, 2023, 2024, 2025)
BATCH = 2000
FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đỗ", "Bùi", "Đặng", "Ngô", "Đoàn")
MIDDLE = ("Văn", "Thị", "Minh", "Thu", "Quang", "Ngọc", "Đức", "Thanh")
GIVEN = ("An", "Bình", "Cường", "Dung", "Hà", "Huy", "Lan", "Long", "Mai", "Nam", "Phúc")
BUSINESS = ("Công ty TNHH", "Công ty Cổ phần", "Hợp tác xã", "Doanh nghiệp tư nhân")
TRADES = ("Cảng biển", "Xi măng", "Thép", "Vận tải", "Thủy sản", "Xây dựng", "Dược phẩm")
BODIES = ("Đoàn Thanh niên", "Hội Phụ nữ", "Hội Cựu chiến binh", "Công đoàn", "Hội Nông dân")
PURPOSES = ("Học bổng vượt khó", "Khen thưởng học sinh giỏi", "Học bổng Hoa Phượng Đỏ")
IN_KIND = ("100 bộ sách giáo khoa", "20 xe đạp cho học sinh", "50 suất quà Trung thu")


def _donors(rng, count):
    from scholarships.models import Donor, DonorKind, PublicDisplay

    displays = [PublicDisplay.NAME_AND_AMOUNT, PublicDisplay.NAME_ONLY, PublicDisplay.ANONYMOUS]
    donors = []
    for number in range(count):
        roll = rng.random()
        if roll < 0.1:
            kind = DonorKind.BUSINESS
            name = f"{rng.choice(BUSINESS)} {rng.choice(TRADES)} {rng.choice(GIVEN)} {number}"
        elif roll < 0.15:
            kind = DonorKind.ORGANISATION
            name = f"{rng.choice(BODIES)} phường {number}"
        else:
            kind = DonorKind.INDIVIDUAL
            name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
        donors.append(
            Donor(
                kind=kind,
                name=name,
                public_display=rng.choices(displays, (50, 20, 30))[0],
                phone=f"+849{rng.randint(10_000_000, 99_999_999)}" if rng.random() < 0.5 else "",
            )
        )
    return Donor.objects.bulk_create(donors, batch_size=BATCH)


def generate(donations=50000, *, seed=1, stdout=None):
    from django.db import transaction
    from django.utils import timezone

    from campaigns.models import Campaign
    from common import public_cache
    from organizations.models import Unit, UnitLevel
    from scholarships.models import (
        Direction,
        Donation,
        EntryKind,
        Fund,
        LedgerEntry,
        Method,
        ReceiptCounter,
    )
    from scholarships.models.donations import new_code

    rng = random.Random(seed)
    tz = timezone.get_current_timezone()
    with transaction.atomic():
        city = Unit.objects.get(code="HKH-HP")
        districts = list(
            Unit.objects.valid_on(datetime.date(2024, 12, 31)).of_level(UnitLevel.DISTRICT)
        )
        funds = [
            Fund.objects.create(
                unit=city,
                name="Quỹ Khuyến học, khuyến tài thành phố Hải Phòng",
                bank_name="Vietcombank",
                bank_bin="970436",
                account_number="0031000123456",
                account_name="HOI KHUYEN HOC TP HAI PHONG",
                reference_prefix="QKH",
            )
        ] + [
            Fund.objects.create(unit=unit, name=f"Quỹ Khuyến học {unit.name}") for unit in districts
        ]
        campaigns = {c.year: c for c in Campaign.objects.all()}
        donors = _donors(rng, max(1, donations * 4 // 5))
        # The city's fund takes a third of the gifts, the districts' funds the rest.
        weights = [len(districts) / 2 or 1] + [1] * len(districts)
        numbers, entries, gifts = {}, [], []
        for _ in range(donations):
            fund = rng.choices(funds, weights)[0]
            year = rng.choice(YEARS)
            day = datetime.date(year, 1, 1) + datetime.timedelta(days=rng.randrange(365))
            if rng.random() < 0.4:  # the Month of Study Promotion raises most
                day = datetime.date(year, 9, 5) + datetime.timedelta(days=rng.randrange(31))
            amount = rng.choice((100_000, 200_000, 500_000, 1_000_000, 2_000_000, 5_000_000))
            if rng.random() < 0.05:
                amount = rng.randrange(10, 500) * 1_000_000
            method = rng.choices([Method.CASH, Method.TRANSFER, Method.IN_KIND], (45, 50, 5))[0]
            key = (fund.pk, year)
            numbers[key] = numbers.get(key, 0) + 1
            moment = timezone.make_aware(
                datetime.datetime.combine(day, datetime.time(8 + rng.randrange(9))), tz
            )
            entry = LedgerEntry(
                fund=fund,
                kind=EntryKind.DONATION,
                direction=Direction.IN,
                amount=amount,
                purpose=rng.choice(PURPOSES) if rng.random() < 0.1 else "",
                description="Ủng hộ Quỹ Khuyến học",
                occurred_on=day,
                receipt_year=year,
                receipt_number=numbers[key],
                recorded_at=moment,
            )
            campaign = campaigns.get(year)
            in_campaign = campaign and campaign.starts_on <= day <= campaign.ends_on
            entries.append(entry)
            gifts.append(
                Donation(
                    fund=fund,
                    donor=rng.choice(donors),
                    entry=entry,
                    method=method,
                    in_kind=rng.choice(IN_KIND) if method == Method.IN_KIND else "",
                    campaign=campaign if in_campaign and rng.random() < 0.7 else None,
                    code=new_code(),
                    recorded_at=moment,
                )
            )
        LedgerEntry.objects.bulk_create(entries, batch_size=BATCH)
        for gift in gifts:
            gift.entry_id = gift.entry.pk
        Donation.objects.bulk_create(gifts, batch_size=BATCH)
        ReceiptCounter.objects.bulk_create(
            [ReceiptCounter(fund_id=f, year=y, last=n) for (f, y), n in numbers.items()]
        )

        later = []
        for entry in rng.sample(entries, len(entries) // 100):
            later.append(
                LedgerEntry(
                    fund_id=entry.fund_id,
                    kind=EntryKind.REVERSAL,
                    direction=Direction.OUT,
                    amount=entry.amount,
                    purpose=entry.purpose,
                    description="Đảo bút toán ghi nhầm",
                    occurred_on=entry.occurred_on,
                    reverses=entry,
                    reason="Ghi nhầm số tiền.",
                    recorded_at=entry.recorded_at + datetime.timedelta(days=1),
                )
            )
        reversed_ids = {item.reverses_id for item in later}
        raised = {}  # (fund, year): the free money that stands, once over the gifts
        for e in entries:
            if not e.purpose and e.pk not in reversed_ids:
                raised[(e.fund_id, e.receipt_year)] = (
                    raised.get((e.fund_id, e.receipt_year), 0) + e.amount
                )
        for fund in funds:
            for year in YEARS:
                left = raised.get((fund.pk, year), 0) // 3
                while left > 1_000_000:
                    amount = min(left, rng.choice((5_000_000, 10_000_000, 20_000_000)))
                    left -= amount
                    day = datetime.date(year, 12, rng.randint(1, 28))
                    later.append(
                        LedgerEntry(
                            fund=fund,
                            kind=EntryKind.SPEND,
                            direction=Direction.OUT,
                            amount=amount,
                            description="Trao học bổng cho học sinh vượt khó",
                            occurred_on=day,
                            recorded_at=timezone.make_aware(
                                datetime.datetime.combine(day, datetime.time(15)), tz
                            ),
                        )
                    )
        LedgerEntry.objects.bulk_create(later, batch_size=BATCH)
        public_cache.bump()
    if stdout is not None:
        stdout.write(
            f"Fund: {len(funds)} funds, {len(gifts)} donations from {len(donors)} donors, "
            f"{len(reversed_ids)} reversed, {len(later) - len(reversed_ids)} payments.\n"
        )


def main(argv=None):
    generator_main(generate, __doc__, count="donations", default=50000, argv=argv)


if __name__ == "__main__":
    main()
