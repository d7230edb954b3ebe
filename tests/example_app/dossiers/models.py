from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.text import refuse_control_characters
from organizations.models import Unit
from tests.example_app.dossiers.states import DossierState


class Dossier(models.Model):
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("unit")
    )
    title = models.CharField(_("title"), max_length=200, validators=[refuse_control_characters])
    state = models.CharField(
        _("state"), max_length=20, choices=DossierState.choices, default=DossierState.DRAFT
    )
    changed_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        verbose_name = _("dossier")
        verbose_name_plural = _("dossiers")
        ordering = ["-pk"]

    def __str__(self):
        return self.title


def _file_path(item, filename):
    return f"dossiers/{item.dossier_id}/{filename}"


class DossierFile(models.Model):
    dossier = models.ForeignKey(
        Dossier, on_delete=models.CASCADE, related_name="files", verbose_name=_("dossier")
    )
    file = models.FileField(_("file"), upload_to=_file_path)
    original_name = models.CharField(
        _("file name"), max_length=255, validators=[refuse_control_characters]
    )
    content_type = models.CharField(_("file type"), max_length=100)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)

    class Meta:
        verbose_name = _("dossier file")
        verbose_name_plural = _("dossier files")
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.original_name
