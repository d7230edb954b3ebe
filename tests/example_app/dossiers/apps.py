from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DossiersConfig(AppConfig):
    name = "tests.example_app.dossiers"
    label = "dossiers"
    verbose_name = _("Recognition dossiers")

    def ready(self):
        from common.history.display import HistoryDisplay, register_display
        from tests.example_app.dossiers.models import Dossier, DossierState

        register_display(
            "dossiers.dossier",
            HistoryDisplay(
                field_models=(Dossier,),
                labels={"file": _("file")},
                choices={"state": DossierState.choices},
            ),
        )

    def permissions(self):
        from tests.example_app.dossiers.permissions import declared

        return declared()

    def officers_area(self):
        from tests.example_app.dossiers.officers import area

        return area()

    def history_types(self):
        from common.history.types import types_for
        from tests.example_app.dossiers.states import HISTORY

        return types_for("dossiers.dossier", HISTORY)
