from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommonConfig(AppConfig):
    name = "common"
    verbose_name = _("Shared tools")

    def ready(self):
        from django.apps import apps

        from common.history import types

        # Every app's history types (its AppConfig's history_types()): the apps are all
        # loaded by now, whichever comes after this one in INSTALLED_APPS.
        types.register_all(apps.get_app_configs())
