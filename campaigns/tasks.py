"""Background work of the campaigns app (run by django.tasks)."""

from django.conf import settings
from django.core.mail import send_mail
from django.tasks import task
from django.utils import translation
from django.utils.translation import gettext as _

from campaigns.states import ActivityState
from common.links import public_reverse
from organizations.models import Membership, Role


@task
def notify_activity_state(activity_id: int, state: str):
    """Tell the unit's officers what happened to their activity (returned or published),
    and nothing else: the review queue is where staff see new submissions."""
    from campaigns.models import Activity

    if state not in {ActivityState.RETURNED, ActivityState.PUBLISHED}:
        return 0
    activity = Activity.objects.select_related("organizer", "created_by").get(pk=activity_id)
    recipients = set(
        Membership.objects.active()
        .filter(unit=activity.organizer, role__in=[Role.OFFICER, Role.APPROVER])
        .exclude(user__email="")
        .values_list("user__email", flat=True)
    )
    if activity.created_by and activity.created_by.email:
        recipients.add(activity.created_by.email)
    if not recipients:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        link = public_reverse("campaigns_portal:activity", args=[activity.pk])
        if state == ActivityState.RETURNED:
            subject = _("Activity returned for changes: %(title)s") % {"title": activity.title}
            body = _(
                "The association's staff returned the activity “%(title)s” with this reason:"
                "\n\n%(reason)s\n\nFix it and submit it again: %(link)s"
            ) % {"title": activity.title, "reason": activity.return_reason, "link": link}
        else:
            subject = _("Activity published: %(title)s") % {"title": activity.title}
            body = _(
                "The activity “%(title)s” is now on the public calendar. After it has taken "
                "place, enter its results: %(link)s"
            ) % {"title": activity.title, "link": link}
    send_mail(subject, body, None, sorted(recipients), fail_silently=False)
    return len(recipients)
