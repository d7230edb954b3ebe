from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommonConfig(AppConfig):
    name = "common"
    verbose_name = _("Shared tools")

    def ready(self):
        from django.apps import apps

        from common import checks, officers  # noqa: F401 (checks registers itself)
        from common.history import types

        # Every app's history types (its AppConfig's history_types()) and its parts of the
        # officers' area: the apps are all loaded by now, whichever comes after this one.
        types.register_all(apps.get_app_configs())
        officers.install(officers.collect(apps.get_app_configs()))

    def officers_area(self):
        from common import officers

        return officers.OfficersArea(
            nav=(
                officers.NavEntry(
                    key="common.dashboard",
                    label=_("Officers' area"),
                    url_name="portal:dashboard",
                    order=0,
                    icon="dashboard",
                    exact=True,
                ),
            )
        )
