"""A record's history (common.models.HistoryEntry) as every app's admin shows it on the
record, rendered by common.history.display for the admin's audience (every entry, who and
why)."""

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils.text import capfirst
from django.utils.translation import gettext

from common.history.display import history_rows
from common.history.types import ADMIN


class PortalHistoryMixin:
    """Shows the portal's history on the change page and as the page behind the admin's
    "History" button, instead of Django's own admin log, which misses every change made
    through the portal, the services and the admin actions."""

    def portal_history(self, obj):
        return history_rows(obj, audience=ADMIN)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk:
            context["portal_history"] = self.portal_history(obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def history_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("History: %s") % obj,
            "subtitle": None,
            "object": obj,
            "opts": self.opts,
            "module_name": str(capfirst(self.opts.verbose_name_plural)),
            "portal_history": self.portal_history(obj),
            **(extra_context or {}),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/common/object_history.html", context)
