"""The signed-in person's own pages (the units they hold a role in, each unit's page), and
the account pages the portal changes from Django's (signing out, asking for a new password).

Every page that shows a unit fetches it through `get_unit_for`, which checks the person may
see it: no view can forget the check.
"""

import datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.signals import user_login_failed
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from organizations import permissions, selectors, services, sign_in_limits
from organizations.models import Membership, Role, Unit, UnitAncestry, UnitKind
from organizations.permissions import VIEW_UNIT

# What a role means for the person who holds it, in one sentence each.
ROLE_HELP = {
    Role.OFFICER: _(
        "You enter the activities, results and reports of this unit and of the units under it."
    ),
    Role.APPROVER: _(
        "You sign off what this unit and the units under it submit, and may enter it too."
    ),
    Role.STAFF: _(
        "You work for the whole city: campaigns, units and roles, review and publication, "
        "in the administration."
    ),
    Role.TREASURER: _(
        "You record the Study Promotion Fund's donations and payments, for the whole city."
    ),
    Role.REVIEWER: _(
        "You review scholarship nominations and learning-model dossiers, for the whole city."
    ),
}


def get_unit_for(user, pk, action=VIEW_UNIT):
    """Fetch a unit and check the user may `action` on it, in one step.

    An unknown unit is a 404; a unit the user may not act on is a 403 (PermissionDenied),
    whatever the view does next.
    """
    unit = get_object_or_404(Unit, pk=pk)
    permissions.require(user, action, unit)
    return unit


def relevant_day(unit, today):
    """The day a unit's page shows the tree of: today while the unit exists, otherwise the
    nearest day on which it did (its last day, or its first for a unit yet to start)."""
    if unit.valid_until is not None and unit.valid_until < today:
        return unit.valid_until
    if unit.valid_from is not None and unit.valid_from > today:
        return unit.valid_from
    return today


def _parse_day(value):
    try:
        return datetime.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _children_on(unit, day):
    """The units directly under `unit` on `day`, in one query."""
    below = UnitAncestry.objects.valid_on(day).filter(ancestor=unit, depth=1).values("unit_id")
    return list(Unit.objects.valid_on(day).filter(pk__in=below).order_by("kind", "search_name"))


def _visible_ids(user, units):
    """Which of `units` the user may open, in one query."""
    ids = {unit.pk for unit in units if unit is not None}
    if not ids:
        return set()
    return set(
        permissions.units_for(user, VIEW_UNIT).filter(pk__in=ids).values_list("pk", flat=True)
    )


@login_required
def my_units(request):
    """The units I hold a role in, each with the units under it on its relevant day."""
    today = timezone.localdate()
    held = []
    for membership in permissions.memberships(request.user):
        unit = membership.unit
        day = relevant_day(unit, today)
        held.append(
            {
                "membership": membership,
                "unit": unit,
                "help": ROLE_HELP.get(membership.role, ""),
                "citywide": permissions.acts_citywide(membership),
                "current": unit.is_valid_on(today),
                "day": day,
                "children": _children_on(unit, day),
            }
        )
    citywide = permissions.is_citywide(request.user)
    city = None
    if citywide:
        city = selectors.city_on(today) or (
            Unit.objects.filter(code=settings.PORTAL_CITY_CODE, kind=UnitKind.CITY)
            .order_by("-valid_until")
            .first()
        )
    return render(
        request,
        "organizations/my_units.html",
        {"held": held, "today": today, "citywide": citywide, "city": city},
    )


@login_required
def unit_detail(request, pk):
    """A unit as it stood on a day: its place in the tree, its history, who works for it."""
    unit = get_unit_for(request.user, pk)
    today = timezone.localdate()
    asked = _parse_day(request.GET.get("on"))
    day = asked if asked is not None and unit.is_valid_on(asked) else relevant_day(unit, today)
    ancestors = selectors.ancestors_on(unit, day)
    children = _children_on(unit, day)
    predecessor_links = list(unit.predecessor_links.select_related("predecessor"))
    successor_links = list(unit.successor_links.select_related("unit"))
    visible = _visible_ids(
        request.user,
        [
            *ancestors,
            *children,
            *(link.predecessor for link in predecessor_links),
            *(link.unit for link in successor_links),
        ],
    )
    members = (
        Membership.objects.active(today)
        .filter(unit=unit)
        .select_related("user")
        .order_by("role", "user__full_name", "user__username")
    )
    return render(
        request,
        "organizations/unit_detail.html",
        {
            "unit": unit,
            "day": day,
            "today": today,
            "asked_invalid": asked is not None and asked != day,
            "current": unit.is_valid_on(today),
            "trail": list(reversed(ancestors)),
            "parent": ancestors[0] if ancestors else None,
            "children": children,
            "predecessor_links": predecessor_links,
            "successor_links": successor_links,
            "visible": visible,
            "members": members,
            "my_roles": [m for m in permissions.memberships(request.user) if m.unit_id == unit.pk],
        },
    )


class LogoutView(auth_views.LogoutView):
    """Signing out is a POST (the button in the menu). A link or a typed address that
    arrives here with GET gets a page with that button instead of an error."""

    http_method_names = ["get", "post", "options"]
    template_name = "registration/logout_confirm.html"

    def get(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect(settings.LOGOUT_REDIRECT_URL)
        return render(request, self.template_name)

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        messages.success(request, gettext("You have signed out. See you again."))
        return response


class PasswordResetView(auth_views.PasswordResetView):
    """Ask for a new-password link, a few times an hour at most for one address and from one
    client (organizations.sign_in_limits), so the form cannot be used to flood a mailbox."""

    def form_valid(self, form):
        email = form.cleaned_data["email"]
        until = sign_in_limits.reset_refused_until(self.request, email)
        if until is not None:
            return sign_in_limits.reset_refused_response(self.request, until)
        sign_in_limits.count_reset(self.request, email)
        return super().form_valid(form)


class PasswordChangeView(auth_views.PasswordChangeView):
    """Change one's password. A wrong current password counts as a failed sign-in of the
    account (django-axes), so a session left open on a shared computer cannot be used to
    guess the password: after the same few tries as at the sign-in page, the account is
    paused, here and at the sign-in, until the pause ends."""

    def post(self, request, *args, **kwargs):
        until = sign_in_limits.lockout_ends(
            username=request.user.get_username(), ip_address=sign_in_limits.client_ip(request)
        )
        if until is not None and until > timezone.now():
            return sign_in_limits.paused_response(request, until)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        if "old_password" in form.errors:
            user_login_failed.send(
                sender=type(self),
                credentials={"username": self.request.user.get_username()},
                request=self.request,
            )
        return super().form_invalid(form)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Set a new password from the link in the mail. Having the mailbox proves the account
    is the person's own: a sign-in pause on the account is lifted with the new password (the
    history says so), so the person is not kept out by the failures that made them ask."""

    def form_valid(self, form):
        response = super().form_valid(form)
        services.lift_lockout(
            username=form.user.get_username(),
            by=form.user,
            reason=gettext("A new password was set from the link sent to the account's e-mail."),
        )
        return response
