from functools import wraps

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from common.admin_guards import GuardedAdminMixin
from organizations import permissions


class PortalAdminSite(admin.AdminSite):
    """The staff's workplace. Who may enter is decided by roles, not by `is_staff`, and
    people sign in through the portal's own login page."""

    site_header = _("Hai Phong Study Promotion Association — administration")
    site_title = _("Portal administration")
    index_title = _("Work areas")
    # The lists of activities are wide (titles, units, dates, states): they get the whole
    # width; the breadcrumbs and the index lead between work areas.
    enable_nav_sidebar = False
    # An empty value reads as the portal's pages write it: an em dash, not a hyphen.
    empty_value_display = "—"

    def register(self, model_or_iterable, admin_class=None, **options):
        # Every list and form of the site reads the address and the posted values strictly
        # (common.admin_guards): a bad value gets a message, never a server error.
        admin_class = admin_class or admin.ModelAdmin
        if not issubclass(admin_class, GuardedAdminMixin):
            admin_class = type(
                admin_class.__name__,
                (GuardedAdminMixin, admin_class),
                {"__module__": admin_class.__module__, "__qualname__": admin_class.__qualname__},
            )
        super().register(model_or_iterable, admin_class, **options)

    def has_permission(self, request):
        return permissions.may_use_admin(request.user)

    def admin_view(self, view, cacheable=False):
        guarded = super().admin_view(view, cacheable)

        # Django sends refused visitors to the admin's own login page, which would then send
        # them on to the portal's: one answer instead of two. A signed-in person without an
        # admin role gets a 403 rather than a login form that cannot help them.
        @wraps(guarded)
        def inner(request, *args, **kwargs):
            logout = reverse("admin:logout", current_app=self.name)
            if request.path != logout and not self.has_permission(request):
                if request.user.is_authenticated:
                    raise PermissionDenied
                return redirect_to_login(request.get_full_path())
            return guarded(request, *args, **kwargs)

        return inner

    def login(self, request, extra_context=None):
        if request.user.is_authenticated:
            # Signed in, but without a role that opens the admin.
            raise PermissionDenied
        return redirect_to_login(request.GET.get("next", request.get_full_path()))
