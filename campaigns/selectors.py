"""Reads of campaigns and activities that are reused or subtle.

Each list comes with its related rows fetched up front, so that a page costs the same few
queries whatever the number of activities.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.utils import timezone

from campaigns.models import Activity, ActivityState, Campaign, CampaignState
from campaigns.permissions import EDIT_UNIT_WORK
from common.text import fold
from organizations import permissions
from organizations.models import Unit, UnitAncestry
from organizations.permissions import VIEW_UNIT


def current_campaign(
    today: datetime.date | None = None, *, public: list[Campaign] | None = None
) -> Campaign | None:
    """The campaign the public pages lead with: the open one running today, else the
    nearest open one, else the latest campaign that has been opened. `public`: the public
    campaigns, when the page has read them already (one query fewer)."""
    today = today or timezone.localdate()
    if public is None:
        public = Campaign.objects.public()
    public = sorted(public, key=lambda campaign: campaign.year, reverse=True)
    running = [c for c in public if c.state == CampaignState.OPEN and c.contains(today)]
    if running:
        return running[0]
    open_ones = [c for c in public if c.state == CampaignState.OPEN]
    if open_ones:
        return min(open_ones, key=lambda c: abs((c.starts_on - today).days))
    return public[0] if public else None


def with_details(activities):
    """The related rows every activity list shows."""
    return activities.select_related(
        "organizer", "focus_area", "commune", "campaign"
    ).prefetch_related(Prefetch("co_organizers", queryset=Unit.objects.order_by("search_name")))


def _within(unit: Unit, field: str, on=None):
    """`field` (a unit of the activity) lies in `unit` as the tree stood on the activity's
    first day (`on`, the activity's start date as seen from the subquery)."""
    on = on if on is not None else OuterRef("starts_on")
    return Exists(UnitAncestry.objects.valid_on(on).filter(ancestor=unit, unit=OuterRef(field)))


def in_unit(activities, unit: Unit):
    """Activities organised, co-organised or held in `unit` or anywhere under it, following
    the tree as it stood on each activity's date."""
    co_organised = Activity.co_organizers.through.objects.filter(
        _within(unit, "unit_id", on=OuterRef(OuterRef("starts_on"))), activity_id=OuterRef("pk")
    )
    return activities.filter(
        Q(_within(unit, "organizer")) | Q(_within(unit, "commune")) | Q(Exists(co_organised))
    )


def search(activities, query: str):
    """Every word of `query` must appear; diacritics and case are ignored."""
    for word in fold(query).split():
        activities = activities.filter(search_text__contains=word)
    return activities


@dataclass
class CalendarFilters:
    unit: Unit | None = None
    focus_area_id: int | None = None
    kind: str = ""
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    query: str = ""

    @property
    def active(self):
        return any(
            [self.unit, self.focus_area_id, self.kind, self.date_from, self.date_to, self.query]
        )


def public_activities(campaign: Campaign | None, filters: CalendarFilters | None = None):
    """What the public calendar and the iCal feed show, filtered."""
    activities = Activity.objects.public()
    if campaign is not None:
        activities = activities.filter(campaign=campaign)
    filters = filters or CalendarFilters()
    if filters.unit is not None:
        activities = in_unit(activities, filters.unit)
    if filters.focus_area_id:
        activities = activities.filter(focus_area_id=filters.focus_area_id)
    if filters.kind:
        activities = activities.filter(kind=filters.kind)
    if filters.date_from or filters.date_to:
        activities = activities.overlapping(filters.date_from or None, filters.date_to or None)
    if filters.query:
        activities = search(activities, filters.query)
    return with_details(activities).order_by("starts_on", "start_time", "pk")


@dataclass(frozen=True)
class PublicCount:
    """How the public pages count activities, so that the home page and the calendar give
    the same figure: every activity a citizen can open (published, and cancelled after
    publication), saying how many of them are cancelled; and the units organising the ones
    that go ahead."""

    total: int = 0
    cancelled: int = 0
    units: int = 0


def count_public(activities) -> PublicCount:
    """`activities` (public ones: Activity.objects.public() narrowed) counted in one query."""
    going_ahead = ~Q(state=ActivityState.CANCELLED)
    return PublicCount(
        **activities.order_by().aggregate(
            total=Count("pk"),
            cancelled=Count("pk", filter=Q(state=ActivityState.CANCELLED)),
            units=Count("organizer", distinct=True, filter=going_ahead),
        )
    )


def activities_visible_to(user):
    """Every activity (any state) the user may see in the officers' area."""
    mine = permissions.unit_filter(user, VIEW_UNIT, field="organizer")
    return with_details(Activity.objects.filter(mine))


def due_for(user, today: datetime.date | None = None):
    """What waits for the user: drafts to submit, returned activities to fix, and published
    activities that have ended without results."""
    today = today or timezone.localdate()
    mine = permissions.unit_filter(user, EDIT_UNIT_WORK, field="organizer")
    base = with_details(Activity.objects.filter(mine)).order_by("starts_on", "pk")
    return {
        "returned": base.filter(state=ActivityState.RETURNED),
        "drafts": base.filter(state=ActivityState.DRAFT),
        "results_missing": base.filter(
            state=ActivityState.PUBLISHED, ends_on__lt=today, result__isnull=True
        ),
    }


def review_queue():
    """Submitted activities, oldest submission first (the association's review queue)."""
    return with_details(Activity.objects.filter(state=ActivityState.SUBMITTED)).order_by(
        "submitted_at", "pk"
    )
