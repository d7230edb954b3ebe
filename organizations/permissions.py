"""The one place that answers "may this user do this action on this unit?".

Every view, admin page, import and service asks here. The rules:

- a role grants a fixed set of actions (ROLE_ACTIONS below);
- unit roles (officer, approver) reach their unit and every unit under it, following the
  tree as it stood on the day in question (or at any time when no day is given);
- association roles (staff, treasurer, reviewer) reach every unit of the city;
- a superuser may do everything; an anonymous or inactive user nothing that needs a role.

Memberships are read once per request and kept on the user object.
"""

import datetime
import enum

from django.core.exceptions import PermissionDenied
from django.db.models import Q

from organizations.models import Membership, Role, Unit, UnitAncestry


class Action(enum.StrEnum):
    VIEW_UNIT = "view_unit"  # see what a unit has not published: drafts, members, reports
    EDIT_UNIT_WORK = "edit_unit_work"  # enter and submit activities, results and reports
    SIGN_OFF = "sign_off"  # sign off the unit's submissions
    MANAGE_CAMPAIGNS = "manage_campaigns"  # review, publish, return; edit campaigns
    MANAGE_UNITS = "manage_units"  # the unit tree and who holds which role
    HANDLE_MONEY = "handle_money"  # record donations and disbursements
    REVIEW = "review"  # review scholarship nominations and recognition dossiers
    USE_ADMIN = "use_admin"  # enter the Django admin


ROLE_ACTIONS = {
    Role.OFFICER: {Action.VIEW_UNIT, Action.EDIT_UNIT_WORK},
    Role.APPROVER: {Action.VIEW_UNIT, Action.EDIT_UNIT_WORK, Action.SIGN_OFF},
    Role.STAFF: set(Action) - {Action.HANDLE_MONEY},
    Role.TREASURER: {Action.VIEW_UNIT, Action.HANDLE_MONEY, Action.USE_ADMIN},
    Role.REVIEWER: {Action.VIEW_UNIT, Action.REVIEW, Action.USE_ADMIN},
}

# Roles of the association itself, which acts for the whole city.
CITYWIDE_ROLES = {Role.STAFF, Role.TREASURER, Role.REVIEWER}

# What each role may do in the Django admin, by app: the model permissions Django asks for
# ("view", "add", "change", "delete"). Whether a record may really be deleted is decided by
# its ModelAdmin: money and history are never deleted.
ALL = frozenset({"view", "add", "change", "delete"})
VIEW = frozenset({"view"})
# The failed sign-ins (django-axes, app "axes"): "delete" is lifting a lockout, which the admin
# does through services.lift_lockout, with history.
LIFT = frozenset({"view", "delete"})
ADMIN_PERMISSIONS = {
    Role.STAFF: {
        "organizations": ALL,
        "campaigns": ALL,
        "learning_models": ALL,
        "scholarships": VIEW,
        "axes": LIFT,
    },
    Role.TREASURER: {"scholarships": ALL, "organizations": VIEW},
    Role.REVIEWER: {"scholarships": VIEW, "learning_models": VIEW, "organizations": VIEW},
}


def memberships(user):
    """The user's roles in force today, read once per request."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    cached = getattr(user, "_portal_memberships", None)
    if cached is None:
        cached = list(Membership.objects.active().filter(user=user).select_related("unit"))
        user._portal_memberships = cached
    return cached


def forget(user):
    """Drop the cached roles, after they changed."""
    user.__dict__.pop("_portal_memberships", None)


def _grants(membership, action):
    return action in ROLE_ACTIONS.get(membership.role, ())


def is_within(unit, ancestor, *, on: datetime.date | None = None) -> bool:
    """Whether `unit` is `ancestor` or lies under it (on the given day, or at any time)."""
    if unit.pk == ancestor.pk:
        return True
    rows = UnitAncestry.objects.filter(unit=unit, ancestor=ancestor)
    if on is not None:
        rows = rows.valid_on(on)
    return rows.exists()


def can(user, action: Action, unit: Unit | None = None, *, on: datetime.date | None = None):
    """May `user` do `action` on `unit`? Without a unit: may they do it anywhere at all?"""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    granting = [m for m in memberships(user) if _grants(m, action)]
    if not granting:
        return False
    if any(m.role in CITYWIDE_ROLES for m in granting):
        return True
    if unit is None:
        return True
    return any(is_within(unit, m.unit, on=on) for m in granting)


def require(user, action: Action, unit: Unit | None = None, *, on=None):
    """Like `can`, but raises PermissionDenied (a 403 page) when the answer is no."""
    if not can(user, action, unit, on=on):
        raise PermissionDenied


def unit_filter(user, action: Action, field: str = "unit", *, on: datetime.date | None = None) -> Q:
    """A filter keeping the rows whose `field` (a unit) the user may act on (following the
    tree as it stood on the day `on`, or at any time when no day is given).

    Lists use it so that they never show another district's records: the answer is computed
    in the database, in one query, whatever the length of the list.
    """
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Q(pk__in=[])
    if user.is_superuser:
        return Q()
    granting = [m for m in memberships(user) if _grants(m, action)]
    if any(m.role in CITYWIDE_ROLES for m in granting):
        return Q()
    if not granting:
        return Q(pk__in=[])
    reachable = UnitAncestry.objects.filter(ancestor_id__in=[m.unit_id for m in granting])
    if on is not None:
        reachable = reachable.valid_on(on)
    reachable = reachable.values("unit_id")
    return Q(**{f"{field}__in": reachable})


def is_citywide(user) -> bool:
    """Whether the user acts for the whole city (a superuser, or an association role)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.is_superuser or any(m.role in CITYWIDE_ROLES for m in memberships(user))


def units_for(user, action: Action, *, on: datetime.date | None = None):
    """The units the user may do `action` on (on the day `on`, or at any time)."""
    return Unit.objects.filter(unit_filter(user, action, field="pk", on=on))


def actions_of(user) -> set[Action]:
    """Every action the user's roles in force today grant, wherever they may do it."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return set()
    if user.is_superuser:
        return set(Action)
    found = set()
    for membership in memberships(user):
        found |= ROLE_ACTIONS.get(membership.role, set())
    return found


def may_grant(user, role: Role, *, to=None) -> bool:
    """May `user` give someone (`to`) the role `role`, or end it?

    Nobody hands out more than they hold: association staff can name officers, approvers,
    reviewers and other staff, but only a superuser names a treasurer, since staff do not
    handle money. Nobody but a superuser changes their own roles.
    """
    if not can(user, Action.MANAGE_UNITS):
        return False
    if user.is_superuser:
        return True
    if to is not None and to.pk == user.pk:
        return False
    return ROLE_ACTIONS.get(role, set()) <= actions_of(user)


def may_manage_account(user, other) -> bool:
    """May `user` change `other`'s account (name, e-mail, password, active)?

    Only when `other` holds no power that `user` lacks: otherwise setting their password
    would be a way into those powers. A superuser's account is for superusers only.
    """
    if not can(user, Action.MANAGE_UNITS):
        return False
    if user.is_superuser:
        return True
    if other.is_superuser:
        return False
    return other.pk == user.pk or actions_of(other) <= actions_of(user)


def has_admin_permission(user, app_label: str, operation: str | None = None) -> bool:
    """Django admin model permissions, derived from roles (see ADMIN_PERMISSIONS)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    for membership in memberships(user):
        allowed = ADMIN_PERMISSIONS.get(membership.role, {}).get(app_label)
        if allowed and (operation is None or operation in allowed):
            return True
    return False
