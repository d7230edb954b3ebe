"""The steps the learning-model tests take through the services to set a scene (the steps a
test is about are its own): a tiny PDF, a value that meets an indicator, and a dossier
filled and filed with its report and cover letter. Plain functions, not fixtures."""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.core.files.uploadedfile import SimpleUploadedFile

from learning_models import services
from learning_models.models import FileKind
from learning_models.states import IndicatorKind

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def pdf(name="minh-chung.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def passing_value(indicator):
    """A value that meets `indicator`, as an officer types it ("92,5")."""
    if indicator.kind == IndicatorKind.MET:
        return "1"
    if indicator.kind == IndicatorKind.THRESHOLD:
        return str(indicator.threshold + Decimal("2.5")).replace(".", ",")
    return str(indicator.max_points)


def at(year, month, day, hour=9):
    """A moment in Hải Phòng's time, for the moves of past years."""
    return datetime.datetime(year, month, day, hour, tzinfo=HCM)


def values_for(dossier, overrides=None):
    """Every indicator of the dossier's set: met (1) for the "met" ones, the threshold
    itself for the others, and `overrides` by code ("2.1": "85")."""
    overrides = overrides or {}
    entries = {}
    for row in dossier.values.select_related("indicator__criterion"):
        indicator = row.indicator
        default = indicator.threshold if indicator.threshold is not None else 1
        entries[indicator.pk] = (overrides.get(indicator.code, str(default)), "")
    return entries


def by_code(dossier, **codes):
    """{indicator id: (value, note)} for the given codes ("c4_3": "98")."""
    rows = {
        row.indicator.code: row for row in dossier.values.select_related("indicator__criterion")
    }
    return {rows[code[1:].replace("_", ".")].indicator_id: value for code, value in codes.items()}


def file_dossier(dossier, by):
    """The self-assessment report and the cover letter attached."""
    services.attach_file(dossier, kind=FileKind.SELF_REPORT, upload=pdf("bao-cao.pdf"), by=by)
    services.attach_file(dossier, kind=FileKind.COVER_LETTER, upload=pdf("to-trinh.pdf"), by=by)


def fill_and_file(dossier, *, by, note="", at=None):
    """Every indicator of `dossier` met (with `note`), and its self-assessment report and
    cover letter attached, by `by`."""
    entries = {
        value.indicator_id: (passing_value(value.indicator), note)
        for value in dossier.values.select_related("indicator__criterion")
    }
    services.save_self_assessment(dossier, entries=entries, by=by, at=at)
    file_dossier(dossier, by)
