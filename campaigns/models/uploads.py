"""Spreadsheets officers upload to enter many activities at once (campaigns.upload)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from common.text import refuse_control_characters

from .campaigns import Campaign


class ActivityUploadQuerySet(models.QuerySet):
    def waiting(self):
        """Uploads held until their officer decides (their rows repeat activities)."""
        return self.filter(imported_at__isnull=True)


class ActivityUpload(models.Model):
    """One upload of a filled-in template.

    Imported: its activities point to it (so that "submit all of this upload" and the
    admin know where an activity came from), and the file itself is not kept. Waiting: the
    rows repeat activities already in the portal, so nothing is imported until the officer
    who uploaded it decides; only then is the file (at most campaigns.upload.MAX_BYTES) kept
    here, server-side, for a day at most (campaigns.upload_duplicates).
    """

    campaign = models.ForeignKey(
        Campaign, on_delete=models.PROTECT, related_name="+", verbose_name=_("campaign")
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    file_name = models.CharField(
        _("file name"), max_length=255, validators=[refuse_control_characters]
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    imported_at = models.DateTimeField(_("imported"), null=True, blank=True)
    content = models.BinaryField(_("file"), null=True, blank=True, editable=False)

    objects = ActivityUploadQuerySet.as_manager()

    class Meta:
        verbose_name = _("spreadsheet upload")
        verbose_name_plural = _("spreadsheet uploads")
        ordering = ["-uploaded_at", "-pk"]

    def __str__(self):
        return self.file_name
