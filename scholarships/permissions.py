"""What the Study Promotion Fund's app lets a role do (organizations.permission_registry):
its actions, the roles that grant them, and its models in the Django admin."""

from organizations.models import Role
from organizations.permission_registry import VIEW, Action, declare

# Record donations and disbursements. Staff do not handle money: only the treasurer.
HANDLE_MONEY = Action("scholarships.handle_money")

# In the admin, treasurers open funds and edit them and the donors (through the services);
# nobody deletes anything of the fund's: money is corrected by a reversing entry.
TREASURER_ADMIN = frozenset({"view", "add", "change"})


def declared():
    """ScholarshipsConfig.permissions."""
    return declare(
        "scholarships",
        actions=[HANDLE_MONEY],
        roles={Role.TREASURER: {HANDLE_MONEY}},
        admin={Role.STAFF: VIEW, Role.TREASURER: TREASURER_ADMIN},
    )
