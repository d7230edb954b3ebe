"""How a dossier's state and results are shown on the officers' pages."""

from django import template
from django.utils.translation import gettext as _

from learning_models.states import DossierState

register = template.Library()

TONES = {
    DossierState.REGISTERED: "",
    DossierState.SELF_ASSESSED: "info",
    DossierState.SUBMITTED: "info",
    DossierState.UNDER_APPRAISAL: "info",
    DossierState.RETURNED: "warn",
    DossierState.RESUBMITTED: "info",
    DossierState.RECOGNISED: "ok",
    DossierState.NOT_RECOGNISED: "danger",
}


@register.inclusion_tag("learning_models/portal/_badge.html")
def dossier_state(dossier):
    return {"label": dossier.get_state_display(), "tone": TONES.get(dossier.state, "")}


@register.inclusion_tag("learning_models/portal/_badge.html")
def result(value, row=""):
    """A computed result: met (True), not met (False), or not known yet (None: "not
    complete" for a dossier or a criterion, a dash for an indicator's row)."""
    if value is None:
        return {"label": "—" if row else _("not complete"), "tone": ""}
    if value:
        return {"label": _("met"), "tone": "ok"}
    return {"label": _("not met"), "tone": "danger"}


@register.filter
def number(value):
    """A stored value without trailing zeros: 92.50 → 92.5, 1.00 → 1."""
    if value is None:
        return ""
    from common.formatting import format_number

    return format_number(value.normalize() if hasattr(value, "normalize") else value)
