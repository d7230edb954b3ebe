"""The world of the dossier pages' tests: the day they happen on, the catalogue, a tiny
PDF, and a dossier brought to a state through the services (the pages' own steps are the
tests'; these only set the scene). Plain functions: each test module has its fixtures."""

import datetime
import re

from django.urls import reverse
from django.utils import timezone

from learning_models import services
from learning_models.models import Indicator
from tests.learning_models.steps import PDF, fill_and_file, passing_value, pdf

# A day when the districts still exist and the catalogue's first versions are in force
# (TT25 commune level, filed by 28/02 of the year after the assessment year).
DAY = datetime.date(2025, 3, 15)


def freeze(monkeypatch, day=DAY):
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: day)


def bring_to(dossier, state, *, officer, reviewer=None):
    """`dossier` filled (every indicator met), its files attached, and moved on to `state`
    ("self_assessed", "submitted", "under_appraisal")."""
    fill_and_file(dossier, by=officer)
    steps = ["self_assess", "submit", "start_appraisal"]
    target = {"self_assessed": 1, "submitted": 2, "under_appraisal": 3}[state]
    for name in steps[:target]:
        dossier = services.make_move(
            dossier, name=name, by=reviewer if name == "start_appraisal" else officer
        )
    return dossier


def register(unit, officer, *, title="community_commune", level=1, year=2025):
    return services.register(unit=unit, title=title, level=level, year=year, by=officer)


def indicators_of(dossier):
    return list(
        Indicator.objects.filter(criterion__criteria_set=dossier.criteria_set).order_by(
            "criterion__number", "number"
        )
    )


def dossier_url(dossier, name="dossier", *args):
    return reverse(f"learning_models_portal:{name}", args=[dossier.pk, *args])


def text_of(response):
    return re.sub(r"\s+", " ", response.content.decode())


def messages_of(response):
    return [str(message) for message in response.context["messages"]] if response.context else []


def due_of(client):
    """The officers' area's due items for the client's person: {key: count}, ours only."""
    response = client.get(reverse("portal:dashboard"))
    return {
        item.key: item.count
        for item in response.context["officers_due"]
        if item.key.startswith("learning_models.")
    }


def self_assessment_post(dossier, values, **extra):
    data = {}
    for row in dossier.values.select_related("indicator"):
        data[f"value_{row.indicator_id}"] = values.get(row.indicator.code, "")
        data[f"note_{row.indicator_id}"] = ""
    data.update(extra)
    return data


def every_value(dossier):
    return {indicator.code: passing_value(indicator) for indicator in indicators_of(dossier)}


# What the tests of the pages take from here as well as from steps.
__all__ = [
    "DAY",
    "PDF",
    "bring_to",
    "dossier_url",
    "due_of",
    "every_value",
    "freeze",
    "indicators_of",
    "messages_of",
    "passing_value",
    "pdf",
    "register",
    "self_assessment_post",
    "text_of",
]
