from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from organizations import permissions


class PortalAdminSite(admin.AdminSite):
    """The staff's workplace. Who may enter is decided by roles, not by `is_staff`, and
    people sign in through the portal's own login page."""

    site_header = _("Hai Phong Study Promotion Association — administration")
    site_title = _("Portal administration")
    index_title = _("Work areas")

    def has_permission(self, request):
        return permissions.can(request.user, permissions.Action.USE_ADMIN)

    def login(self, request, extra_context=None):
        if request.user.is_authenticated:
            # Signed in, but without a role that opens the admin.
            raise PermissionDenied
        return redirect_to_login(request.GET.get("next", request.get_full_path()))
