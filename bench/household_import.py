"""The household-list import measured against the least an import can do.

    python -m bench.household_import --rows 10000

Writes an xlsx of `--rows` recognised families, clans, villages and citizens of the 2024
communes (the template's columns), then, each in a transaction rolled back afterwards:

1. **bare**: openpyxl reads the workbook (read-only), each row becomes a
   RecognisedHousehold (the commune looked up by code in a dict) and `bulk_create` writes
   them: no checks at all;
2. **portal**: what the admin's confirm step runs, the shared reader (`read_table`, with
   its limits) and `RecognisedHouseholdResource().import_data(..., dry_run=False)`, which
   checks every cell and the whole file before writing all of it.

Prints rows per second for each, the ratio, and the peak of memory Python allocated
(tracemalloc) for each. Uses the settings of the environment (DATABASE_URL); needs the
official units (bench.generate --load-units, or `manage.py load_official_units`).
"""

import argparse
import datetime
import io
import os
import random
import sys
import time
import tracemalloc

TITLES = ("Gia đình học tập", "Dòng họ học tập", "Công dân học tập")
NAMES = ("Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung", "Hoàng Minh Đức")


def workbook(rows, communes, seed=1):
    from openpyxl import Workbook

    from learning_models.resources import HOUSEHOLD_COLUMNS

    rng = random.Random(seed)
    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(list(HOUSEHOLD_COLUMNS))
    for index in range(rows):
        sheet.append(
            [
                rng.choice(communes).code,
                2024,
                rng.choice(TITLES),
                f"{rng.choice(NAMES)} {index}",
                f"Tổ dân phố số {rng.randint(1, 30)}",
                f"{rng.randint(1, 300)}/QĐ-UBND",
                rng.choice(("có", "không", "")),
                "",
            ]
        )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _measured(work):
    from django.db import transaction

    tracemalloc.start()
    started = time.perf_counter()
    with transaction.atomic():
        count = work()
        transaction.set_rollback(True)
    seconds = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return count, seconds, peak


def bare(data, communes):
    from openpyxl import load_workbook

    from learning_models.models import RecognisedHousehold
    from learning_models.states import Title

    by_code = {unit.code: unit.pk for unit in communes}
    titles = dict(zip(TITLES, (Title.FAMILY, Title.CLAN, Title.CITIZEN), strict=True))
    book = load_workbook(io.BytesIO(data), read_only=True)
    rows = book.active.iter_rows(min_row=2, values_only=True)
    objects = [
        RecognisedHousehold(
            commune_id=by_code[str(code)],
            year=int(year),
            title=titles[title],
            name=name,
            place=place or "",
            decision_number=decision or "",
            public_consent=consent == "có",
        )
        for code, year, title, name, place, decision, consent, _note in rows
    ]
    RecognisedHousehold.objects.bulk_create(objects, batch_size=2000)
    return len(objects)


def portal(data, user):
    from common.spreadsheets.reading import read_table
    from learning_models.resources import RecognisedHouseholdResource

    dataset = read_table(data, filename="danh-sach.xlsx")
    result = RecognisedHouseholdResource().import_data(dataset, dry_run=False, user=user)
    if result.has_validation_errors() or result.has_errors():
        raise SystemExit(f"The portal refused the file: {result.report.errors[:3]}")
    return result.report.created


def run(rows, *, stdout=sys.stdout):
    from organizations.models import Unit, UnitLevel, User

    day = datetime.date(2024, 12, 31)
    communes = list(Unit.objects.valid_on(day).of_level(UnitLevel.COMMUNE))
    if not communes:
        raise SystemExit("No communes valid in 2024: load the official units first.")
    user = User.objects.filter(is_superuser=True).first() or User.objects.create(
        username="bench-import", is_superuser=True
    )
    data = workbook(rows, communes)
    bare_count, bare_seconds, bare_peak = _measured(lambda: bare(data, communes))
    portal_count, portal_seconds, portal_peak = _measured(lambda: portal(data, user))
    assert bare_count == portal_count == rows, (bare_count, portal_count)
    stdout.write(
        f"| Import of {rows:,} households ({len(data) / 1024:.0f} kB xlsx) "
        "| rows/s | peak memory |\n"
        "|---|---:|---:|\n"
        f"| Bare openpyxl read + bulk_create | {rows / bare_seconds:,.0f} "
        f"| {bare_peak / 2**20:.0f} MB |\n"
        f"| The portal's import, every cell checked | {rows / portal_seconds:,.0f} | "
        f"{portal_peak / 2**20:.0f} MB |\n"
        f"| Ratio | {bare_seconds / portal_seconds:.2f} | |\n"
    )
    return bare_seconds, portal_seconds


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=10000)
    args = parser.parse_args(argv)
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    run(args.rows)


if __name__ == "__main__":
    main()
