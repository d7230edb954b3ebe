"""The example app installed for the tests of this folder only, one module at a time.

`tests.example_app.dossiers` is added to INSTALLED_APPS as Django's own tests add an app
(override_settings, which populates the app registry again and runs every app's ready()),
its tables are made by `migrate --run-syncdb`, and its pages are mounted under /portal/.
When a module is done, the tables go, and every app's ready() runs again over the
portal as shipped, so the registries (permissions, history types) no longer name it: the
rest of the suite never sees the app.
"""

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

APP = "tests.example_app.dossiers"


@pytest.fixture(scope="module", autouse=True)
def dossiers_app(django_db_setup, django_db_blocker):
    installed = override_settings(
        INSTALLED_APPS=[*settings.INSTALLED_APPS, APP], ROOT_URLCONF="tests.example_app.urls"
    )
    installed.enable()
    try:
        with django_db_blocker.unblock():
            call_command("migrate", run_syncdb=True, skip_checks=True, verbosity=0)
        yield apps.get_app_config("dossiers")
        with django_db_blocker.unblock():
            with connection.schema_editor() as editor:
                for model in reversed(list(apps.get_app_config("dossiers").get_models())):
                    editor.delete_model(model)
            ContentType.objects.filter(app_label="dossiers").delete()
            ContentType.objects.clear_cache()
    finally:
        installed.disable()
        for config in apps.get_app_configs():
            config.ready()
