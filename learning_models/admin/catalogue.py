"""The criteria catalogue in the admin: criteria sets, their criteria and indicators.

A draft version is edited here (its criteria inline, each criterion's indicators on the
criterion's page); a published version is shown read-only everywhere, inlines included,
and is never deleted (the models refuse it too). A correction of a published version is a
new draft version of it ("Make a new draft version", services.new_draft), which staff edit
and then publish (services.publish); both buttons ask first and write the set's history.
"""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from common.admin_history import PortalHistoryMixin
from common.formatting import format_period
from learning_models import services
from learning_models.models import CriteriaSet, Criterion, Indicator
from learning_models.permissions import MANAGE_CATALOGUE
from learning_models.states import SetState
from organizations import permissions

from .shared import ADMIN_CSS, FoldedSearchMixin, confirmation_page


def _draft(obj) -> bool:
    """Whether `obj` (a set, or a criterion) belongs to a draft: new ones do."""
    if obj is None:
        return True
    criteria_set = obj if isinstance(obj, CriteriaSet) else obj.criteria_set
    return not criteria_set.is_published


class DraftOnlyInline(admin.TabularInline):
    """Rows that may be added, changed and deleted while their set is a draft."""

    extra = 0

    def has_add_permission(self, request, obj=None):
        return _draft(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return _draft(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return _draft(obj) and super().has_delete_permission(request, obj)


class CriterionInline(DraftOnlyInline):
    model = Criterion
    fields = ["number", "name", "indicator_count"]
    readonly_fields = ["indicator_count"]
    show_change_link = True

    @admin.display(description=_("indicators"))
    def indicator_count(self, criterion):
        if not criterion.pk:
            return "—"
        return criterion.indicators.count()


class IndicatorInline(DraftOnlyInline):
    model = Indicator
    fields = ["number", "text", "kind", "threshold", "unit_of_value", "max_points", "to_check"]


@admin.register(CriteriaSet)
class CriteriaSetAdmin(FoldedSearchMixin, PortalHistoryMixin, admin.ModelAdmin):
    list_display = ["name", "code", "version", "title", "level", "legal_text", "state", "period"]
    list_display_links = ["name"]
    list_filter = ["title", "level", "state", "legal_text"]
    search_fields = ["=code", "legal_text"]
    fold_in_python = ["name", "code", "legal_text", "legal_text_name"]
    search_help_text = _("Name, code or legal text, with or without diacritics (“cong dong”).")
    inlines = [CriterionInline]
    readonly_fields = ["state", "version", "published_at", "published_by", "created_at"]
    fieldsets = [
        (None, {"fields": ["code", "version", "state", "title", "level", "name"]}),
        (
            _("Legal text"),
            {"fields": ["legal_text", "legal_text_name", "legal_date"]},
        ),
        (_("In force"), {"fields": [("in_force_from", "in_force_until")]}),
        (_("Overall result"), {"fields": ["rule", "pass_points"]}),
        (
            _("Calendar and authority"),
            {
                "fields": [
                    ("file_by_day", "file_by_month"),
                    ("decide_by_day", "decide_by_month"),
                    "authority",
                    "valid_months",
                    "months_before_next_level",
                ]
            },
        ),
        (_("Still to check"), {"fields": ["to_check"]}),
        (_("Publication"), {"fields": ["published_at", "published_by", "created_at"]}),
    ]

    class Media:
        css = {"all": [ADMIN_CSS]}

    @admin.display(description=_("in force"))
    def period(self, criteria_set):
        return format_period(criteria_set.in_force_from, criteria_set.in_force_until)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("published_by")

    def has_change_permission(self, request, obj=None):
        return _draft(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return _draft(obj) and super().has_delete_permission(request, obj)

    def get_actions(self, request, action_location=admin.ActionLocation.CHANGE_LIST):
        actions = super().get_actions(request, action_location)
        # A published version is part of the record: sets are deleted one by one, drafts only.
        actions.pop("delete_selected", None)
        return actions

    def may_manage(self, request):
        return permissions.can(request.user, MANAGE_CATALOGUE)

    # --- new draft version and publication ---------------------------------------------

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "<path:object_id>/new-draft/",
                self.admin_site.admin_view(self.new_draft_view),
                name="{}_{}_new_draft".format(*info),
            ),
            path(
                "<path:object_id>/publish/",
                self.admin_site.admin_view(self.publish_view),
                name="{}_{}_publish".format(*info),
            ),
            *super().get_urls(),
        ]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk and self.may_manage(request):
            name = f"admin:{self.opts.app_label}_{self.opts.model_name}"
            has_draft = (
                obj.is_published
                and CriteriaSet.objects.filter(code=obj.code, state=SetState.DRAFT).exists()
            )
            context["set_tools"] = {
                "publish": None
                if obj.is_published
                else reverse(f"{name}_publish", args=[obj.pk], current_app=self.admin_site.name),
                "new_draft": None
                if has_draft or not obj.is_published
                else reverse(f"{name}_new_draft", args=[obj.pk], current_app=self.admin_site.name),
            }
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _set_for(self, request, object_id):
        criteria_set = self.get_object(request, unquote(object_id))
        if criteria_set is None:
            raise Http404
        if not self.may_manage(request):
            raise PermissionDenied
        return criteria_set

    def _change_url(self, criteria_set):
        return reverse(
            f"admin:{self.opts.app_label}_{self.opts.model_name}_change",
            args=[criteria_set.pk],
            current_app=self.admin_site.name,
        )

    def new_draft_view(self, request, object_id):
        criteria_set = self._set_for(request, object_id)
        if request.method == "POST":
            try:
                draft = services.new_draft(criteria_set, by=request.user)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
                return HttpResponseRedirect(self._change_url(criteria_set))
            messages.success(
                request,
                gettext("Version %(version)s of “%(name)s” is a draft: edit it, then publish it.")
                % {"version": draft.version, "name": draft.name},
            )
            return HttpResponseRedirect(self._change_url(draft))
        return confirmation_page(
            self,
            request,
            "admin/learning_models/criteriaset/confirm.html",
            {
                "title": gettext("Make a new draft version"),
                "object": criteria_set,
                "explanation": gettext(
                    "A copy of this version, with its criteria and indicators, becomes the "
                    "next version, a draft staff may edit. This version stays as it is."
                ),
                "submit_label": gettext("Make the draft"),
                "back": self._change_url(criteria_set),
            },
        )

    def publish_view(self, request, object_id):
        criteria_set = self._set_for(request, object_id)
        if request.method == "POST":
            try:
                services.publish(criteria_set, by=request.user)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(
                    request,
                    gettext("Version %(version)s of “%(name)s” is published.")
                    % {"version": criteria_set.version, "name": criteria_set.name},
                )
            return HttpResponseRedirect(self._change_url(criteria_set))
        return confirmation_page(
            self,
            request,
            "admin/learning_models/criteriaset/confirm.html",
            {
                "title": gettext("Publish this version"),
                "object": criteria_set,
                "explanation": gettext(
                    "Once published, this version never changes again: registrations from its "
                    "first day in force are assessed against it. A correction will need a new "
                    "draft version."
                ),
                "submit_label": gettext("Publish"),
                "back": self._change_url(criteria_set),
            },
        )


@admin.register(Criterion)
class CriterionAdmin(admin.ModelAdmin):
    """A criterion's page, reached from its set: its indicators, edited while a draft."""

    list_display = ["__str__", "criteria_set"]
    fields = ["criteria_set", "number", "name"]
    readonly_fields = ["criteria_set"]
    inlines = [IndicatorInline]

    def has_module_permission(self, request):
        return False  # reached from its set's page, not from the index

    def has_add_permission(self, request):
        return False  # added on its set's page

    def has_change_permission(self, request, obj=None):
        return _draft(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return _draft(obj) and super().has_delete_permission(request, obj)

    def response_change(self, request, obj):
        if "_continue" in request.POST or "_addanother" in request.POST:
            return super().response_change(request, obj)
        self.message_user(request, gettext("The criterion was saved."), messages.SUCCESS)
        return HttpResponseRedirect(
            reverse(
                "admin:learning_models_criteriaset_change",
                args=[obj.criteria_set_id],
                current_app=self.admin_site.name,
            )
        )
