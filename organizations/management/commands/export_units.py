"""manage.py export_units FILE [--on DATE]: write the unit tree to a .csv or .xlsx file."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from common.spreadsheets.writing import TextOnlyCSV, TextOnlyXLSX
from organizations.importing import parse_date
from organizations.models import Unit
from organizations.resources import UnitResource


class Command(BaseCommand):
    help = (
        "Export the units to FILE (.csv or .xlsx, by its extension) in the columns that "
        "import_units reads, so the file imports back unchanged. With --on DATE only the "
        "units valid that day are written (their predecessors may then name units that are "
        "not in the file)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="where to write: a path ending in .csv or .xlsx")
        parser.add_argument(
            "--on", dest="day", help="only the units valid on this day (2025-07-01 or 01/07/2025)"
        )

    def handle(self, *args, file, day, **options):
        path = Path(file)
        suffix = path.suffix.lower()
        if suffix not in (".csv", ".xlsx"):
            raise CommandError("The file name must end in .csv or .xlsx.")
        units = Unit.objects.all()
        if day:
            try:
                units = units.valid_on(parse_date(day))
            except ValueError as error:
                raise CommandError(f"{day!r} is not a date (2025-07-01 or 01/07/2025).") from error
        dataset = UnitResource().export(queryset=units)
        if suffix == ".csv":
            path.write_text(
                TextOnlyCSV().export_data(dataset, lineterminator="\n"), encoding="utf-8"
            )
        else:
            path.write_bytes(TextOnlyXLSX().export_data(dataset))
        self.stdout.write(f"{path}: {len(dataset)} units written.")
