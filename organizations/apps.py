from axes.apps import AppConfig as AxesAppConfig
from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig
from django.utils.translation import gettext_lazy as _


class OrganizationsConfig(AppConfig):
    name = "organizations"
    verbose_name = _("Units and people")
    # Filled demo data for this app, run by `manage.py load_demo` (see organizations.demo).
    demo_loader = "organizations.demo.load"

    def ready(self):
        from django.apps import apps
        from django.urls import register_converter
        from django.urls.converters import get_converters

        from common.strict import IdConverter
        from organizations import (  # noqa: F401 (checks registers itself)
            checks,
            permission_registry,
            signals,
        )

        signals.connect()
        # `<id:pk>` in every urls module: an id of at most 19 digits (common.strict). Once:
        # ready() runs again when a test installs another app, and Django refuses a second
        # registration.
        if "id" not in get_converters():
            register_converter(IdConverter, "id")

        _register_history_displays()
        # Each app's actions, the roles that grant them and its admin permissions.
        permission_registry.load(apps.get_app_configs())

    def permissions(self):
        from organizations.permissions import declared

        return declared()

    def officers_area(self):
        from organizations.officers import area

        return area()

    def history_types(self):
        from common.history.types import types_for

        return [
            *types_for(
                "organizations.unit",
                {
                    "created": _("created"),
                    "changed": _("changed"),
                    "imported": _("imported from a file"),
                    "deleted": _("deleted"),
                },
            ),
            *types_for(
                "organizations.user",
                {
                    "role_granted": _("role given"),
                    "role_ended": _("role ended"),
                    "role_note_changed": _("note on a role changed"),
                    "lockout_lifted": _("sign-in lockout lifted"),
                    "phone_rewritten": _("phone number written in the common form"),
                },
            ),
        ]


def _register_history_displays():
    """How a unit's and a person's history read (common.history.display)."""
    from common.history.display import HistoryDisplay, register_display
    from organizations.models import Role, Unit, UnitKind

    register_display(
        "organizations.unit",
        HistoryDisplay(field_models=(Unit,), choices={"kind": UnitKind.choices}),
    )
    register_display(
        "organizations.user",
        HistoryDisplay(
            labels={
                "role": _("role"),
                "unit": _("unit"),
                "starts_on": _("from"),
                "ends_on": _("last day"),
                "note": _("note"),
                "failed_sign_ins": _("failed sign-ins"),
            },
            choices={"role": Role.choices},
            counts=frozenset({"failed_sign_ins"}),
        ),
    )


class PortalAdminConfig(AdminConfig):
    default_site = "organizations.admin_site.PortalAdminSite"


class SignInProtectionConfig(AxesAppConfig):
    """django-axes (the counts of failed sign-ins), under a name staff can read in the admin."""

    verbose_name = _("Sign-in protection")
