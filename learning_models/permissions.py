"""What the learning models app lets a role do (organizations.permission_registry): its
actions, the roles that grant them, and its models in the Django admin."""

from organizations.models import Role
from organizations.permission_registry import ALL, VIEW, Action, declare

# Review recognition dossiers.
REVIEW = Action("learning_models.review")


def declared():
    """LearningModelsConfig.permissions."""
    return declare(
        "learning_models",
        actions=[REVIEW],
        roles={Role.STAFF: {REVIEW}, Role.REVIEWER: {REVIEW}},
        admin={Role.STAFF: ALL, Role.REVIEWER: VIEW},
    )
