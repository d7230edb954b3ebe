"""The fund's donation-list import measured against the least an import can do.

    python -m bench.donation_import --rows 100000

Writes an xlsx of `--rows` donations in the template's columns (businesses, unions and
individuals, cash, transfers and gifts in kind, amounts as Excel numbers and as text such
as "1.500.000", days as Excel dates and as 15/09/2025), then, each in a transaction rolled
back afterwards:

1. **bare**: openpyxl reads the workbook (read-only), each row becomes a Donor, a
   LedgerEntry with its receipt number and a Donation, and `bulk_create` writes them: no
   checks at all;
2. **portal**: what the portal's task runs, the shared reader (`read_table`, with its
   limits) and `DonationImportResource(fund=...).import_data(..., dry_run=False)`: every
   cell checked and the whole file planned, then `services.donate_many` (the fund locked,
   a block of receipts a year, the rows written in bulk, one history entry).

Prints rows per second for each, the ratio, and the peak of memory: what Python allocated
(tracemalloc, in a second run of each, since tracing slows every allocation) and the
process's peak resident size (getrusage). `--only portal` (or `bare`) runs one import alone
in its process, untraced, and prints its peak resident size. Uses the settings of the environment
(DATABASE_URL); makes a fund of its own inside the rolled-back transactions.
"""

import argparse
import datetime
import io
import os
import random
import resource
import sys
import time
import tracemalloc

KINDS = ("Tổ chức", "Doanh nghiệp", "Cá nhân", "Cá nhân", "Cá nhân")
METHODS = ("Tiền mặt", "Chuyển khoản", "Chuyển khoản", "Hiện vật")
DISPLAYS = ("Tên và số tiền", "Chỉ tên", "", "Giấu tên")
NAMES = ("Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung", "Hoàng Minh Đức")
BUSINESSES = ("Công ty TNHH Hải Long", "Công ty CP Cảng Hải Phòng", "Ngân hàng BIDV Hải Phòng")
PURPOSES = ("", "", "", "Học bổng vượt khó", "Khen thưởng học sinh giỏi")


def workbook(rows, seed=1):
    from openpyxl import Workbook

    from scholarships.donation_rows import COLUMNS

    rng = random.Random(seed)
    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(list(COLUMNS))
    first = datetime.date(2025, 1, 1)
    for index in range(rows):
        kind = rng.choice(KINDS)
        method = rng.choice(METHODS)
        day = first + datetime.timedelta(days=rng.randrange(300))
        amount = rng.randrange(1, 500) * 100_000
        name = rng.choice(BUSINESSES if kind != "Cá nhân" else NAMES)
        sheet.append(
            [
                datetime.datetime.combine(day, datetime.time()) if index % 3 else f"{day:%d/%m/%Y}",
                f"{name} {index}",
                kind,
                method,
                "Sách giáo khoa và vở" if method == "Hiện vật" else "",
                amount if index % 2 else f"{amount:,}".replace(",", "."),
                rng.choice(PURPOSES),
                rng.choice(DISPLAYS),
                f"Số {rng.randint(1, 300)} Lạch Tray, Ngô Quyền" if index % 4 == 0 else "",
                f"0912 {rng.randint(100, 999)} {rng.randint(100, 999)}" if index % 5 == 0 else "",
                f"nha.hao.tam{index}@example.vn" if index % 7 == 0 else "",
                "",
            ]
        )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _fund():
    from organizations.models import Unit, UnitKind
    from scholarships.models import Fund

    unit = Unit.objects.filter(kind=UnitKind.ASSOCIATION).first() or Unit.objects.first()
    if unit is None:
        unit = Unit.objects.create(
            code="bench", name="Hội Khuyến học (benchmark)", kind=UnitKind.ASSOCIATION
        )
    return Fund.objects.create(unit=unit, name=f"Quỹ benchmark {time.time_ns()}")


def _measured(work, *, trace):
    from django.db import transaction

    if trace:
        tracemalloc.start()
    started = time.perf_counter()
    with transaction.atomic():
        count = work(_fund())
        transaction.set_rollback(True)
    seconds = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1] if trace else 0
    if trace:
        tracemalloc.stop()
    return count, seconds, peak


def bare(data, user):
    from openpyxl import load_workbook

    from scholarships.models import (
        Direction,
        Donation,
        Donor,
        DonorKind,
        EntryKind,
        LedgerEntry,
        Method,
        PublicDisplay,
    )

    kinds = {
        "Tổ chức": DonorKind.ORGANISATION,
        "Doanh nghiệp": DonorKind.BUSINESS,
        "Cá nhân": DonorKind.INDIVIDUAL,
    }
    methods = {"Tiền mặt": Method.CASH, "Chuyển khoản": Method.TRANSFER, "Hiện vật": Method.IN_KIND}
    displays = {
        "Tên và số tiền": PublicDisplay.NAME_AND_AMOUNT,
        "Chỉ tên": PublicDisplay.NAME_ONLY,
        "Giấu tên": PublicDisplay.ANONYMOUS,
        None: PublicDisplay.ANONYMOUS,
    }

    def work(fund):
        book = load_workbook(io.BytesIO(data), read_only=True)
        donors, entries, donations = [], [], []
        numbers = {}
        for values in book.active.iter_rows(min_row=2, values_only=True):
            day, name, kind, method, in_kind, amount, purpose, display, *private = values
            address, phone, email, _pledge = private
            if isinstance(day, datetime.datetime):
                day = day.date()
            else:
                day = datetime.datetime.strptime(day, "%d/%m/%Y").date()
            numbers[day.year] = numbers.get(day.year, 0) + 1
            donor = Donor(
                kind=kinds[kind],
                name=name,
                public_display=displays[display],
                address=address or "",
                phone=phone or "",
                email=email or "",
            )
            entry = LedgerEntry(
                fund=fund,
                kind=EntryKind.DONATION,
                direction=Direction.IN,
                amount=int(str(amount).replace(".", "")),
                purpose=purpose or "",
                description=f"{name}: {in_kind or method}",
                occurred_on=day,
                receipt_year=day.year,
                receipt_number=numbers[day.year],
                recorded_by=user,
            )
            donors.append(donor)
            entries.append(entry)
            donations.append(
                Donation(
                    fund=fund,
                    donor=donor,
                    entry=entry,
                    method=methods[method],
                    in_kind=in_kind or "",
                    recorded_by=user,
                )
            )
        Donor.objects.bulk_create(donors, batch_size=2000)
        LedgerEntry.objects.bulk_create(entries, batch_size=2000)
        for donation in donations:
            donation.donor_id, donation.entry_id = donation.donor.pk, donation.entry.pk
        Donation.objects.bulk_create(donations, batch_size=2000)
        return len(donations)

    return work


def portal(data, user, phases=None):
    """The portal's import; `phases`, when given, gets the seconds of the recording (from the
    moment every row is known to be right to the end): what the import's page shows as
    "being recorded", all in one transaction."""
    from common.spreadsheets.reading import read_table
    from scholarships.donation_rows import MAX_BYTES, MAX_ROWS, MAX_UNPACKED_BYTES, REQUIRED
    from scholarships.resources import DonationImportResource

    def work(fund):
        dataset = read_table(
            data,
            filename="danh-sach.xlsx",
            required_columns=REQUIRED,
            max_bytes=MAX_BYTES,
            max_rows=MAX_ROWS,
            max_unpacked_bytes=MAX_UNPACKED_BYTES,
        )
        marks = {}
        resource = DonationImportResource(
            fund=fund, writing=lambda: marks.setdefault("writing", time.perf_counter())
        )
        result = resource.import_data(
            dataset, dry_run=False, use_transactions=False, user=user, file_name="danh-sach.xlsx"
        )
        if phases is not None and "writing" in marks:
            phases["recording"] = time.perf_counter() - marks["writing"]
        if result.has_validation_errors() or result.has_errors() or not result.recorded:
            errors = result.report.errors[:3] if result.report else result.base_errors[:3]
            raise SystemExit(f"The portal refused the file: {errors}")
        return result.recorded["donations"]

    return work


def run(rows, *, stdout=sys.stdout, memory=True):
    from organizations.models import User

    user = User.objects.filter(is_superuser=True).first() or User.objects.create(
        username="bench-import", is_superuser=True
    )
    data = workbook(rows)
    bare_count, bare_seconds, _ = _measured(bare(data, user), trace=False)
    phases = {}
    portal_count, portal_seconds, _ = _measured(portal(data, user, phases), trace=False)
    assert bare_count == portal_count == rows, (bare_count, portal_count)
    bare_peak = portal_peak = 0
    if memory:
        _count, _seconds, bare_peak = _measured(bare(data, user), trace=True)
        _count, _seconds, portal_peak = _measured(portal(data, user), trace=True)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux
    stdout.write(
        f"| Import of {rows:,} donations ({len(data) / 2**20:.1f} MB xlsx) "
        "| rows/s | seconds | peak memory (tracemalloc) |\n"
        "|---|---:|---:|---:|\n"
        f"| Bare openpyxl read + bulk_create | {rows / bare_seconds:,.0f} | {bare_seconds:.1f} "
        f"| {bare_peak / 2**20:.0f} MB |\n"
        f"| The portal's import, every cell checked | {rows / portal_seconds:,.0f} "
        f"| {portal_seconds:.1f} | {portal_peak / 2**20:.0f} MB |\n"
        f"| Ratio | {bare_seconds / portal_seconds:.2f} | | |\n\n"
        f"Of the portal's {portal_seconds:.1f} s, {phases.get('recording', 0):.1f} s are the "
        "recording, after every row was checked.\n\n"
        f"Peak resident size of the whole run (getrusage): {rss:.0f} MB.\n"
    )
    return bare_seconds, portal_seconds


def alone(rows, which, *, stdout=sys.stdout):
    """One import in a process of its own, untraced, for the peak resident size it costs
    (tracemalloc counts Python's allocations only, and slows them)."""
    from organizations.models import User

    user = User.objects.filter(is_superuser=True).first() or User.objects.create(
        username="bench-import", is_superuser=True
    )
    data = workbook(rows)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    work = bare(data, user) if which == "bare" else portal(data, user)
    count, seconds, _ = _measured(work, trace=False)
    assert count == rows, count
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    stdout.write(
        f"{which}: {rows:,} rows in {seconds:.1f} s ({rows / seconds:,.0f} rows/s); peak "
        f"resident size {peak:.0f} MB (before the import, with the file made: {before:.0f} MB)\n"
    )


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--no-memory", action="store_true", help="skip the traced runs")
    parser.add_argument(
        "--only",
        choices=["bare", "portal"],
        help="run one import alone, untraced: the process's peak resident size is then its own",
    )
    args = parser.parse_args(argv)
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    if args.only:
        alone(args.rows, args.only)
    else:
        run(args.rows, memory=not args.no_memory)


if __name__ == "__main__":
    main()
