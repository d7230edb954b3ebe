"""The one place that answers "may this user do this action on this unit?".

Every view, admin page, import and service asks here. The rules:

- a role grants the actions the apps declared for it (organizations.permission_registry:
  each app names its own actions and the roles that grant them, in its `permissions.py`);
- unit roles (officer, approver) reach their unit and every unit under it, following the
  tree as it stood on the day in question (or at any time when no day is given);
- association roles (staff, treasurer, reviewer) held in the study promotion association
  reach every unit of the city; a reviewer may also be named in a unit (a district's
  education office appraises its communes' learning-model dossiers), and then reaches that
  unit and the units under it, like a unit role;
- a superuser may do everything; an anonymous or inactive user nothing that needs a role.

Memberships are read once per request and kept on the user object.
"""

import datetime

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils import timezone

from organizations import permission_registry as registry
from organizations.models import Membership, Role, Unit, UnitAncestry, UnitKind, User
from organizations.permission_registry import ALL, VIEW, Action, declare

# organizations' own actions; the other apps declare theirs in their own permissions.py.
VIEW_UNIT = Action("organizations.view_unit")  # see what a unit has not published
MANAGE_UNITS = Action("organizations.manage_units")  # the unit tree and who holds which role
USE_ADMIN = Action("organizations.use_admin")  # enter the Django admin

# Roles of the association itself, which acts for the whole city.
CITYWIDE_ROLES = {Role.STAFF, Role.TREASURER, Role.REVIEWER}
# Of those, the roles that may also be held in a unit outside the association, where they
# reach that unit and the units under it only.
UNIT_HELD_ROLES = {Role.REVIEWER, Role.TREASURER}

# The failed sign-ins (django-axes, app "axes"): "delete" is lifting a lockout, which the admin
# does through services.lift_lockout, with history.
LIFT = frozenset({"view", "delete"})


def declared():
    """organizations' permissions (OrganizationsConfig.permissions)."""
    return declare(
        "organizations",
        actions=[VIEW_UNIT, MANAGE_UNITS, USE_ADMIN],
        roles={
            Role.OFFICER: {VIEW_UNIT},
            Role.APPROVER: {VIEW_UNIT},
            Role.STAFF: {VIEW_UNIT, MANAGE_UNITS, USE_ADMIN},
            Role.TREASURER: {VIEW_UNIT, USE_ADMIN},
            Role.REVIEWER: {VIEW_UNIT, USE_ADMIN},
        },
        admin={Role.STAFF: ALL, Role.TREASURER: VIEW, Role.REVIEWER: VIEW},
        package_admin={"axes": {Role.STAFF: LIFT}},
    )


def _signed_in(user) -> bool:
    return getattr(user, "is_authenticated", False) and user.is_active


def memberships(user):
    """The user's roles in force today, read once per request."""
    if not _signed_in(user):
        return []
    cached = getattr(user, "_portal_memberships", None)
    if cached is None:
        cached = list(Membership.objects.active().filter(user=user).select_related("unit"))
        user._portal_memberships = cached
    return cached


def forget(user):
    """Drop the cached roles, after they changed."""
    user.__dict__.pop("_portal_memberships", None)


def _check_registered(action):
    """Asking about an action no app declared is a mistake in the code, not a "no"."""
    if not registry.is_registered(action):
        raise LookupError(f"No app declares the action {action!r}.")


def acts_citywide(membership) -> bool:
    """Whether this role, held where it is, reaches the whole city."""
    if membership.role not in CITYWIDE_ROLES:
        return False
    return membership.role not in UNIT_HELD_ROLES or membership.unit.kind == UnitKind.ASSOCIATION


def _grants(membership, action):
    return action in registry.granted_by(membership.role)


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
    _check_registered(action)
    if not _signed_in(user):
        return False
    if user.is_superuser:
        return True
    granting = [m for m in memberships(user) if _grants(m, action)]
    if not granting:
        return False
    if any(acts_citywide(m) for m in granting):
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

    It says what `can(user, action, unit, on=on)` says of each row's unit: the units the
    roles are held in, on any day, and the units under them on the day. Lists use it so
    that they never show another district's records: the answer is computed in the
    database, in one query, whatever the length of the list.
    """
    _check_registered(action)
    if not _signed_in(user):
        return Q(pk__in=[])
    if user.is_superuser:
        return Q()
    granting = [m for m in memberships(user) if _grants(m, action)]
    if any(acts_citywide(m) for m in granting):
        return Q()
    if not granting:
        return Q(pk__in=[])
    held = [m.unit_id for m in granting]
    reachable = UnitAncestry.objects.filter(ancestor_id__in=held)
    if on is not None:
        reachable = reachable.valid_on(on)
    reachable = reachable.values("unit_id")
    return Q(**{f"{field}__in": held}) | Q(**{f"{field}__in": reachable})


def is_citywide(user) -> bool:
    """Whether the user acts for the whole city (a superuser, or an association role)."""
    if not _signed_in(user):
        return False
    return user.is_superuser or any(acts_citywide(m) for m in memberships(user))


def units_for(user, action: Action, *, on: datetime.date | None = None):
    """The units the user may do `action` on (on the day `on`, or at any time)."""
    return Unit.objects.filter(unit_filter(user, action, field="pk", on=on))


def holders(action: Action, unit: Unit, *, on: datetime.date | None = None):
    """The people who hold `action` on `unit` on the day `on` (today when not given): the
    recipients of a mail about the unit, the approvers up its tree.

    A queryset of active users, computed in the database: those with a role in force on
    that day that grants the action, held in the unit itself or in a unit above it as the
    tree stood that day, or held for the whole city (an association role). A superuser
    without such a role is not among them: they may do everything, but hold nothing.
    """
    _check_registered(action)
    day = on or timezone.localdate()
    roles = registry.roles_granting(action)
    local = [role for role in roles if role not in CITYWIDE_ROLES or role in UNIT_HELD_ROLES]
    citywide = [role for role in roles if role in CITYWIDE_ROLES]
    in_association = Q(unit__kind=UnitKind.ASSOCIATION) | ~Q(role__in=UNIT_HELD_ROLES)
    above = UnitAncestry.objects.filter(unit=unit).valid_on(day).values("ancestor_id")
    reach = (Q(role__in=citywide) & in_association) | (
        Q(role__in=local) & (Q(unit_id=unit.pk) | Q(unit_id__in=above))
    )
    granting = Membership.objects.active(day).filter(reach).values("user_id")
    return User.objects.filter(is_active=True, pk__in=granting)


def actions_of(user) -> set[Action]:
    """Every action the user's roles in force today grant, wherever they may do it."""
    if not _signed_in(user):
        return set()
    if user.is_superuser:
        return set(registry.all_actions())
    found = set()
    for membership in memberships(user):
        found |= registry.granted_by(membership.role)
    return found


def may_grant(user, role: Role, *, to=None) -> bool:
    """May `user` give someone (`to`) the role `role`, or end it?

    Nobody hands out more than they hold: association staff can name officers, approvers,
    reviewers and other staff, but only a superuser names a treasurer, since staff do not
    handle money. Nobody but a superuser changes their own roles.
    """
    if not can(user, MANAGE_UNITS):
        return False
    if user.is_superuser:
        return True
    if to is not None and to.pk == user.pk:
        return False
    return registry.granted_by(role) <= actions_of(user)


def may_manage_account(user, other) -> bool:
    """May `user` change `other`'s account (name, e-mail, password, active)?

    Only when `other` holds no power that `user` lacks: otherwise setting their password
    would be a way into those powers. A superuser's account is for superusers only.
    """
    if not can(user, MANAGE_UNITS):
        return False
    if user.is_superuser:
        return True
    if other.is_superuser:
        return False
    return other.pk == user.pk or actions_of(other) <= actions_of(user)


def may_use_admin(user) -> bool:
    """Whether the user may enter the Django admin: a role granting it, held for the city
    (a reviewer named in a district appraises in the portal only)."""
    return can(user, USE_ADMIN) and is_citywide(user)


def has_admin_permission(user, app_label: str, operation: str | None = None) -> bool:
    """Django admin model permissions, derived from roles (each app's `admin` declaration)."""
    if not _signed_in(user):
        return False
    if user.is_superuser:
        return True
    for membership in memberships(user):
        if membership.role in UNIT_HELD_ROLES and not acts_citywide(membership):
            continue  # a reviewer named in a district works in the portal, not the admin
        allowed = registry.admin_operations(membership.role, app_label)
        if allowed and (operation is None or operation in allowed):
            return True
    return False
