"""The public home page and the page of one activity.

Citizens see only public activities (published, or cancelled after publication): anything
else is a 404, so a guessed address tells nothing about drafts.
"""

from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_safe

from campaigns.calendar_grid import first_of_month, months_between
from campaigns.history import PUBLIC_CHANGE_FIELDS
from campaigns.models import Activity, Campaign
from campaigns.selectors import count_public, current_campaign, ledger_raised, with_details
from common.history.display import history_rows
from common.history.types import PUBLIC
from common.public_cache import cached_fragment, generation, public_page

# How many activities the home page lists under "coming up".
HOME_ACTIVITIES = 8

# Fields whose changes the public change log names (campaigns.history). Whether an activity
# is public is not one of them: once it is not, the page is gone.

# The newest entries of the public change log shown on an activity's page.
CHANGE_LOG_LENGTH = 20


@require_safe
@public_page
def home(request):
    today = timezone.localdate()
    campaigns = list(Campaign.objects.public())
    campaign = current_campaign(today, public=campaigns)
    context = {"campaign": campaign}
    if campaign is not None:
        parts = [
            ",".join(f"{c.pk}:{c.updated_at.isoformat()}" for c in campaigns),
            generation(request),
            today,
        ]
        others = [c for c in campaigns if c.pk != campaign.pk]
        context["body"] = cached_fragment(
            request, "home", parts, lambda: _home_body(request, campaign, others, today)
        )
    return render(request, "home.html", context)


def _home_body(request, campaign, other_campaigns, today):
    public = Activity.objects.public().filter(campaign=campaign)
    listed = public.select_related("organizer", "commune", "focus_area").order_by(
        "starts_on", "start_time", "pk"
    )
    is_over = campaign.ends_on < today
    if not is_over:
        listed = listed.overlapping(today, None)
    months = months_between(campaign.starts_on, campaign.ends_on)
    this_month = first_of_month(today)
    context = {
        "campaign": campaign,
        "focus_areas": list(campaign.focus_areas.all()),
        "key_dates": list(campaign.key_dates.all()),
        "coming": list(listed[:HOME_ACTIVITIES]),
        "is_over": is_over,
        "has_started": campaign.starts_on <= today,
        "totals": count_public(public),
        "months": months,
        "calendar_month": this_month if this_month in months else months[0],
        "other_campaigns": other_campaigns,
    }
    return render_to_string("campaigns/public/_home_body.html", context, request)


@require_safe
@public_page
def activity_detail(request, pk):
    # Co-organisers are read only when the page is built, not when it comes from the cache.
    activity = get_object_or_404(
        with_details(Activity.objects.public()).select_related("result").prefetch_related(None),
        pk=pk,
    )
    result = getattr(activity, "result", None)
    raised = ledger_raised(activity)
    parts = [
        activity.pk,
        activity.updated_at.isoformat(),
        result.entered_at.isoformat() if result else "-",
        raised,
    ]
    body = cached_fragment(
        request, "activity", parts, lambda: _activity_body(request, activity, result, raised)
    )
    return render(
        request,
        "campaigns/public/activity_detail.html",
        {"activity": activity, "body": body, "calendar_query": _calendar_query(activity)},
    )


def _calendar_query(activity):
    return f"campaign={activity.campaign.year}&month={activity.starts_on:%Y-%m}"


def _activity_body(request, activity, result, raised):
    context = {
        "activity": activity,
        "co_organizers": list(activity.co_organizers.all()),
        "result": result,
        # A fundraising activity's money comes from the fund's ledger, not a typed figure.
        "ledger_raised": raised,
        "changes": public_changes(activity),
        "calendar_query": _calendar_query(activity),
    }
    return render_to_string("campaigns/public/_activity_body.html", context, request)


def public_changes(activity):
    """The public change log: when the published activity changed and which of its public
    details, and its cancellation with the reason. Who made a change is not shown (the
    public audience of common.history.display)."""
    if activity.published_at is None:
        return []
    log = []
    rows = history_rows(
        activity, audience=PUBLIC, since=activity.published_at, limit=CHANGE_LOG_LENGTH
    )
    for row in rows:
        if row["entry"].action == "cancelled":
            log.append({"at": row["at"], "cancelled": True, "reason": row["reason"], "fields": []})
            continue
        by_name = {change["name"]: change["field"] for change in row["changes"]}
        fields = [by_name[name] for name in PUBLIC_CHANGE_FIELDS if name in by_name]
        if fields:
            log.append({"at": row["at"], "cancelled": False, "reason": "", "fields": fields})
    return log
