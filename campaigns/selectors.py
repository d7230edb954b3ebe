"""Reads of campaigns and activities that are reused or subtle.

Each list comes with its related rows fetched up front, so that a page costs the same few
queries whatever the number of activities.
"""

import datetime
from dataclasses import dataclass

from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    OuterRef,
    Prefetch,
    Q,
    Value,
    When,
    Window,
)
from django.db.models.functions import RowNumber
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


def _due_conditions(today: datetime.date) -> dict[str, Q]:
    """Each kind of work waiting for a unit, as a filter on its activities."""
    return {
        "returned": Q(state=ActivityState.RETURNED),
        "drafts": Q(state=ActivityState.DRAFT),
        "results_missing": Q(state=ActivityState.PUBLISHED, ends_on__lt=today, result__isnull=True),
    }


def due_for(user, today: datetime.date | None = None):
    """What waits for the user: drafts to submit, returned activities to fix, and published
    activities that have ended without results."""
    today = today or timezone.localdate()
    mine = permissions.unit_filter(user, EDIT_UNIT_WORK, field="organizer")
    base = with_details(Activity.objects.filter(mine)).order_by("starts_on", "pk")
    return {kind: base.filter(condition) for kind, condition in _due_conditions(today).items()}


@dataclass(frozen=True)
class DueWork:
    """How many activities of each kind wait (`counts`), and the first of each by date
    (`first`): "returned", "drafts", "results_missing", and "submitted" when asked for."""

    counts: dict[str, int]
    first: dict[str, list[Activity]]


def due_work(
    user, today: datetime.date | None = None, *, shown: int = 10, submitted: bool = False
) -> DueWork:
    """`due_for`'s lists (and, with `submitted`, the user's units' activities waiting for
    the association's review) counted and cut to their first `shown`, in one query: each
    row carries its kind, its place in the kind and the kind's total (window functions)."""
    today = today or timezone.localdate()
    conditions = _due_conditions(today)
    if submitted:
        conditions["submitted"] = Q(state=ActivityState.SUBMITTED)
    kind = Case(
        *(When(condition, then=Value(name)) for name, condition in conditions.items()),
        output_field=CharField(),
    )
    any_kind = Q()
    for condition in conditions.values():
        any_kind |= condition
    mine = permissions.unit_filter(user, EDIT_UNIT_WORK, field="organizer")
    rows = (
        Activity.objects.filter(mine)
        .filter(any_kind)
        .annotate(
            due_kind=kind,
            due_place=Window(RowNumber(), partition_by=[kind], order_by=["starts_on", "pk"]),
            due_total=Window(Count("pk"), partition_by=[kind]),
        )
        .filter(due_place__lte=shown)
        .select_related("organizer", "focus_area", "commune", "campaign")
        .order_by("due_place")
    )
    counts = dict.fromkeys(conditions, 0)
    first = {name: [] for name in conditions}
    for activity in rows:
        counts[activity.due_kind] = activity.due_total
        first[activity.due_kind].append(activity)
    return DueWork(counts=counts, first=first)


def review_queue():
    """Submitted activities, oldest submission first (the association's review queue)."""
    return with_details(Activity.objects.filter(state=ActivityState.SUBMITTED)).order_by(
        "submitted_at", "pk"
    )


def review_queue_start(shown: int = 5) -> tuple[int, list[Activity]]:
    """How long the review queue is, and its first `shown` activities, in one query."""
    rows = list(
        review_queue().prefetch_related(None).annotate(queue_length=Window(Count("pk")))[:shown]
    )
    return (rows[0].queue_length if rows else 0), rows


# --- what the fund reads (scholarships names an activity a gift was raised at) -------------


def is_fundraising(activity) -> bool:
    """Whether a gift may name `activity` as where it was raised: a fundraising activity
    not discarded."""
    from campaigns.models import ActivityKind

    return activity.kind == ActivityKind.FUNDRAISING and activity.state != ActivityState.DISCARDED


def fundraising_activities(units, campaign=None):
    """The fundraising activities organised by `units` (of `campaign`, when named) a gift
    may name, the newest first, with their campaign."""
    from campaigns.models import ActivityKind

    activities = (
        Activity.objects.filter(kind=ActivityKind.FUNDRAISING, organizer__in=units)
        .exclude(state=ActivityState.DISCARDED)
        .select_related("campaign", "organizer")
        .order_by("-starts_on", "pk")
    )
    return activities.filter(campaign=campaign) if campaign is not None else activities


def ledger_raised(activity) -> int | None:
    """For a fundraising activity, the money raised as the fund's ledger has it (the standing
    gifts that name the activity), which its results show instead of a typed figure; None for
    an activity of another kind."""
    from campaigns.models import ActivityKind
    from scholarships import selectors as fund_selectors

    if activity.kind != ActivityKind.FUNDRAISING:
        return None
    return fund_selectors.raised_by_activity([activity.pk]).get(activity.pk, 0)
