"""The official unit lists shipped with the portal (organizations/data/), loaded in order."""

from pathlib import Path

from django.db import transaction

from common.spreadsheets.reading import read_table

from .units import REQUIRED_COLUMNS, UnitImportFailed, import_units

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

# The order matters: each file's parents and predecessors must already be there. The bodies
# come last because their open-ended periods need the city of both before and after
# 1/7/2025 above them.
OFFICIAL_FILES = (
    "units-hai-phong-2024.csv",
    "units-hai-duong-2025-06.csv",
    "units-hai-phong-2025-07.csv",
    "bodies-hai-phong.csv",
)


@transaction.atomic
def load_official_units(stdout=None):
    """Import the shipped files, all or none; running it again changes nothing.

    Returns {file name: ImportReport}. Raises UnitImportFailed if a shipped file has a bad
    row (which the test suite rules out).
    """
    reports = {}
    for name in OFFICIAL_FILES:
        dataset = read_table(DATA_DIR / name, required_columns=REQUIRED_COLUMNS)
        report = import_units(dataset, filename=name)
        if report.errors:
            raise UnitImportFailed(name, report)
        reports[name] = report
        if stdout is not None:
            stdout.write(
                f"{name}: {report.created} created, {report.updated} updated, "
                f"{report.unchanged} unchanged\n"
            )
    return reports
