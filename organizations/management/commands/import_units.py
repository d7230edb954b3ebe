"""manage.py import_units FILE [--dry-run]: import units from a .csv or .xlsx file, all or none."""

from django.core.management.base import BaseCommand, CommandError

from organizations.importing import REQUIRED_COLUMNS, TableError, import_units, read_table


class Command(BaseCommand):
    help = (
        "Import units from a .csv or .xlsx file with the columns of organizations/data "
        "(code, name, kind, parent_code, valid_from, valid_until, predecessors, source). "
        "Every row is checked first; if any row is bad nothing is written, each bad row is "
        "printed as 'line N, column C: reason' and the command exits with status 1."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the .csv or .xlsx file to import")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="check the file and say what would change, without writing anything",
        )

    def handle(self, *args, file, dry_run, **options):
        try:
            dataset = read_table(file, required_columns=REQUIRED_COLUMNS)
        except TableError as error:
            raise CommandError(f"{file}: {error}") from error
        report = import_units(dataset, dry_run=dry_run, filename=file)
        if report.errors:
            for error in report.sorted_errors():
                self.stderr.write(str(error))
            raise CommandError(
                f"{file}: nothing imported, {len(report.errors)} problem(s).", returncode=1
            )
        verb = "would be" if dry_run else "were"
        self.stdout.write(
            f"{file}: {report.created} units {verb} created, {report.updated} updated, "
            f"{report.unchanged} unchanged."
        )
