from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearningModelsConfig(AppConfig):
    name = "learning_models"
    verbose_name = _("Learning models")

    def permissions(self):
        from learning_models.permissions import declared

        return declared()
