"""The association's review queue, as its own entry in the admin."""

from django.utils.translation import gettext_lazy as _

from .activities import Activity


class ActivityToReview(Activity):
    """Submitted activities waiting for staff, oldest first: a proxy, so that the queue
    gets its own line on the admin's front page (campaigns.admin.queue)."""

    class Meta:
        proxy = True
        verbose_name = _("activity to review")
        verbose_name_plural = _("review queue")
