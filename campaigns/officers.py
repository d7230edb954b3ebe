"""What the Month of Study Promotion brings to the officers' area (common.officers).

- the menu's "Activities";
- panels: the current campaign with its activities counted by state (everyone with a
  role), the review queue (the association's staff), and the activities waiting for a
  unit's officers — returned ones with the reason, drafts, results to enter;
- due items: returned, drafts and missing results for the units' officers and approvers,
  their units' submissions waiting for the association (approvers), the review queue
  (staff).

A unit's work waiting is read once for the page (`selectors.due_work`, one query for every
count and list), the review queue once, the counts by state once.
"""

from django.db.models import Count
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from campaigns import selectors
from campaigns.models import ActivityState
from campaigns.permissions import EDIT_UNIT_WORK, MANAGE_CAMPAIGNS, SIGN_OFF
from campaigns.states import ACTIVITY_LISTED
from common import officers
from organizations import permissions
from organizations.permissions import VIEW_UNIT

DUE_SHOWN = 10
REVIEW_SHOWN = 5


# --- who sees what ----------------------------------------------------------------------


def has_role(user) -> bool:
    return permissions.can(user, VIEW_UNIT)


def enters_units_work(user) -> bool:
    """An officer or approver of a unit (the association's work is the review, not this)."""
    return permissions.can(user, EDIT_UNIT_WORK) and not permissions.is_citywide(user)


def signs_off_units_work(user) -> bool:
    return permissions.can(user, SIGN_OFF) and not permissions.is_citywide(user)


def reviews(user) -> bool:
    return permissions.can(user, MANAGE_CAMPAIGNS)


# --- read once a page -------------------------------------------------------------------


@officers.per_request
def units_work(request) -> selectors.DueWork:
    user = request.user
    return selectors.due_work(user, shown=DUE_SHOWN, submitted=signs_off_units_work(user))


@officers.per_request
def review_start(request):
    return selectors.review_queue_start(REVIEW_SHOWN)


def list_url(state, campaign="all") -> str:
    return reverse("campaigns_portal:activities") + f"?state={state}&campaign={campaign}"


def review_url() -> str:
    # The queue is the admin's; the portal links to it only when it is there.
    for name, query in (
        ("admin:campaigns_activitytoreview_changelist", ""),
        ("admin:campaigns_activity_changelist", "?state__exact=submitted"),
    ):
        try:
            return reverse(name) + query
        except NoReverseMatch:
            continue
    return None


# --- panels -----------------------------------------------------------------------------


def campaign_panel(request):
    """The current campaign, the ways to enter activities, and my activities in it by state."""
    user = request.user
    campaign = selectors.current_campaign()
    mine = selectors.activities_visible_to(user)
    if campaign is not None:
        mine = mine.filter(campaign=campaign)
    found = dict(mine.order_by().values_list("state").annotate(count=Count("pk")))
    campaign_query = campaign.pk if campaign else "all"
    counts = [
        {
            "state": state,
            "label": state.label,
            "count": found.get(state.value, 0),
            "url": list_url(state.value, campaign_query),
        }
        for state in ActivityState
        if state in ACTIVITY_LISTED
    ]
    return {
        "campaign": campaign,
        "may_enter": permissions.can(user, EDIT_UNIT_WORK),
        "counts": counts,
        "total": sum(item["count"] for item in counts),
    }


def review_panel(request):
    """The association's review queue: how long it is, and who waits longest."""
    count, first = review_start(request)
    return {
        "review_count": count,
        "review_first": first,
        "review_more": count > len(first),
        "review_url": review_url(),
    }


WAITING = (
    (
        "returned",
        ActivityState.RETURNED,
        _("Returned to you for changes"),
        _(
            "The association's staff sent these back. Read why, correct the activity and "
            "submit it again."
        ),
    ),
    (
        "drafts",
        ActivityState.DRAFT,
        _("Drafts not yet submitted"),
        _("The association sees an activity only once you submit it for review."),
    ),
    (
        "results_missing",
        ActivityState.PUBLISHED,
        _("Results to enter"),
        _(
            "These activities have ended. Enter how many people took part, the money raised "
            "and the people supported, and add photos or documents."
        ),
    ),
)


def waiting_panel(request):
    """What waits for my units, returned activities first: None when nothing does."""
    work = units_work(request)
    due = [
        {
            "state": state.value,
            "title": title,
            "hint": hint,
            "activities": work.first[kind],
            "count": work.counts[kind],
            "more": work.counts[kind] > DUE_SHOWN,
            "url": list_url(state.value),
        }
        for kind, state, title, hint in WAITING
    ]
    if not any(item["count"] for item in due):
        return None
    return {"due": due}


# --- what is due ------------------------------------------------------------------------


def _counted(kind):
    return lambda request: units_work(request).counts[kind]


# A unit's three kinds of work lead to their lists in the waiting panel, on the same page;
# the submissions waiting for the association to the activity list, the queue to the admin.


def area() -> officers.OfficersArea:
    return officers.OfficersArea(
        nav=(
            officers.NavEntry(
                key="campaigns.activities",
                label=_("Activities"),
                url_name="campaigns_portal:activities",
                order=20,
                icon="activities",
                visible=has_role,
            ),
        ),
        panels=(
            officers.Panel(
                key="campaigns.campaign",
                template="campaigns/portal/panels/campaign.html",
                context=campaign_panel,
                order=10,
                visible=has_role,
            ),
            officers.Panel(
                key="campaigns.review",
                template="campaigns/portal/panels/review.html",
                context=review_panel,
                order=20,
                visible=reviews,
            ),
            officers.Panel(
                key="campaigns.waiting",
                template="campaigns/portal/panels/waiting.html",
                context=waiting_panel,
                order=30,
                visible=enters_units_work,
            ),
        ),
        due=(
            officers.DueItem(
                key="campaigns.returned",
                label=ngettext_lazy(
                    "activity returned to you for changes",
                    "activities returned to you for changes",
                    "count",
                ),
                count=_counted("returned"),
                url=lambda request: "#due-" + ActivityState.RETURNED,
                order=10,
                tone="attention",
                visible=enters_units_work,
            ),
            officers.DueItem(
                key="campaigns.drafts",
                label=ngettext_lazy("draft not yet submitted", "drafts not yet submitted", "count"),
                count=_counted("drafts"),
                url=lambda request: "#due-" + ActivityState.DRAFT,
                order=20,
                visible=enters_units_work,
            ),
            officers.DueItem(
                key="campaigns.results_missing",
                label=ngettext_lazy(
                    "ended activity without its results",
                    "ended activities without their results",
                    "count",
                ),
                count=_counted("results_missing"),
                url=lambda request: "#due-" + ActivityState.PUBLISHED,
                order=30,
                visible=enters_units_work,
            ),
            officers.DueItem(
                key="campaigns.submitted",
                label=ngettext_lazy(
                    "activity of your units waiting for the association's review",
                    "activities of your units waiting for the association's review",
                    "count",
                ),
                count=_counted("submitted"),
                url=lambda request: list_url(ActivityState.SUBMITTED),
                order=40,
                tone="info",
                visible=signs_off_units_work,
            ),
            officers.DueItem(
                key="campaigns.review",
                label=ngettext_lazy(
                    "activity waiting for your review",
                    "activities waiting for your review",
                    "count",
                ),
                count=lambda request: review_start(request)[0],
                url=lambda request: review_url() or list_url(ActivityState.SUBMITTED),
                order=10,
                visible=reviews,
            ),
        ),
    )
