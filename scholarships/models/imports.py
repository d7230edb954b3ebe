"""A donation list imported from Excel, as the person who started it follows it: its file,
how far the import has gone (`rows_done` of `rows_total`), and how it ended — the problems
found by line and column, or what was recorded.

The import runs as a task (scholarships.tasks.import_donations) and is all or nothing: the
rows are checked first (`checking`, the progress counted every few hundred rows), then
written in one transaction (`importing`). The uploaded file waits in `content` until the
task has read it, and is emptied when the import ends."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.text import refuse_control_characters
from scholarships.models.ledger import Fund

_text = [refuse_control_characters]


class ImportState(models.TextChoices):
    QUEUED = "queued", _("waiting to start")
    CHECKING = "checking", _("checking the rows")
    IMPORTING = "importing", _("recording the donations")
    DONE = "done", _("done")
    FAILED = "failed", _("nothing imported")


RUNNING = (ImportState.QUEUED, ImportState.CHECKING, ImportState.IMPORTING)


class DonationImport(models.Model):
    fund = models.ForeignKey(
        Fund, on_delete=models.PROTECT, related_name="imports", verbose_name=_("fund")
    )
    file_name = models.CharField(_("file"), max_length=255, validators=_text)
    content = models.BinaryField(_("the file's content"), blank=True, editable=False)
    language = models.CharField(_("language"), max_length=8, default="vi", validators=_text)
    state = models.CharField(
        _("state"), max_length=12, choices=ImportState.choices, default=ImportState.QUEUED
    )
    rows_total = models.PositiveIntegerField(_("rows in the file"), default=0)
    rows_done = models.PositiveIntegerField(_("rows checked"), default=0)
    errors = models.JSONField(_("problems found"), default=list, blank=True)
    # What was recorded: the number of donations, their total, the first and last receipt.
    result = models.JSONField(_("result"), default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("started by"),
    )
    created_at = models.DateTimeField(_("started"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("donation import")
        verbose_name_plural = _("donation imports")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.fund} · {self.file_name}"

    @property
    def running(self) -> bool:
        return self.state in RUNNING

    @property
    def percent(self) -> int:
        if self.state == ImportState.DONE:
            return 100
        if not self.rows_total:
            return 0
        return min(100, self.rows_done * 100 // self.rows_total)
