from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearningModelsConfig(AppConfig):
    name = "learning_models"
    verbose_name = _("Learning models")
    demo_loader = "learning_models.demo.load"

    def ready(self):
        from learning_models import history, signals

        history.register()
        signals.connect()

    def permissions(self):
        from learning_models.permissions import declared

        return declared()

    def officers_area(self):
        from learning_models.officers import area

        return area()

    def history_types(self):
        from common.history.types import types_for
        from learning_models.states import (
            DOSSIER_HISTORY,
            DOSSIER_HISTORY_PUBLIC,
            RECOGNITION_HISTORY,
            SET_HISTORY,
        )

        return [
            *types_for("learning_models.dossier", DOSSIER_HISTORY, public=DOSSIER_HISTORY_PUBLIC),
            *types_for("learning_models.criteriaset", SET_HISTORY),
            *types_for("learning_models.recognition", RECOGNITION_HISTORY),
        ]
