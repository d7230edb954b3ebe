"""What the dossiers bring to the officers' area (common.officers): the menu's entry, and
the dossiers waiting — drafts a unit has still to send, sent ones the association has
still to approve."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from common import officers
from organizations import permissions
from tests.example_app.dossiers.models import Dossier, DossierState
from tests.example_app.dossiers.permissions import APPROVE, EDIT


def works_on_dossiers(user) -> bool:
    return permissions.can(user, EDIT) or permissions.can(user, APPROVE)


def sends_units_dossiers(user) -> bool:
    return permissions.can(user, EDIT) and not permissions.is_citywide(user)


def approves(user) -> bool:
    return permissions.can(user, APPROVE)


def _waiting(action, state):
    def count(request):
        rows = Dossier.objects.filter(permissions.unit_filter(request.user, action))
        return rows.filter(state=state).count()

    return count


def _list_url(request):
    return reverse("dossiers:list")


def area():
    return officers.OfficersArea(
        nav=(
            officers.NavEntry(
                key="dossiers.list",
                label=_("Recognition dossiers"),
                url_name="dossiers:list",
                order=40,
                icon="award",
                visible=works_on_dossiers,
            ),
        ),
        due=(
            officers.DueItem(
                key="dossiers.drafts",
                label=ngettext_lazy(
                    "dossier waiting to be sent", "dossiers waiting to be sent", "count"
                ),
                count=_waiting(EDIT, DossierState.DRAFT),
                url=_list_url,
                order=40,
                visible=sends_units_dossiers,
            ),
            officers.DueItem(
                key="dossiers.waiting",
                label=ngettext_lazy(
                    "dossier waiting for approval", "dossiers waiting for approval", "count"
                ),
                count=_waiting(APPROVE, DossierState.SUBMITTED),
                url=_list_url,
                order=40,
                visible=approves,
            ),
        ),
    )
