"""Every app's ready() may run again, as Django runs it when a test installs an app
(override_settings(INSTALLED_APPS=...), tests/example_app): the registries it fills are
then those of the apps installed, and a code two apps declare still stops the start-up."""

from types import SimpleNamespace

import pytest
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured

from common import officers
from common.history import types
from organizations import permission_registry


def registries():
    shell = officers.registry()
    return (
        sorted(t.code for t in types.all_types()),
        sorted(a.name for a in permission_registry.all_actions()),
        [item.key for kind in (shell.nav, shell.panels, shell.due) for item in kind],
    )


def test_every_apps_ready_runs_again_and_leaves_the_registries_as_they_were():
    before = registries()

    for config in apps.get_app_configs():
        config.ready()

    assert registries() == before
    assert "campaigns.activity.published" in before[0]


def trips(**labels):
    return SimpleNamespace(
        label="fieldtrips", history_types=lambda: types.types_for("fieldtrips.trip", labels)
    )


def test_the_history_types_are_those_of_the_apps_installed_now():
    try:
        types.register_all([*apps.get_app_configs(), trips(planned="planned")])
        assert str(types.get("fieldtrips.trip", "planned").label) == "planned"
    finally:
        types.register_all(apps.get_app_configs())

    assert types.get("fieldtrips.trip", "planned") is None
    assert types.get("campaigns.activity", "published") is not None


def test_a_code_two_apps_declare_still_stops_the_start_up():
    twin = SimpleNamespace(
        label="twin",
        history_types=lambda: types.types_for("organizations.unit", {"imported": "again"}),
    )
    try:
        with pytest.raises(ImproperlyConfigured, match=r"organizations\.unit\.imported"):
            types.register_all([*apps.get_app_configs(), twin])
    finally:
        types.register_all(apps.get_app_configs())
