"""The dossiers' own actions, and the roles that grant them."""

from organizations.models import Role
from organizations.permission_registry import Action, declare

EDIT = Action("dossiers.edit")  # open a unit's dossier, attach its files, send it
APPROVE = Action("dossiers.approve")  # approve a sent dossier, or return it


def declared():
    # Staff hold what the officers hold: nobody appoints a role that can do more than they can.
    return declare(
        "dossiers",
        actions=[EDIT, APPROVE],
        roles={Role.OFFICER: {EDIT}, Role.APPROVER: {EDIT}, Role.STAFF: {EDIT, APPROVE}},
    )
