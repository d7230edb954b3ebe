"""Activities in the admin: the association's list of everything units organise, with
filters, diacritic-blind search, export, review and each activity's history.

Nothing here writes an activity directly: edits go through services.update_activity and
state moves through the review services (campaigns.admin.review), so the admin follows the
same rules, history and e-mails as the officers' area.
"""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import HttpResponseRedirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from import_export.admin import ExportMixin

from campaigns import selectors, services
from campaigns.admin.filters import FocusAreaFilter, StateFilter, UnitFilter
from campaigns.admin.forms import ActivityAdminForm, ActivityExportForm
from campaigns.admin.review import ObjectReviewMixin, ReviewActionsMixin
from campaigns.admin.units import ActivityUnitsMixin
from campaigns.models import Activity, ActivityResult, ActivityState, Evidence
from campaigns.resources import ActivityResource
from campaigns.states import ACTIVITY_EDITABLE
from campaigns.templatetags.campaigns import when
from common.admin_history import PortalHistoryMixin
from common.money import format_vnd
from common.spreadsheets.writing import TextOnlyCSV, TextOnlyXLSX
from organizations.models import Unit

ADMIN_CSS = "css/admin/campaigns.css"


class ActivityListMixin:
    """What the activities list and the review queue share: columns and search."""

    search_fields = ["title"]  # shows the search box; the search itself is below
    search_help_text = _(
        "Words from the title, description, venue, address, audience or organising unit; "
        "with or without diacritics."
    )
    list_select_related = ["organizer", "focus_area", "campaign"]
    list_per_page = 50

    class Media:
        css = {"all": [ADMIN_CSS]}

    def get_search_results(self, request, queryset, search_term):
        # Diacritic-blind on every database: "khuyen hoc" finds "khuyến học"
        # (the folded search_text column, selectors.search).
        if not search_term.strip():
            return queryset, False
        return selectors.search(queryset, search_term), False

    @admin.display(description=_("when"), ordering="starts_on")
    def when(self, activity):
        return when(activity)

    @admin.display(description=_("state"), ordering="state")
    def state_badge(self, activity):
        return render_to_string(
            "campaigns/includes/state_badge.html",
            {"label": activity.get_state_display(), "tone": activity.state_tone},
        )

    @admin.display(description=_("focus area"), ordering="focus_area__position")
    def focus_area_short(self, activity):
        return str(activity.focus_area)


class ResultInline(admin.StackedInline):
    """What came of the activity, as its unit entered it (read only here)."""

    model = ActivityResult
    can_delete = False
    extra = 0
    fields = [
        "participants",
        "money",
        "people_supported",
        "awards_given",
        "notes",
        "entered_by",
        "entered_at",
    ]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("money raised"))
    def money(self, result):
        return format_vnd(result.money_raised)


class EvidenceInline(admin.TabularInline):
    """Photos and PDFs the unit attached, opened through the portal's permission-checked
    file view (never a public media address)."""

    model = Evidence
    can_delete = False
    extra = 0
    fields = ["file_link", "caption", "content_type", "size_kb", "uploaded_by", "uploaded_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("file"))
    def file_link(self, evidence):
        url = reverse("campaigns_portal:evidence-file", args=[evidence.pk])
        return format_html('<a href="{}">{}</a>', url, evidence.original_name)

    @admin.display(description=_("size (kB)"))
    def size_kb(self, evidence):
        return max(1, round(evidence.size / 1024))


@admin.register(Activity)
class ActivityAdmin(
    ActivityUnitsMixin,
    PortalHistoryMixin,
    ObjectReviewMixin,
    ReviewActionsMixin,
    ActivityListMixin,
    ExportMixin,
    admin.ModelAdmin,
):
    form = ActivityAdminForm
    change_list_template = "admin/campaigns/activity/change_list.html"
    resource_classes = [ActivityResource]
    export_form_class = ActivityExportForm
    to_encoding = "utf-8-sig"  # so that Excel opens the CSV with its diacritics
    list_display = [
        "title",
        "state_badge",
        "organizer",
        "focus_area_short",
        "kind",
        "when",
    ]
    list_filter = [UnitFilter, FocusAreaFilter, "kind", ("state", StateFilter), "campaign"]
    date_hierarchy = "starts_on"
    autocomplete_fields = ["organizer", "commune", "co_organizers"]
    inlines = [ResultInline, EvidenceInline]
    workflow_fields = [
        "state_badge",
        "return_reason",
        "cancel_reason",
        "sequence",
        "submitted_at",
        "published_at",
        "cancelled_at",
        "created_by",
        "upload",
        "created_at",
        "updated_at",
    ]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "campaign",
                    "organizer",
                    "co_organizers",
                    "focus_area",
                    "kind",
                    "title",
                    "description",
                ]
            },
        ),
        (_("When"), {"fields": [("starts_on", "start_time"), ("ends_on", "end_time")]}),
        (_("Where"), {"fields": ["venue", "address", "commune"]}),
        (
            _("Audience and contact"),
            {
                "fields": [
                    "audience",
                    "expected_participants",
                    ("contact_name", "contact_phone", "contact_email"),
                    "is_public",
                ]
            },
        ),
        (_("Submission and publication"), {"fields": workflow_fields}),
    ]

    # --- who may do what -------------------------------------------------------------

    def has_add_permission(self, request):
        # Units enter their activities in the officers' area (forms and the Excel upload).
        return False

    def has_change_permission(self, request, obj=None):
        # While submitted (under review) or once cancelled the page is read-only: the
        # services refuse changes then. Staff return an activity to have it changed.
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or obj.state in ACTIVITY_EDITABLE)

    def has_delete_permission(self, request, obj=None):
        # A published activity is cancelled, never deleted; only a superuser may remove a
        # draft entered by mistake.
        return request.user.is_superuser and (obj is None or obj.state == ActivityState.DRAFT)

    def get_actions(self, request, action_location=admin.ActionLocation.CHANGE_LIST):
        actions = super().get_actions(request, action_location)
        actions.pop("delete_selected", None)  # it would delete published activities too
        return actions

    def get_inline_instances(self, request, obj=None):
        # Results and evidence are entered by the unit after the activity; until then the
        # page shows no empty sections for them.
        if obj is None:
            return []
        shown = {
            ResultInline: ActivityResult.objects.filter(activity=obj).exists(),
            EvidenceInline: obj.evidence.exists(),
        }
        return [
            inline for inline in super().get_inline_instances(request, obj) if shown[type(inline)]
        ]

    def get_readonly_fields(self, request, obj=None):
        return ["campaign", *self.workflow_fields]

    def get_export_formats(self):
        return [TextOnlyXLSX, TextOnlyCSV]

    def has_export_permission(self, request):
        # import-export would let anyone who enters the admin export; the list is not
        # for everyone who may enter it (treasurers, reviewers).
        return self.has_view_permission(request)

    def get_export_filename(self, request, queryset, file_format):
        stamp = timezone.localtime().strftime("%Y-%m-%d")
        return f"hoat-dong-{stamp}.{file_format.get_extension()}"

    def get_export_queryset(self, request):
        return (
            super()
            .get_export_queryset(request)
            .select_related("campaign", "organizer", "focus_area", "commune", "result")
            .prefetch_related(
                Prefetch("co_organizers", queryset=Unit.objects.order_by("search_name"))
            )
            .order_by("starts_on", "start_time", "pk")
        )

    # --- the change page ---------------------------------------------------------------

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        # A class made for this request (modelform_factory): the rules depend on who edits
        # (their units) and on the activity's campaign.
        form.portal_user = request.user
        self.scope_unit_fields(form, obj)
        if obj is not None and "focus_area" in form.base_fields:
            form.base_fields["focus_area"].queryset = obj.campaign.focus_areas.all()
        return form

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            context["review"] = self.review_panel(request, obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def save_model(self, request, obj, form, change):
        fields = {
            name: form.cleaned_data[name]
            for name in services.ACTIVITY_FIELDS
            if name in form.cleaned_data
        }
        co_organizers = form.cleaned_data.get("co_organizers")
        services.update_activity(
            obj,
            by=request.user,
            co_organizers=list(co_organizers) if co_organizers is not None else None,
            **fields,
        )

    def save_related(self, request, form, formsets, change):
        # The co-organisers were saved by the service, with the rest; the inlines are
        # read-only.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ValidationError as error:
            # Refused by the service under its lock (the state changed since the page was
            # shown): nothing was saved.
            messages.error(request, " ".join(error.messages))
            return HttpResponseRedirect(request.get_full_path())

    def changelist_view(self, request, extra_context=None):
        extra_context = extra_context or {}
        extra_context["review_queue"] = {
            "url": reverse(
                "admin:campaigns_activitytoreview_changelist", current_app=self.admin_site.name
            ),
            "count": Activity.objects.filter(state=ActivityState.SUBMITTED).count(),
        }
        return super().changelist_view(request, extra_context)
