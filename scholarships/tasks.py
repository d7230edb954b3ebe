"""Mail of the fund (run by django.tasks after the commit that asked for it): a reminder to a
pledger whose pledge is due or overdue."""

from django.conf import settings
from django.core.mail import send_mail
from django.tasks import task
from django.utils import translation
from django.utils.translation import gettext as _

from common.formatting import format_day
from common.links import public_reverse
from common.money import format_vnd


@task
def remind_pledger(pledge_id: int) -> int:
    """Remind the donor of what is left to pay of their pledge, with the page that shows its
    transfer code. Returns the number of mails sent (0 when the donor has no e-mail or
    nothing is left to pay)."""
    from scholarships import selectors
    from scholarships.models import Pledge

    pledge = Pledge.objects.select_related("fund", "donor").get(pk=pledge_id)
    left = selectors.pledge_left(pledge)
    if not pledge.donor.email or left <= 0:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        link = public_reverse("scholarships:pledge", args=[pledge.token])
        subject = _("Your pledge to %(fund)s") % {"fund": pledge.fund.name}
        body = _(
            "Dear %(donor)s,\n\nThank you for your pledge of %(amount)s to %(fund)s, due by "
            "%(due)s. %(left)s of it is still to be paid.\n\nYou can transfer it with the "
            "reference %(reference)s, or scan the VietQR code on this page: %(link)s\n\n"
            "If you have paid in the last few days, please disregard this message."
        ) % {
            "donor": pledge.donor.name,
            "amount": format_vnd(pledge.amount),
            "fund": pledge.fund.name,
            "due": format_day(pledge.due_on),
            "left": format_vnd(left),
            "reference": pledge.reference,
            "link": link,
        }
    return send_mail(subject, body, None, [pledge.donor.email])
