from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from organizations import permissions, selectors
from organizations.models import Membership, Unit
from organizations.permissions import Action


@login_required
def my_units(request):
    """The units I hold a role in, with the units under each as the tree stands today."""
    today = timezone.localdate()
    tree = selectors.tree_on(today)
    held = []
    for membership in permissions.memberships(request.user):
        unit = membership.unit
        held.append(
            {
                "membership": membership,
                "unit": unit,
                "current": unit.is_valid_on(today),
                "children": tree.children(unit) if unit.pk in tree.units else [],
            }
        )
    return render(
        request,
        "organizations/my_units.html",
        {
            "held": held,
            "today": today,
            "citywide": permissions.can(request.user, Action.MANAGE_CAMPAIGNS),
        },
    )


def get_unit_for(user, pk, action=Action.VIEW_UNIT):
    """Fetch a unit and check the user may `action` on it, in one step (403 otherwise)."""
    unit = get_object_or_404(Unit, pk=pk)
    permissions.require(user, action, unit)
    return unit


@login_required
def unit_detail(request, pk):
    unit = get_unit_for(request.user, pk)
    day = unit.valid_until or timezone.localdate()
    if not unit.is_valid_on(day):
        day = unit.valid_from or day
    tree = selectors.tree_on(day)
    members = (
        Membership.objects.active()
        .filter(unit=unit)
        .select_related("user")
        .order_by("role", "user__full_name")
    )
    return render(
        request,
        "organizations/unit_detail.html",
        {
            "unit": unit,
            "day": day,
            "parent": tree.parent(unit) if unit.pk in tree.units else None,
            "children": tree.children(unit) if unit.pk in tree.units else [],
            "members": members,
            "predecessor_links": unit.predecessor_links.select_related("predecessor"),
            "successor_links": unit.successor_links.select_related("unit"),
        },
    )
