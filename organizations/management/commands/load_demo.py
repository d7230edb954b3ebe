from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.module_loading import import_string


class Command(BaseCommand):
    help = (
        "Load the demo data: the official unit tree, the 2024 campaign, the learning models' "
        "dossiers and household lists, the Study Promotion Fund's books, and one account per "
        "role. Only in demo mode (PORTAL_DEMO=True). Safe to run again: nothing is duplicated."
    )

    def handle(self, *args, **options):
        if not settings.DEMO_MODE:
            raise CommandError(
                "Demo data is only loaded in demo mode: set PORTAL_DEMO=True (never on the "
                "public portal, the demo accounts have published passwords)."
            )
        # Each app that has demo data names its loader on its AppConfig; they run in the
        # order of INSTALLED_APPS, so the unit tree comes before what refers to it.
        for config in apps.get_app_configs():
            loader = getattr(config, "demo_loader", None)
            if loader:
                with transaction.atomic():
                    import_string(loader)(self.stdout)
