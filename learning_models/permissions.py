"""What the learning models app lets a role do (organizations.permission_registry): its
actions, the roles that grant them, and its models in the Django admin.

A reviewer held in the association appraises every unit's dossiers; a reviewer named in a
unit (a district's education office) appraises the dossiers of the units under it, not its
own (learning_models.workflows.may_appraise)."""

from organizations.models import Role
from organizations.permission_registry import ALL, VIEW, Action, declare

# Register a unit for a title, fill its self-assessment, attach its files, submit it.
EDIT_DOSSIERS = Action("learning_models.edit_dossiers")
# Appraise dossiers and record the decision.
REVIEW = Action("learning_models.review")
# Let a dossier be filed after the criteria set's deadline; edit and publish criteria sets.
MANAGE_CATALOGUE = Action("learning_models.manage_catalogue")


def declared():
    """LearningModelsConfig.permissions. Staff hold what officers hold: nobody appoints a
    role that can do more than they can (permissions.may_grant)."""
    return declare(
        "learning_models",
        actions=[EDIT_DOSSIERS, REVIEW, MANAGE_CATALOGUE],
        roles={
            Role.OFFICER: {EDIT_DOSSIERS},
            Role.APPROVER: {EDIT_DOSSIERS},
            Role.STAFF: {EDIT_DOSSIERS, REVIEW, MANAGE_CATALOGUE},
            Role.REVIEWER: {REVIEW},
        },
        admin={Role.STAFF: ALL, Role.REVIEWER: VIEW},
    )
