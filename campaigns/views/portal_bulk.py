"""Acting on many activities at once in the officers' area: submitting a selection (or a
whole upload) for review, discarding drafts, and discarding one draft from its page.

The list's checkboxes post here; campaigns.bulk runs the one-by-one service on each
activity and the outcome of each is shown on a summary page (kept in the session between
the POST and the page, so that reloading the summary does nothing again).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from campaigns import bulk, selectors, services
from campaigns.access import get_activity_for
from campaigns.forms.bulk import BulkForm, DiscardForm
from campaigns.models import Activity, ActivityState
from campaigns.permissions import EDIT_UNIT_WORK
from campaigns.workflows import ACTIVITY

_SUMMARY_KEY = "portal_bulk_summary"


def _back(request, target):
    """Where to return to: the list the form was sent from (with its filters), if it is a
    page of this portal (a path: anything else is not an address to go back to)."""
    if (
        target
        and target.startswith("/")
        and url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    ):
        return target
    return reverse("campaigns_portal:activities")


@login_required
@require_POST
def activities_bulk(request):
    back = _back(request, request.POST.get("next"))
    form = BulkForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(back)
    user, data = request.user, form.cleaned_data
    pks = list(data["activity"])
    if data["upload"]:
        # Only the person's own upload; each activity is still checked by the service.
        pks += list(
            Activity.objects.filter(upload_id=data["upload"], upload__uploaded_by=user)
            .order_by("starts_on", "pk")
            .values_list("pk", flat=True)
        )
    if data["action"] == BulkForm.SUBMIT:
        return _summary(request, BulkForm.SUBMIT, bulk.submit_each(pks, by=user), back)

    discard = DiscardForm(request.POST if "confirm" in request.POST else None)
    if discard.is_valid():
        outcomes = bulk.discard_each(pks, by=user, reason=discard.cleaned_data["reason"])
        return _summary(request, BulkForm.DISCARD, outcomes, back)
    listed = list(
        selectors.activities_visible_to(user)
        .filter(pk__in=pks)
        .order_by("starts_on", "start_time", "pk")
    )
    return render(
        request,
        "campaigns/portal/activity_discard.html",
        {
            "activities": listed,
            "unseen": len(set(pks)) - len(listed),
            "form": discard,
            "bulk_form": form,
            "back": back,
        },
    )


def _summary(request, action, outcomes, back):
    request.session[_SUMMARY_KEY] = {
        "action": action,
        "back": back,
        "outcomes": [[o.pk, o.done, o.reason, o.hidden] for o in outcomes],
    }
    return redirect("campaigns_portal:activities-done")


@login_required
def activities_done(request):
    """What the last bulk action did: each activity that went, and each that did not, why."""
    summary = request.session.pop(_SUMMARY_KEY, None)
    if not summary:
        return redirect("campaigns_portal:activities")
    outcomes = summary["outcomes"]
    shown = {
        activity.pk: activity
        for activity in selectors.activities_visible_to(request.user).filter(
            pk__in=[pk for pk, _done, _reason, hidden in outcomes if not hidden]
        )
    }
    done = [shown[pk] for pk, ok, _reason, _hidden in outcomes if ok and pk in shown]
    refused = [
        {"pk": pk, "activity": None if hidden else shown.get(pk), "reason": reason}
        for pk, ok, reason, hidden in outcomes
        if not ok
    ]
    submitting = summary["action"] == BulkForm.SUBMIT
    return render(
        request,
        "campaigns/portal/bulk_done.html",
        {"submitting": submitting, "done": done, "refused": refused, "back": summary["back"]},
    )


@login_required
def activity_discard(request, pk):
    """Discard one draft, from its page (a confirmation page first)."""
    activity = get_activity_for(request.user, pk, EDIT_UNIT_WORK)
    refusal = ACTIVITY.refusal(activity, to=ActivityState.DISCARDED)
    if refusal is not None:
        messages.warning(request, refusal)
        return redirect("campaigns_portal:activity", pk=activity.pk)
    form = DiscardForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.discard_activity(activity, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect("campaigns_portal:activity", pk=activity.pk)
        messages.success(
            request,
            _("The draft “%(title)s” is discarded. It is no longer listed; its history is kept.")
            % {"title": activity.title},
        )
        return redirect("campaigns_portal:activities")
    return render(
        request,
        "campaigns/portal/activity_discard.html",
        {"activities": [activity], "single": activity, "form": form},
    )
