"""System checks of the officers' area's contributions (common.officers): every menu entry's
URL name reverses, and every panel's template exists, so that a typo stops `manage.py
check` rather than one person's page."""

from django.core import checks
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.urls import NoReverseMatch, reverse


@checks.register(checks.Tags.urls)
def officers_area_contributions(app_configs=None, **kwargs):
    from common import officers

    found = []
    for entry in officers.registry().nav:
        try:
            reverse(entry.url_name)
        except NoReverseMatch:
            found.append(
                checks.Error(
                    f"The officers' menu entry {entry.key!r} names the URL "
                    f"{entry.url_name!r}, which does not exist (or needs arguments).",
                    id="common.E001",
                )
            )
    for panel in officers.registry().panels:
        try:
            get_template(panel.template)
        except TemplateDoesNotExist:
            found.append(
                checks.Error(
                    f"The officers' area panel {panel.key!r} names the template "
                    f"{panel.template!r}, which does not exist.",
                    id="common.E002",
                )
            )
    return found
