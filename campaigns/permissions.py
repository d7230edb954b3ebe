"""What the campaigns app lets a role do (organizations.permission_registry): its actions,
the roles that grant them, and its models in the Django admin."""

from organizations.models import Role
from organizations.permission_registry import ALL, Action, declare

# Enter and submit a unit's activities, results and reports.
EDIT_UNIT_WORK = Action("campaigns.edit_unit_work")
# Sign off what a unit submits.
SIGN_OFF = Action("campaigns.sign_off")
# Review, publish and return activities; edit the campaigns themselves.
MANAGE_CAMPAIGNS = Action("campaigns.manage_campaigns")


def declared():
    """CampaignsConfig.permissions."""
    return declare(
        "campaigns",
        actions=[EDIT_UNIT_WORK, SIGN_OFF, MANAGE_CAMPAIGNS],
        roles={
            Role.OFFICER: {EDIT_UNIT_WORK},
            Role.APPROVER: {EDIT_UNIT_WORK, SIGN_OFF},
            Role.STAFF: {EDIT_UNIT_WORK, SIGN_OFF, MANAGE_CAMPAIGNS},
        },
        admin={Role.STAFF: ALL},
    )
