"""What the learning models' admin pages share: the portal's history on a record's page,
diacritic-blind search, and the pages that ask before an action acts."""

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.template.response import TemplateResponse
from django.utils.text import capfirst
from django.utils.translation import gettext

from common.history.display import history_rows
from common.history.types import ADMIN
from common.text import fold

ADMIN_CSS = "css/admin/campaigns.css"


class PortalHistoryMixin:
    """The portal's history (common.models.HistoryEntry) on the change page and behind the
    admin's "History" button, instead of Django's own admin log, which misses every change
    made through the services."""

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
        return TemplateResponse(request, "admin/campaigns/object_history.html", context)


class FoldedSearchMixin:
    """Search without regard to diacritics: "gia dinh" finds "Gia đình".

    `search_fields` are searched as Django does (codes, numbers); besides, each word of
    the folded query must be in one of `folded_fields` (columns stored folded, such as a
    unit's search_name) or of `fold_in_python` (text folded here, for small tables or a
    list already narrowed by its filters)."""

    folded_fields = ()
    fold_in_python = ()

    def get_search_results(self, request, queryset, search_term):
        found, duplicates = super().get_search_results(request, queryset, search_term)
        words = fold(search_term).split()
        if not words or not (self.folded_fields or self.fold_in_python):
            return found, duplicates
        matching = queryset.none()
        if self.folded_fields:
            condition = Q()
            for word in words:
                either = Q()
                for name in self.folded_fields:
                    either |= Q(**{f"{name}__icontains": word})
                condition &= either
            matching = queryset.filter(condition)
        if self.fold_in_python:
            pks = [
                row[0]
                for row in queryset.order_by().values_list("pk", *self.fold_in_python)
                if all(any(word in fold(str(v or "")) for v in row[1:]) for word in words)
            ]
            matching = matching | queryset.filter(pk__in=pks)
        return found | matching, duplicates


def confirmation_page(model_admin, request, template, context):
    """An admin page that asks before an action acts (templates/admin/action_page.html)."""
    request.current_app = model_admin.admin_site.name
    return TemplateResponse(
        request,
        template,
        {
            **model_admin.admin_site.each_context(request),
            "opts": model_admin.model._meta,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            **context,
        },
    )
