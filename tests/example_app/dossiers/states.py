"""A dossier's states, and the history types its services write."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class DossierState(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("dossier state", "draft")
    SUBMITTED = "submitted", pgettext_lazy("dossier state", "waiting for approval")
    APPROVED = "approved", pgettext_lazy("dossier state", "approved")


HISTORY = {
    "created": _("dossier opened"),
    "file_attached": _("file attached to the dossier"),
    "submitted": _("dossier sent for approval"),
    "returned": _("dossier returned to the unit"),
    "approved": _("dossier approved"),
}
