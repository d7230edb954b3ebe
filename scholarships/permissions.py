"""What the Study Promotion Fund's app lets a role do (organizations.permission_registry):
its actions, the roles that grant them, and its models in the Django admin."""

from organizations.models import Role
from organizations.permission_registry import ALL, VIEW, Action, declare

# Record donations and disbursements. Staff do not handle money: only the treasurer.
HANDLE_MONEY = Action("scholarships.handle_money")


def declared():
    """ScholarshipsConfig.permissions."""
    return declare(
        "scholarships",
        actions=[HANDLE_MONEY],
        roles={Role.TREASURER: {HANDLE_MONEY}},
        admin={Role.STAFF: VIEW, Role.TREASURER: ALL, Role.REVIEWER: VIEW},
    )
