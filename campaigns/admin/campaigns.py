"""Campaigns in the admin: the plan, its ordered focus areas, key dates and participants.

A campaign's state changes only through the buttons and actions here, which call
services.change_campaign_state (the moves campaigns.workflows declares, with their history).
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Count, Q
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from campaigns import services
from campaigns.models import Campaign, CampaignState, FocusArea, KeyDate
from campaigns.states import ACTIVITY_LISTED
from campaigns.workflows import CAMPAIGN, may_run_campaigns
from common.admin_history import PortalHistoryMixin
from common.history import audit
from organizations.models import Unit, UnitKind, UnitLevel
from organizations.selectors import city_units_between

ADMIN_CSS = "css/admin/campaigns.css"

# Recorded in the campaign's history when staff edit it here.
CAMPAIGN_FIELDS = (
    "year",
    "title",
    "plan_number",
    "plan_date",
    "plan_issuer",
    "starts_on",
    "ends_on",
    "theme",
    "lifelong_learning_theme",
)

_NARROW_TEXT = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 40})}}


class FocusAreaInline(admin.TabularInline):
    model = FocusArea
    extra = 0
    fields = ["position", "short_title", "title", "description"]
    ordering = ["position"]
    formfield_overrides = _NARROW_TEXT


class KeyDateInline(admin.TabularInline):
    model = KeyDate
    extra = 0
    fields = ["title", "starts_on", "ends_on", "description"]
    ordering = ["starts_on"]
    formfield_overrides = _NARROW_TEXT


def _participant_label(unit):
    return f"{unit.name} · {unit.code}"


def participant_choices(campaign, chosen=()):
    """Units that may be asked to take part: those under the city during the campaign
    (today, for a new one), not other provinces' units of that time; plus those already
    chosen."""
    first, last = (
        (campaign.starts_on, campaign.ends_on) if campaign else (timezone.localdate(),) * 2
    )
    in_city = Q(pk__in=city_units_between(first, last))
    below_city = ~Q(kind__in=UnitKind.of_level(UnitLevel.PROVINCE))
    return Unit.objects.filter((in_city & below_city) | Q(pk__in=list(chosen))).order_by(
        "search_name", "valid_from"
    )


@admin.register(Campaign)
class CampaignAdmin(PortalHistoryMixin, admin.ModelAdmin):
    list_display = [
        "year",
        "title",
        "plan_number",
        "starts_on",
        "ends_on",
        "state_badge",
        "activity_count",
    ]
    list_display_links = ["year", "title"]
    list_filter = ["state"]
    search_fields = ["title", "plan_number"]
    readonly_fields = ["state_badge"]
    filter_horizontal = ["participants"]
    inlines = [FocusAreaInline, KeyDateInline]
    actions = ["open_selected", "close_selected", "archive_selected"]
    fieldsets = [
        (None, {"fields": ["year", "title", "state_badge"]}),
        (_("Plan"), {"fields": ["plan_number", "plan_date", "plan_issuer"]}),
        (_("Dates"), {"fields": [("starts_on", "ends_on")]}),
        (_("Themes"), {"fields": ["theme", "lifelong_learning_theme"]}),
        (_("Units asked to take part"), {"fields": ["participants"]}),
    ]

    class Media:
        css = {"all": [ADMIN_CSS]}

    def get_queryset(self, request):
        # Discarded drafts were never part of the campaign.
        listed = Q(activities__state__in=ACTIVITY_LISTED)
        return (
            super()
            .get_queryset(request)
            .annotate(activity_count=Count("activities", filter=listed))
        )

    @admin.display(description=_("state"), ordering="state")
    def state_badge(self, campaign):
        return render_to_string(
            "campaigns/includes/state_badge.html",
            {"label": campaign.get_state_display(), "tone": campaign.state_tone},
        )

    @admin.display(description=_("activities"), ordering="activity_count")
    def activity_count(self, campaign):
        return campaign.activity_count

    def has_delete_permission(self, request, obj=None):
        # A campaign that has been opened is part of the record; a draft made by mistake
        # may be removed by a superuser (its activities, if any, protect it).
        return request.user.is_superuser and (obj is None or obj.state == CampaignState.DRAFT)

    def get_actions(self, request, action_location=admin.ActionLocation.CHANGE_LIST):
        actions = super().get_actions(request, action_location)
        actions.pop("delete_selected", None)
        return actions

    def has_state_permission(self, request):
        return may_run_campaigns(request.user)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        field = form.base_fields.get("participants")
        if field is not None:
            chosen = obj.participants.values_list("pk", flat=True) if obj else ()
            field.queryset = participant_choices(obj, chosen)
            field.label_from_instance = _participant_label
        return form

    # --- history of edits ------------------------------------------------------------

    def save_model(self, request, obj, form, change):
        before = {}
        if change:
            before = audit.snapshot(Campaign.objects.get(pk=obj.pk), CAMPAIGN_FIELDS)
            before["participants"] = self._participants(obj)
        super().save_model(request, obj, form, change)
        form.portal_before = before

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        campaign = form.instance
        after = audit.snapshot(campaign, CAMPAIGN_FIELDS)
        after["participants"] = self._participants(campaign)
        before = getattr(form, "portal_before", {})
        services.record_campaign_saved(
            campaign, before=before, after=after, created=not change, by=request.user
        )

    @staticmethod
    def _participants(campaign):
        return sorted(str(unit) for unit in campaign.participants.all())

    # --- state moves -------------------------------------------------------------------

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "<path:object_id>/state/",
                self.admin_site.admin_view(self.state_view),
                name="{}_{}_state".format(*info),
            ),
            *super().get_urls(),
        ]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk:
            context["state_panel"] = {
                "campaign": obj,
                "url": reverse(
                    "admin:campaigns_campaign_state",
                    args=[obj.pk],
                    current_app=self.admin_site.name,
                ),
                "next_states": [state.label for state in CAMPAIGN.next_states(obj)],
                "moves": [
                    {"to": str(move.target), "label": move.label}
                    for move in CAMPAIGN.moves_for(obj, request.user)
                ],
            }
        return super().render_change_form(request, context, add, change, form_url, obj)

    def state_view(self, request, object_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        campaign = self.get_object(request, unquote(object_id))
        if campaign is None:
            raise Http404
        if not self.has_view_permission(request, campaign):
            raise PermissionDenied
        to = request.POST.get("to", "")
        if to not in CampaignState.values:
            messages.error(request, gettext("Choose what to do with the campaign."))
        else:
            self._move(request, [campaign], to, reason=request.POST.get("reason", "").strip())
        return HttpResponseRedirect(
            reverse(
                "admin:campaigns_campaign_change",
                args=[campaign.pk],
                current_app=self.admin_site.name,
            )
        )

    def _move(self, request, campaigns, to, reason=""):
        done = 0
        for campaign in campaigns:
            try:
                services.change_campaign_state(campaign, to=to, by=request.user, reason=reason)
            except ValidationError as error:
                messages.error(
                    request,
                    gettext("“%(title)s”: %(reason)s")
                    % {"title": campaign.title, "reason": " ".join(error.messages)},
                )
            else:
                done += 1
        if done:
            messages.success(
                request,
                ngettext(
                    "%(count)d campaign is now “%(state)s”.",
                    "%(count)d campaigns are now “%(state)s”.",
                    done,
                )
                % {"count": done, "state": CampaignState(to).label},
            )

    @admin.action(description=_("Open (or reopen) the selected campaigns"), permissions=["state"])
    def open_selected(self, request, queryset):
        self._move(request, queryset.order_by("year"), CampaignState.OPEN)

    @admin.action(description=_("Close the selected campaigns"), permissions=["state"])
    def close_selected(self, request, queryset):
        self._move(request, queryset.order_by("year"), CampaignState.CLOSED)

    @admin.action(description=_("Archive the selected campaigns"), permissions=["state"])
    def archive_selected(self, request, queryset):
        self._move(request, queryset.order_by("year"), CampaignState.ARCHIVED)
