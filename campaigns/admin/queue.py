"""The review queue: submitted activities, oldest first, with the review actions.

Its own line on the admin's front page (the ActivityToReview proxy), so that staff reach it
in one click. Each row opens the activity's own page, where the buttons and the history are.
"""

from django.contrib import admin
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.timesince import timesince
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from campaigns.admin.activities import ActivityListMixin
from campaigns.admin.filters import FocusAreaFilter, UnitFilter
from campaigns.admin.review import ReviewActionsMixin
from campaigns.models import ActivityState, ActivityToReview


@admin.register(ActivityToReview)
class ReviewQueueAdmin(ReviewActionsMixin, ActivityListMixin, admin.ModelAdmin):
    # How long each has waited, not the submission's timestamp: the queue is read by age.
    list_display = ["waiting", "title_link", "organizer", "focus_area_short", "kind", "when"]
    list_display_links = None
    list_filter = [UnitFilter, FocusAreaFilter, "kind", "campaign"]
    ordering = ["submitted_at", "pk"]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(state=ActivityState.SUBMITTED)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_actions(self, request, action_location=admin.ActionLocation.CHANGE_LIST):
        actions = super().get_actions(request, action_location)
        actions.pop("delete_selected", None)
        return actions

    def change_view(self, request, object_id, form_url="", extra_context=None):
        # One page per activity: the activity's own, with its buttons and history.
        return HttpResponseRedirect(self._activity_url(object_id))

    def _activity_url(self, pk):
        return reverse(
            "admin:campaigns_activity_change", args=[pk], current_app=self.admin_site.name
        )

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            "title": gettext("Activities waiting for review, oldest first"),
            **(extra_context or {}),
        }
        return super().changelist_view(request, extra_context)

    @admin.display(description=_("title"), ordering="title")
    def title_link(self, activity):
        return format_html('<a href="{}">{}</a>', self._activity_url(activity.pk), activity.title)

    @admin.display(description=_("waiting for"))
    def waiting(self, activity):
        return timesince(activity.submitted_at) if activity.submitted_at else "—"
