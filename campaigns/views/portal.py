"""The officers' area's activity pages (/portal/activities/): district, commune and
department officials enter their units' activities, follow them through review, and record
what came of them. The area's front page is the shell's (common.officers); what it shows of
the activities is in campaigns/officers.py.

Views are thin: they fetch and authorise (campaigns.access.get_activity_for, or a selector
that only returns what the user may see), validate a form, call one service, and turn its
ValidationError into form errors or a message. PermissionDenied becomes Django's 403 page.
The spreadsheet upload lives in portal_upload.py, the display of an activity's history in
portal_history.py.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from campaigns import bulk, selectors, services
from campaigns.access import get_activity_for
from campaigns.forms.portal import (
    ActivityFilterForm,
    ActivityForm,
    CancelForm,
    EvidenceForm,
    ResultsForm,
    add_service_errors,
    bigger_units_first,
    open_campaigns,
)
from campaigns.models import (
    ActivityResult,
    ActivityState,
    Campaign,
    Evidence,
)
from campaigns.permissions import EDIT_UNIT_WORK, MANAGE_CAMPAIGNS
from campaigns.states import ACTIVITY_EDITABLE, ACTIVITY_LISTED
from campaigns.views.portal_history import history_rows
from campaigns.workflows import ACTIVITY
from common import attachments as evidence_files
from common.strict import search_cut_message
from organizations import permissions
from organizations.models import UnitKind, UnitLevel
from organizations.permissions import VIEW_UNIT

PAGE_SIZE = 50


def _admin_url(name, *args, query=""):
    # The admin pages belong to another part of the portal; the portal links to them
    # only when they are there.
    try:
        return reverse(name, args=args) + query
    except NoReverseMatch:
        return None


# --- the list ---------------------------------------------------------------------------


@login_required
def activity_list(request):
    """The activities of my units, in every state (discarded ones when asked for), filtered
    and 50 a page; drafts and returned ones can be ticked and submitted or discarded
    together (campaigns.views.portal_bulk)."""
    user = request.user
    campaigns = list(Campaign.objects.order_by("-year"))
    current = selectors.current_campaign()
    data = request.GET.copy()
    if "campaign" not in data:
        data["campaign"] = str(current.pk) if current else ActivityFilterForm.ALL
    form = ActivityFilterForm(
        data, user=user, campaigns=campaigns, unit_choices=_unit_choices(user)
    )
    activities = selectors.activities_visible_to(user)
    if form.is_valid():
        filters = form.cleaned_data
        if form.search_cut:
            messages.warning(request, search_cut_message())
        if filters["campaign"] and filters["campaign"] != ActivityFilterForm.ALL:
            activities = activities.filter(campaign_id=filters["campaign"])
        if filters["state"]:
            activities = activities.filter(state=filters["state"])
        else:
            activities = activities.filter(state__in=ACTIVITY_LISTED)
        if filters["unit"] is not None:
            activities = selectors.in_unit(activities, filters["unit"])
        if filters["q"]:
            activities = selectors.search(activities, filters["q"])
    else:
        activities = activities.none()
    page = Paginator(activities.order_by("starts_on", "start_time", "pk"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    listed = list(page.object_list)
    may_act = permissions.can(user, EDIT_UNIT_WORK)
    for activity in listed:
        activity.selectable = may_act and activity.state in bulk.SELECTABLE
    return render(
        request,
        "campaigns/portal/activity_list.html",
        {
            "form": form,
            "page": page,
            "activities": listed,
            "selecting": any(activity.selectable for activity in listed),
        },
    )


def _unit_choices(user):
    """The units offered in the list's unit filter: all the user may see, except that the
    association (which sees the whole city) gets the districts and bodies, not every ward."""
    units = permissions.units_for(user, VIEW_UNIT)
    if permissions.is_citywide(user):
        units = units.exclude(kind__in=UnitKind.of_level(UnitLevel.COMMUNE))
    return units.order_by(bigger_units_first(), "search_name", "valid_from")


# --- one activity -----------------------------------------------------------------------


@login_required
def activity_new(request):
    user = request.user
    campaigns = list(open_campaigns())
    campaign = _chosen_campaign(request, campaigns)
    context = {"campaigns": campaigns, "campaign": campaign, "creating": True}
    if campaign is None:
        return render(request, "campaigns/portal/activity_form.html", context)
    form = ActivityForm(request.POST or None, user=user, campaign=campaign)
    context["form"] = form
    if request.method == "POST" and form.is_valid():
        values, co_organizers = form.service_values()
        try:
            activity = services.create_activity(
                campaign=campaign, by=user, co_organizers=co_organizers, **values
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(
                request,
                _("The draft “%(title)s” is saved. Submit it for review when it is ready.")
                % {"title": activity.title},
            )
            return redirect("campaigns_portal:activity", pk=activity.pk)
    return render(request, "campaigns/portal/activity_form.html", context)


def _chosen_campaign(request, campaigns):
    """The open campaign asked for in ?campaign=, else the current one, else the latest."""
    wanted = request.GET.get("campaign")
    for campaign in campaigns:
        if str(campaign.pk) == wanted:
            return campaign
    current = selectors.current_campaign()
    if current is not None and current in campaigns:
        return current
    return campaigns[0] if campaigns else None


@login_required
def activity_edit(request, pk):
    user = request.user
    activity = get_activity_for(user, pk, EDIT_UNIT_WORK)
    if activity.state not in ACTIVITY_EDITABLE:
        messages.warning(request, _not_editable_message(activity))
        return redirect("campaigns_portal:activity", pk=activity.pk)
    form = ActivityForm(
        request.POST or None,
        user=user,
        campaign=activity.campaign,
        initial=ActivityForm.initial_for(activity),
    )
    if request.method == "POST" and form.is_valid():
        values, co_organizers = form.service_values()
        try:
            services.update_activity(activity, by=user, co_organizers=co_organizers, **values)
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            if activity.state == ActivityState.PUBLISHED:
                note = _("The changes are saved and shown on the public calendar.")
            else:
                note = _("The changes are saved.")
            messages.success(request, note)
            return redirect("campaigns_portal:activity", pk=activity.pk)
    return render(
        request,
        "campaigns/portal/activity_form.html",
        {"form": form, "activity": activity, "campaign": activity.campaign, "creating": False},
    )


def _not_editable_message(activity):
    if activity.state == ActivityState.SUBMITTED:
        return _(
            "This activity is being reviewed by the association, so it cannot be changed now. "
            "If something must change, ask the association's staff to return it to you."
        )
    return _("An activity that is “%(state)s” cannot be changed.") % {
        "state": activity.get_state_display()
    }


@login_required
def activity_detail(request, pk):
    """Everything about one activity: its state and why, its results, files and history."""
    user = request.user
    activity = get_activity_for(user, pk, VIEW_UNIT)
    may_edit = services.may_edit(user, activity)
    return render(
        request,
        "campaigns/portal/activity_detail.html",
        {
            "activity": activity,
            "co_organizers": list(activity.co_organizers.all()),
            "result": ActivityResult.objects.filter(activity=activity).first(),
            "ledger_raised": selectors.ledger_raised(activity),
            "evidence": list(activity.evidence.all()),
            "history": history_rows(activity),
            "started": activity.has_started(),
            "actions": _actions(user, activity, may_edit),
            "not_editable": None
            if activity.state in ACTIVITY_EDITABLE
            else (_not_editable_message(activity)),
            "admin_url": _admin_url("admin:campaigns_activity_change", activity.pk)
            if permissions.can(user, MANAGE_CAMPAIGNS)
            else None,
        },
    )


def _actions(user, activity, may_edit):
    """What the user may do to the activity in its state, as the page's buttons."""
    moves = ACTIVITY.names_for(activity, user)
    return {
        "edit": may_edit and activity.state in ACTIVITY_EDITABLE,
        "submit": bool(moves & {"submit", "resubmit"}),
        "resubmit": "resubmit" in moves,
        "cancel": "cancel" in moves,
        "discard": "discard" in moves,
        "results": may_edit and services.takes_results(activity),
        "evidence": may_edit and services.takes_evidence(activity),
    }


@login_required
@require_POST
def activity_submit(request, pk):
    activity = get_activity_for(request.user, pk, EDIT_UNIT_WORK)
    resubmission = activity.state == ActivityState.RETURNED
    try:
        services.submit_activity(activity, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        messages.error(request, _("The activity was not submitted. Correct it and try again."))
    else:
        if resubmission:
            note = _("The activity is submitted again. The association will review it.")
        else:
            note = _(
                "The activity is submitted for review. You will get an e-mail when it is "
                "published or returned."
            )
        messages.success(request, note)
    return redirect("campaigns_portal:activity", pk=activity.pk)


@login_required
def activity_cancel(request, pk):
    activity = get_activity_for(request.user, pk, EDIT_UNIT_WORK)
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.cancel_activity(activity, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("The activity is cancelled. The public calendar shows it as cancelled."),
            )
            return redirect("campaigns_portal:activity", pk=activity.pk)
    return render(
        request, "campaigns/portal/activity_cancel.html", {"activity": activity, "form": form}
    )


@login_required
def activity_results(request, pk):
    activity = get_activity_for(request.user, pk, EDIT_UNIT_WORK)
    result = ActivityResult.objects.filter(activity=activity).first()
    initial = {name: getattr(result, name) for name in services.RESULT_FIELDS} if result else {}
    form = ResultsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_results(activity, by=request.user, **form.service_values())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The results are saved."))
            return redirect("campaigns_portal:activity", pk=activity.pk)
    return render(
        request,
        "campaigns/portal/activity_results.html",
        {"activity": activity, "form": form, "result": result},
    )


@login_required
def activity_evidence(request, pk):
    activity = get_activity_for(request.user, pk, EDIT_UNIT_WORK)
    form = EvidenceForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_evidence(
                activity,
                by=request.user,
                upload=form.cleaned_data["file"],
                caption=form.cleaned_data["caption"],
            )
        except ValidationError as error:
            form.add_error("file", error)
        else:
            messages.success(
                request,
                _("The file “%(name)s” is added.") % {"name": form.cleaned_data["file"].name},
            )
            return redirect("campaigns_portal:activity", pk=activity.pk)
    return render(
        request,
        "campaigns/portal/activity_evidence.html",
        {"activity": activity, "form": form, "evidence": list(activity.evidence.all())},
    )


@login_required
def evidence_file(request, pk):
    """An evidence file, for people who may see its unit only (there is no public URL)."""
    item = get_object_or_404(Evidence, pk=pk)
    get_activity_for(request.user, item.activity_id, VIEW_UNIT)
    try:
        handle = item.file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    download = request.GET.get("download") == "1" or not item.is_image
    response = FileResponse(
        handle,
        content_type=item.content_type,
        as_attachment=download,
        filename=evidence_files.download_name(item.original_name, item.content_type),
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=600"
    # Shown on its own, an uploaded file gets no power over the portal's pages.
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; sandbox"
    return response
