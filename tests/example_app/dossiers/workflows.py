"""A dossier's moves, declared once (common.workflows): the services make them, the
officers' page shows the buttons `moves_for` gives."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from common.workflows import Workflow, move
from organizations import permissions
from tests.example_app.dossiers.permissions import APPROVE, EDIT
from tests.example_app.dossiers.states import DossierState as S


def may_edit(user, dossier) -> bool:
    """The unit's people (and those of the units above it), and the association's staff."""
    return permissions.can(user, EDIT, dossier.unit)


def may_approve(user, dossier) -> bool:
    return permissions.can(user, APPROVE, dossier.unit)


def _has_a_file(dossier, by):
    if not dossier.files.exists():
        raise ValidationError(_("Attach the dossier's documents before sending it."))


def _refused(dossier, to):
    return _("A dossier that is “%(state)s” cannot become “%(to)s”.") % {
        "state": dossier.get_state_display(),
        "to": S(to).label,
    }


DOSSIER = Workflow(
    S,
    [
        move(
            "submit",
            [S.DRAFT],
            S.SUBMITTED,
            action="submitted",
            who=may_edit,
            check=_has_a_file,
            label=gettext_lazy("Send for approval"),
        ),
        move(
            "approve",
            [S.SUBMITTED],
            S.APPROVED,
            action="approved",
            who=may_approve,
            label=gettext_lazy("Approve"),
        ),
        move(
            "return",
            [S.SUBMITTED],
            S.DRAFT,
            action="returned",
            who=may_approve,
            reason_required=gettext_lazy("Say what the unit must change."),
            label=gettext_lazy("Return to the unit"),
        ),
    ],
    refused=_refused,
    lock_related=("unit",),
)
