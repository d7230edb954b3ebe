"""Reviewing activities in the admin: publish, return with a reason, cancel.

Every move calls the service the portal calls (campaigns.services), so the rules, the
history and the e-mails are the same whichever screen is used. The admin only collects the
reason and reports, activity by activity, what was done and what was refused. Each activity
is moved in its own transaction: one refusal leaves the others done, and none half-done.
"""

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from campaigns import selectors, services
from campaigns.admin.forms import ReasonForm, add_service_error
from campaigns.states import ActivityState
from campaigns.workflows import ACTIVITY, may_review

RETURN_HELP = _(
    "The unit's officers receive this reason by e-mail and see it in their area. Say what "
    "to change."
)
CANCEL_HELP = _("The public calendar shows this reason beside the cancelled activity.")

# How many selected activities the reason page lists by name; the rest are counted.
LISTED = 100


def apply_to_each(request, activities, move, done_message):
    """Run `move` on each activity; report how many were done and each refusal by name."""
    done = 0
    for activity in activities:
        try:
            move(activity)
        except ValidationError as error:
            refused = " ".join(error.messages)
        except PermissionDenied:
            refused = gettext("You may not act on this unit's activities.")
        else:
            done += 1
            continue
        messages.error(
            request,
            gettext("“%(title)s”: %(reason)s") % {"title": activity.title, "reason": refused},
        )
    if done:
        messages.success(request, done_message(done))
    return done


def _published(count):
    return ngettext("%(count)d activity published.", "%(count)d activities published.", count) % {
        "count": count
    }


def _returned(count):
    return ngettext(
        "%(count)d activity returned to its unit.",
        "%(count)d activities returned to their units.",
        count,
    ) % {"count": count}


def reason_page(request, model_admin, *, activities, form, title, submit_label, hidden, back):
    """The page that asks for the reason and lists the activities it applies to."""
    total = activities.count()
    listed = list(activities[:LISTED])
    context = {
        **model_admin.admin_site.each_context(request),
        "title": title,
        "subtitle": None,
        "opts": model_admin.opts,
        "activities": listed,
        "total": total,
        "more": total - len(listed),
        "form": form,
        "submit_label": submit_label,
        "hidden": hidden,
        "back_url": back,
        "media": model_admin.media,
    }
    request.current_app = model_admin.admin_site.name
    return TemplateResponse(request, "admin/campaigns/activity/reason.html", context)


class ReviewActionsMixin:
    """The review actions of a list of activities (the activities and the review queue)."""

    actions = ["publish_selected", "return_selected"]

    def has_review_permission(self, request):
        return may_review(request.user)

    @admin.action(description=_("Publish the selected activities"), permissions=["review"])
    def publish_selected(self, request, queryset):
        apply_to_each(
            request,
            queryset.select_related("organizer").order_by("pk"),
            lambda activity: services.publish_activity(activity, by=request.user),
            _published,
        )

    @admin.action(
        description=_("Return the selected activities with a reason…"), permissions=["review"]
    )
    def return_selected(self, request, queryset):
        form = ReasonForm(request.POST if "apply" in request.POST else None, help_text=RETURN_HELP)
        if form.is_valid():
            reason = form.cleaned_data["reason"]
            apply_to_each(
                request,
                queryset.select_related("organizer").order_by("pk"),
                lambda activity: services.return_activity(activity, by=request.user, reason=reason),
                _returned,
            )
            return None  # back to the list, with its filters
        hidden = [("action", "return_selected"), ("apply", "1")]
        hidden += [("select_across", request.POST.get("select_across", "0"))]
        hidden += [
            (helpers.ACTION_CHECKBOX_NAME, pk)
            for pk in request.POST.getlist(helpers.ACTION_CHECKBOX_NAME)
        ]
        return reason_page(
            request,
            self,
            activities=selectors.with_details(queryset).order_by("submitted_at", "pk"),
            form=form,
            title=gettext("Return activities to their units"),
            submit_label=gettext("Return with this reason"),
            hidden=hidden,
            back=request.get_full_path(),
        )


class ObjectReviewMixin:
    """Publish, return and cancel buttons on an activity's own page, with the moves the
    workflow (campaigns.workflows) allows from its state."""

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        wrap = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/publish/",
                wrap(self.publish_view),
                name="{}_{}_publish".format(*info),
            ),
            path(
                "<path:object_id>/return/",
                wrap(self.return_view),
                name="{}_{}_return".format(*info),
            ),
            path(
                "<path:object_id>/cancel/",
                wrap(self.cancel_view),
                name="{}_{}_cancel".format(*info),
            ),
            *super().get_urls(),
        ]

    def _url(self, name, activity):
        info = self.opts.app_label, self.opts.model_name
        return reverse(
            "admin:{}_{}_{}".format(*info, name),
            args=[activity.pk],
            current_app=self.admin_site.name,
        )

    def _activity(self, request, object_id):
        activity = self.get_object(request, unquote(object_id))
        if activity is None:
            raise Http404
        if not self.has_view_permission(request, activity):
            raise PermissionDenied
        return activity

    def review_panel(self, request, activity):
        """What the change page shows above the form: the state, where it may go next and
        the moves this person may make now."""
        moves = ACTIVITY.names_for(activity, request.user)
        buttons = []
        if "publish" in moves:
            buttons.append(
                {"post": True, "url": self._url("publish", activity), "label": _("Publish")}
            )
        if "return" in moves:
            buttons.append(
                {"url": self._url("return", activity), "label": _("Return with a reason…")}
            )
        if "cancel" in moves:
            buttons.append(
                {
                    "url": self._url("cancel", activity),
                    "label": _("Cancel the activity…"),
                    "danger": True,
                }
            )
        next_states = ACTIVITY.next_states(activity)
        return {
            "activity": activity,
            "next_states": [state.label for state in next_states],
            "unit_submits": ActivityState.SUBMITTED in next_states,
            "buttons": buttons,
            "queue_url": reverse(
                "admin:campaigns_activitytoreview_changelist", current_app=self.admin_site.name
            ),
        }

    def publish_view(self, request, object_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        activity = self._activity(request, object_id)
        try:
            services.publish_activity(activity, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                gettext("“%(title)s” is published on the calendar.") % {"title": activity.title},
            )
        return HttpResponseRedirect(self._url("change", activity))

    def return_view(self, request, object_id):
        return self._reason_view(
            request,
            object_id,
            to=ActivityState.RETURNED,
            move=services.return_activity,
            help_text=RETURN_HELP,
            title=gettext("Return the activity to its unit"),
            submit_label=gettext("Return with this reason"),
            done=gettext("“%(title)s” is returned to its unit."),
        )

    def cancel_view(self, request, object_id):
        return self._reason_view(
            request,
            object_id,
            to=ActivityState.CANCELLED,
            move=services.cancel_activity,
            help_text=CANCEL_HELP,
            title=gettext("Cancel the activity"),
            submit_label=gettext("Cancel the activity"),
            done=gettext("“%(title)s” is cancelled; the calendar shows it as cancelled."),
        )

    def _reason_view(self, request, object_id, *, to, move, help_text, title, submit_label, done):
        activity = self._activity(request, object_id)
        change_url = self._url("change", activity)
        refusal = ACTIVITY.refusal(activity, to=to)
        if refusal is not None:
            messages.error(request, refusal)
            return HttpResponseRedirect(change_url)
        form = ReasonForm(request.POST or None, help_text=help_text)
        if request.method == "POST" and form.is_valid():
            try:
                move(activity, by=request.user, reason=form.cleaned_data["reason"])
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(request, done % {"title": activity.title})
                return HttpResponseRedirect(change_url)
        return reason_page(
            request,
            self,
            activities=selectors.with_details(type(activity).objects.filter(pk=activity.pk)),
            form=form,
            title=title,
            submit_label=submit_label,
            hidden=[],
            back=change_url,
        )
