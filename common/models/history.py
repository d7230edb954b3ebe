"""Who did what, when and why: one history for every record of the portal.

Services write an entry for each state change and each edit that matters, with the old and
new values. The admin shows a record's entries on the record itself. The table was
organizations' before the history became the shared app's: it keeps its name
(common/migrations/0001_history_and_public_generation.py).
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.history import types as history_types
from common.text import refuse_control_characters


class HistoryQuerySet(models.QuerySet):
    def for_object(self, obj):
        return self.filter(
            content_type=ContentType.objects.get_for_model(type(obj)), object_id=str(obj.pk)
        )


class HistoryEntry(models.Model):
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.CharField(max_length=64, validators=[refuse_control_characters])
    subject = GenericForeignKey("content_type", "object_id")
    action = models.CharField(_("action"), max_length=40, validators=[refuse_control_characters])
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("when"), default=timezone.now)
    reason = models.TextField(_("reason"), blank=True, validators=[refuse_control_characters])
    changes = models.JSONField(_("changes"), default=dict, blank=True)

    objects = HistoryQuerySet.as_manager()

    class Meta:
        db_table = "organizations_historyentry"
        verbose_name = _("history entry")
        verbose_name_plural = _("history")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id", "at"])]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.content_type.model}#{self.object_id}"

    @property
    def model_key(self):
        """The record's model as "app_label.modelname" (the content type cache: no query)."""
        content_type = ContentType.objects.get_for_id(self.content_type_id)
        return f"{content_type.app_label}.{content_type.model}"

    @property
    def history_type(self):
        return history_types.get(self.model_key, self.action)

    @property
    def action_label(self):
        """The action in words: each app names its own (common.history.types)."""
        return history_types.label(self.model_key, self.action)
