"""Fetch-and-authorise helpers: a view gets an activity only through these, so none can
forget the permission check (organizations.permissions decides)."""

from django.shortcuts import get_object_or_404

from campaigns.models import Activity
from organizations import permissions
from organizations.permissions import VIEW_UNIT, Action


def get_activity_for(user, pk, action: Action = VIEW_UNIT) -> Activity:
    """The activity `pk` if `user` may do `action` on its organising unit (as the tree stood
    on the activity's first day); 404 if there is no such activity, 403 otherwise. Nothing
    of the activity is shown in the 403 page."""
    activity = get_object_or_404(
        Activity.objects.select_related("organizer", "campaign", "focus_area", "commune"), pk=pk
    )
    permissions.require(user, action, activity.organizer, on=activity.starts_on)
    return activity
