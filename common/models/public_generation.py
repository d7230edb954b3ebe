"""A counter of what the public pages show, so that they can be kept in a cache safely.

The table was organizations' before the public page cache became the shared app's: it keeps
its name (common/migrations/0001_history_and_public_generation.py).
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PublicGeneration(models.Model):
    """One row. Raised (common.public_cache.bump) whenever something a public page
    shows changes; cached pages and feeds carry it in their keys and ETags, so a change is
    public at once and an unchanged page costs one indexed read."""

    value = models.PositiveBigIntegerField(_("generation"), default=0)
    changed_at = models.DateTimeField(_("last public change"), default=timezone.now)

    class Meta:
        db_table = "organizations_publicgeneration"
        verbose_name = _("public content generation")
        verbose_name_plural = _("public content generation")

    def __str__(self):
        return f"{self.value} ({self.changed_at:%Y-%m-%d %H:%M})"
