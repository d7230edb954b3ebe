"""Mail about learning-model dossiers (run by django.tasks after the move's commit): the
reviewers who may appraise a dossier hear when it is submitted or resubmitted; the unit's
people hear when it is returned for completion, recognised or not recognised."""

from django.conf import settings
from django.core.mail import send_mail
from django.tasks import task
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from common.links import public_reverse
from learning_models.states import DossierState
from organizations.models import Membership, Role

TO_REVIEWERS = {DossierState.SUBMITTED, DossierState.RESUBMITTED}
TO_THE_UNIT = {DossierState.RETURNED, DossierState.RECOGNISED, DossierState.NOT_RECOGNISED}


def _reviewers(dossier):
    from learning_models.permissions import REVIEW
    from learning_models.workflows import may_appraise
    from organizations import permissions

    # The tree as it stood when the dossier was filed: a 2024 ward's reviewers are its
    # district's, even if the mail goes out after the district was dissolved.
    day = timezone.localtime(dossier.submitted_at).date() if dossier.submitted_at else None
    return {
        user.email
        for user in permissions.holders(REVIEW, dossier.unit, on=day).exclude(email="")
        if may_appraise(user, dossier)
    }


def _unit_people(dossier):
    emails = set(
        Membership.objects.active()
        .filter(unit=dossier.unit, role__in=[Role.OFFICER, Role.APPROVER])
        .exclude(user__email="")
        .values_list("user__email", flat=True)
    )
    if dossier.registered_by and dossier.registered_by.email:
        emails.add(dossier.registered_by.email)
    return emails


def _return_reason(dossier):
    from common.models import HistoryEntry

    entry = (
        HistoryEntry.objects.for_object(dossier).filter(action="returned").order_by("-at", "-pk")
    ).first()
    return entry.reason if entry else ""


def _message(dossier, state, link):
    names = {"unit": dossier.unit.name, "title": dossier.get_title_display(), "link": link}
    names["level"] = dossier.get_level_display()
    names["year"] = dossier.year
    if state in TO_REVIEWERS:
        subject = _("Dossier to appraise: %(unit)s, %(title)s") % names
        body = (
            _(
                "%(unit)s has submitted its dossier for “%(title)s”, %(level)s, assessment year "
                "%(year)s. Appraise it here: %(link)s"
            )
            % names
        )
    elif state == DossierState.RETURNED:
        subject = _("Dossier returned for completion: %(title)s") % names
        body = _(
            "The reviewers returned the dossier of %(unit)s for “%(title)s” (%(year)s) with "
            "this reason:\n\n%(reason)s\n\nComplete it and resubmit it: %(link)s"
        ) % {**names, "reason": _return_reason(dossier)}
    elif state == DossierState.RECOGNISED:
        subject = _("Recognised: %(unit)s, %(title)s") % names
        body = (
            _(
                "%(unit)s is recognised as “%(title)s”, %(level)s, for %(year)s. The decision and "
                "its certificate: %(link)s"
            )
            % names
        )
    else:
        subject = _("Not recognised: %(unit)s, %(title)s") % names
        body = _(
            "The dossier of %(unit)s for “%(title)s” (%(year)s) was not recognised, for these "
            "reasons:\n\n%(reason)s\n\nThe dossier: %(link)s"
        ) % {**names, "reason": dossier.decision_reason}
    return subject, body


@task
def notify_dossier_state(dossier_id: int, state: str):
    """Mail the people the move concerns; returns how many were written to."""
    from learning_models.models import Dossier

    if state not in TO_REVIEWERS | TO_THE_UNIT:
        return 0
    dossier = Dossier.objects.select_related("unit", "registered_by").get(pk=dossier_id)
    recipients = _reviewers(dossier) if state in TO_REVIEWERS else _unit_people(dossier)
    if not recipients:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        link = public_reverse("learning_models_portal:dossier", args=[dossier.pk])
        subject, body = _message(dossier, state, link)
    send_mail(subject, body, None, sorted(recipients), fail_silently=False)
    return len(recipients)
