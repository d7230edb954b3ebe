"""The world of the dossier pages' tests: the day they happen on, the catalogue, a tiny
PDF, and a dossier brought to a state through the services (the pages' own steps are the
tests'; these only set the scene). Plain functions: each test module has its fixtures."""

import datetime
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from learning_models import services
from learning_models.models import FileKind, Indicator
from learning_models.states import IndicatorKind

# A day when the districts still exist and the catalogue's first versions are in force
# (TT25 commune level, filed by 28/02 of the year after the assessment year).
DAY = datetime.date(2025, 3, 15)
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def freeze(monkeypatch, day=DAY):
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: day)


def pdf(name="minh-chung.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def passing_value(indicator):
    """A value that meets `indicator`, as an officer types it."""
    if indicator.kind == IndicatorKind.MET:
        return "1"
    if indicator.kind == IndicatorKind.THRESHOLD:
        return str(indicator.threshold + Decimal("2.5")).replace(".", ",")
    return str(indicator.max_points)


def bring_to(dossier, state, *, officer, reviewer=None):
    """`dossier` filled (every indicator met), its files attached, and moved on to `state`
    ("self_assessed", "submitted", "under_appraisal")."""
    entries = {
        value.indicator_id: (passing_value(value.indicator), "")
        for value in dossier.values.select_related("indicator__criterion")
    }
    services.save_self_assessment(dossier, entries=entries, by=officer)
    services.attach_file(dossier, kind=FileKind.SELF_REPORT, upload=pdf("bao-cao.pdf"), by=officer)
    services.attach_file(
        dossier, kind=FileKind.COVER_LETTER, upload=pdf("to-trinh.pdf"), by=officer
    )
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
