from django.core.management.base import BaseCommand, CommandError

from learning_models import catalogue, services


class Command(BaseCommand):
    help = (
        "Load the learning models' criteria catalogue (learning_models/data/criteria.toml, "
        "or the file given): new versions are added and published, existing ones are kept."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(catalogue.DEFAULT_FILE))

    def handle(self, *args, path, **options):
        try:
            report = services.load_catalogue(path)
        except catalogue.CatalogueError as error:
            raise CommandError(f"Nothing was loaded. {error}") from error
        for label in report.created:
            self.stdout.write(f"loaded {label}")
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(report.created)} set(s) loaded, {len(report.kept)} already there."
            )
        )
