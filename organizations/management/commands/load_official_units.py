"""manage.py load_official_units: load the official unit lists shipped in organizations/data."""

from django.core.management.base import BaseCommand, CommandError

from organizations.importing import UnitImportFailed, load_official_units


class Command(BaseCommand):
    help = (
        "Load the official unit tree shipped with the portal (Hải Phòng 2024 and 1/1/2025, "
        "Hải Dương's communes until 30/6/2025, Hải Phòng from 1/7/2025, and the city's "
        "bodies). Safe to run again: units are matched by code and start date."
    )

    def handle(self, *args, **options):
        try:
            load_official_units(stdout=self.stdout)
        except UnitImportFailed as error:
            raise CommandError(str(error)) from error
