"""What the units and people bring to the officers' area (common.officers).

- the menu's "My units" (everyone signed in) and "Administration" (those who may use it);
- panels: a word for an account without a role yet, and the units the person holds a role
  in, with what each role lets them do (the side column);
- due items: the person's own roles ending soon, and for those who manage roles, every role
  in the city ending soon (the admin's list of roles, filtered).
"""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from common import officers
from organizations import permissions, selectors
from organizations.permissions import MANAGE_UNITS


def has_role(user) -> bool:
    return permissions.is_citywide(user) or bool(permissions.memberships(user))


def has_no_role(user) -> bool:
    return officers.signed_in(user) and not has_role(user)


def holds_roles(user) -> bool:
    return bool(permissions.memberships(user))


def manages_roles(user) -> bool:
    return permissions.can(user, MANAGE_UNITS)


def units_panel(request):
    """The units I hold a role in, what each role lets me do, and when it ends."""
    from organizations.views import ROLE_HELP

    today = timezone.localdate()
    held = [
        {
            "membership": membership,
            "help": ROLE_HELP.get(membership.role, ""),
            "ending": selectors.ending_soon(membership, today),
        }
        for membership in permissions.memberships(request.user)
    ]
    return {"held": held, "citywide": permissions.is_citywide(request.user)}


def own_roles_ending(request) -> int:
    today = timezone.localdate()
    return sum(
        selectors.ending_soon(membership, today)
        for membership in permissions.memberships(request.user)
    )


def roles_ending(request) -> int:
    return selectors.roles_ending(timezone.localdate()).count()


def roles_ending_url(request):
    return reverse("admin:organizations_membership_changelist") + "?in_force=ending"


def area() -> officers.OfficersArea:
    return officers.OfficersArea(
        nav=(
            officers.NavEntry(
                key="organizations.units",
                label=_("My units"),
                url_name="organizations_portal:my-units",
                order=80,
                icon="units",
            ),
            officers.NavEntry(
                key="organizations.admin",
                label=_("Administration"),
                url_name="admin:index",
                order=90,
                icon="admin",
                visible=permissions.may_use_admin,
            ),
        ),
        panels=(
            officers.Panel(
                key="organizations.no_role",
                template="organizations/panels/no_role.html",
                context=lambda request: {},
                order=0,
                visible=has_no_role,
            ),
            officers.Panel(
                key="organizations.units",
                template="organizations/panels/units.html",
                context=units_panel,
                order=10,
                column=officers.SIDE,
                visible=has_role,
            ),
        ),
        due=(
            officers.DueItem(
                key="organizations.own_roles_ending",
                label=lambda count: (
                    ngettext(
                        "of your roles ends within %(days)s days",
                        "of your roles end within %(days)s days",
                        count,
                    )
                    % {"days": selectors.ROLES_ENDING_WITHIN.days}
                ),
                count=own_roles_ending,
                url=lambda request: reverse("organizations_portal:my-units"),
                order=80,
                tone="attention",
                visible=holds_roles,
            ),
            officers.DueItem(
                key="organizations.roles_ending",
                label=lambda count: (
                    ngettext(
                        "role in the city ends within %(days)s days",
                        "roles in the city end within %(days)s days",
                        count,
                    )
                    % {"days": selectors.ROLES_ENDING_WITHIN.days}
                ),
                count=roles_ending,
                url=roles_ending_url,
                order=85,
                tone="info",
                visible=manages_roles,
            ),
        ),
    )
