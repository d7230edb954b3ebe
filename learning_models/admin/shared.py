"""What the learning models' admin pages share: diacritic-blind search and the pages that
ask before an action acts (the portal's history on a record's page is
common.admin_history's)."""

from django.contrib import admin
from django.db.models import Q
from django.template.response import TemplateResponse

from common.text import fold

ADMIN_CSS = "css/admin/campaigns.css"


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
