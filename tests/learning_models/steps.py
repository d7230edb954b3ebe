"""The steps the learning-model tests take through the services to set a scene (the steps a
test is about are its own): a tiny PDF, a value that meets an indicator, and a dossier
filled and filed with its report and cover letter. Plain functions, not fixtures."""

from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from learning_models import services
from learning_models.models import FileKind
from learning_models.states import IndicatorKind

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


def fill_and_file(dossier, *, by, note="", at=None):
    """Every indicator of `dossier` met (with `note`), and its self-assessment report and
    cover letter attached, by `by`."""
    entries = {
        value.indicator_id: (passing_value(value.indicator), note)
        for value in dossier.values.select_related("indicator__criterion")
    }
    services.save_self_assessment(dossier, entries=entries, by=by, at=at)
    services.attach_file(dossier, kind=FileKind.SELF_REPORT, upload=pdf("bao-cao.pdf"), by=by)
    services.attach_file(dossier, kind=FileKind.COVER_LETTER, upload=pdf("to-trinh.pdf"), by=by)
