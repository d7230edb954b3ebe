"""Every app's actions under one name, as the tests ask about them (`Action.SIGN_OFF`). Each
app declares its own in its `permissions.py`; `permission_registry.all_actions()` is the
list of every registered one."""

from campaigns.permissions import EDIT_UNIT_WORK, MANAGE_CAMPAIGNS, SIGN_OFF
from learning_models.permissions import REVIEW
from organizations.permissions import MANAGE_UNITS, USE_ADMIN, VIEW_UNIT
from scholarships.permissions import HANDLE_MONEY


class Action:
    VIEW_UNIT = VIEW_UNIT
    MANAGE_UNITS = MANAGE_UNITS
    USE_ADMIN = USE_ADMIN
    EDIT_UNIT_WORK = EDIT_UNIT_WORK
    SIGN_OFF = SIGN_OFF
    MANAGE_CAMPAIGNS = MANAGE_CAMPAIGNS
    REVIEW = REVIEW
    HANDLE_MONEY = HANDLE_MONEY
