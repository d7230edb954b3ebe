"""Demo data for the campaigns app: the 2024 Month of Study Promotion (`manage.py load_demo`).

Runs after the organizations demo, which loads the official unit tree and one account per
role. Writes the 2024 campaign (Kế hoạch 204/KH-UBND) with its eight focus areas, key dates
and participants, then about 150 activities of the districts and the city's bodies. They
are entered through the services an officer uses (create, change, record results: the rules
are the real ones), taken through the review states as the services take them, with the
same history entries, and their timestamps are then moved back to the 2024 month. Every
part is matched on its natural key, so a second run adds nothing.
"""

import datetime
import random
from collections import Counter

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from campaigns import services
from campaigns.demo import plan as planning
from campaigns.demo.campaign2024 import ensure_campaign
from campaigns.models import Activity, ActivityResult, ActivityState, CampaignState
from campaigns.states import ACTIVITY_TRANSITIONS
from organizations import audit, permissions
from organizations.models import HistoryEntry, Membership, Role
from organizations.permissions import Action

# The plan was issued on 28/8/2024: units started entering their activities the day after.
ENTRIES_OPEN = datetime.datetime(2024, 8, 29, 8, 30)


def load(stdout):
    """The 2024 campaign and its activities; prints what it wrote."""
    campaign, created = ensure_campaign()
    staff = _staff_member()
    if campaign.state == CampaignState.DRAFT:
        # The campaign stays open, although its month is over, so that the demo accounts
        # can enter, submit and review activities (entries must fall inside the month).
        services.change_campaign_state(
            campaign, to=CampaignState.OPEN, by=staff, reason="Kế hoạch 204/KH-UBND"
        )
        campaign.refresh_from_db()
        _backdate_history(campaign, {"opened": _at(datetime.date(2024, 8, 29), 16, 0)})
        type(campaign).objects.filter(pk=campaign.pk).update(
            created_at=_at(datetime.date(2024, 8, 29), 15, 30)
        )
    stdout.write(
        f"Campaign {campaign.year} “{campaign.title}”: {'created' if created else 'kept'}, "
        f"{campaign.get_state_display()}, {campaign.focus_areas.count()} focus areas, "
        f"{campaign.key_dates.count()} key dates, {campaign.participants.count()} "
        "participating units.\n"
    )
    if campaign.state != CampaignState.OPEN:
        stdout.write("The campaign is not open, so no activities were added.\n")
        return

    planned = planning.plan(campaign)
    existing = set(campaign.activities.values_list("organizer_id", "title", "starts_on"))
    officers = _officers()
    focus_areas = {area.position: area for area in campaign.focus_areas.all()}
    rng = random.Random(planning.SEED)
    written = Counter()
    for item in planned:
        if item.key in existing:
            continue
        _write(item, campaign, focus_areas, officers, staff, rng)
        written[item.state] += 1
    total = sum(written.values())
    states = ", ".join(f"{count} {ActivityState(state).label}" for state, count in written.items())
    stdout.write(
        f"Activities: {total} added ({states or 'none'}), {len(planned) - total} already there.\n"
    )


def _staff_member():
    membership = (
        Membership.objects.active()
        .filter(role=Role.STAFF)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    if membership is None:
        raise ImproperlyConfigured(
            "The campaigns demo needs an association staff account: load the organizations "
            "demo first (manage.py load_demo runs it before this one)."
        )
    return membership.user


def _officers():
    """The demo officer of each unit that has one (the others' entries are made by staff)."""
    found = {}
    for role in (Role.OFFICER, Role.APPROVER):
        for membership in Membership.objects.active().filter(role=role).order_by("pk"):
            found.setdefault(membership.unit_id, membership.user)
    return found


def _write(item, campaign, focus_areas, officers, staff, rng):
    unit = item.district or item.organizer
    author = officers.get(item.organizer.pk) or officers.get(unit.pk) or staff
    activity = services.create_activity(
        campaign=campaign,
        by=author,
        co_organizers=item.co_organizers,
        organizer=item.organizer,
        focus_area=focus_areas[item.focus],
        **item.fields,
    )
    times = _timeline(item, rng)
    if item.state != ActivityState.DRAFT:
        activity = _move(activity, ActivityState.SUBMITTED, by=author)
    if item.state == ActivityState.RETURNED:
        activity = _move(activity, ActivityState.RETURNED, by=staff, reason=item.return_reason)
    if item.state in {ActivityState.PUBLISHED, ActivityState.CANCELLED}:
        activity = _move(activity, ActivityState.PUBLISHED, by=staff)
    if item.change:
        activity = services.update_activity(activity, by=author, **item.change)
    if item.state == ActivityState.CANCELLED:
        activity = _move(activity, ActivityState.CANCELLED, by=author, reason=item.cancel_reason)
    if item.results:
        services.record_results(activity, by=author, **item.results)
    _backdate(activity, times)


# What each move writes besides the state, as services.submit_activity, publish_activity,
# return_activity and cancel_activity write it.
_MOVES = {
    ActivityState.SUBMITTED: ("submitted", "submitted_at", ()),
    ActivityState.PUBLISHED: ("published", "published_at", ("return_reason",)),
    ActivityState.RETURNED: ("returned", None, ("return_reason",)),
    ActivityState.CANCELLED: ("cancelled", "cancelled_at", ("cancel_reason", "sequence")),
}


@transaction.atomic
def _move(activity, to, *, by, reason=""):
    """Take an activity to its next state as the services do (same checks of who acts and
    from which state, same fields, same history entry), but without queueing their
    notifications: the demo month is long over, the demo accounts' inboxes should not
    fill on every load, and the task log would bury the summary."""
    activity = Activity.objects.select_for_update().select_related("organizer").get(pk=activity.pk)
    if to in {ActivityState.SUBMITTED, ActivityState.CANCELLED}:
        allowed = services.may_edit(by, activity) or (
            to == ActivityState.CANCELLED
            and permissions.can(by, Action.MANAGE_CAMPAIGNS, activity.organizer)
        )
    else:
        allowed = permissions.can(by, Action.MANAGE_CAMPAIGNS, activity.organizer)
    if not allowed:
        raise PermissionDenied
    if to not in ACTIVITY_TRANSITIONS[activity.state]:
        raise ValidationError(f"A {activity.state} activity cannot become {to}.")
    action, stamp, extra = _MOVES[to]
    before = activity.state
    activity.state = to
    if stamp:
        setattr(activity, stamp, timezone.now())
    if to == ActivityState.PUBLISHED:
        activity.return_reason = ""
    elif to == ActivityState.RETURNED:
        activity.return_reason = reason
    elif to == ActivityState.CANCELLED:
        activity.cancel_reason = reason
        activity.sequence += 1
    activity.save(update_fields=["state", *([stamp] if stamp else []), *extra])
    audit.record(
        activity,
        action=action,
        by=by,
        reason=reason if to in {ActivityState.RETURNED, ActivityState.CANCELLED} else "",
        changes={"state": [before, to]},
    )
    return activity


def _at(day, hour, minute):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def _timeline(item, rng):
    """When each step happened, in office hours in the weeks before the activity: entered
    one to two weeks ahead, submitted within two days, decided a day or two later, results
    entered within a week of the end."""
    fields = item.fields
    start = fields["starts_on"]
    first = ENTRIES_OPEN.date()
    created = max(first, start - datetime.timedelta(days=rng.randint(7, 16)))
    submitted = min(created + datetime.timedelta(days=rng.randint(0, 2)), start)
    decided = min(submitted + datetime.timedelta(days=rng.randint(1, 2)), start)
    times = {
        "created": _at(created, rng.randint(8, 10), rng.randint(0, 59)),
        "submitted": _at(submitted, rng.randint(13, 15), rng.randint(0, 59)),
        "published": _at(decided, rng.randint(8, 10), rng.randint(0, 59)),
    }
    times["returned"] = times["published"]
    times["changed"] = times["published"] + datetime.timedelta(hours=rng.randint(2, 6))
    if item.cancel_reason == planning.STORM:
        times["cancelled"] = _at(datetime.date(2024, 9, 6), 16, rng.randint(0, 45))
    else:
        times["cancelled"] = max(
            times["changed"], _at(start - datetime.timedelta(days=2), 10, rng.randint(0, 59))
        )
    ends = fields["ends_on"] + datetime.timedelta(days=rng.randint(1, 6))
    times["results_recorded"] = _at(ends, rng.randint(9, 16), rng.randint(0, 59))
    return times


def _backdate(activity, times):
    """Move the timestamps the services wrote (today) to the 2024 month they describe."""
    stamps = {"created_at": times["created"]}
    last = times["created"]
    for field, step in (
        ("submitted_at", "submitted"),
        ("published_at", "published"),
        ("cancelled_at", "cancelled"),
    ):
        if getattr(activity, field) is not None:
            stamps[field] = times[step]
            last = max(last, times[step])
    if activity.state == ActivityState.RETURNED:
        last = times["returned"]
    if activity.sequence and activity.state == ActivityState.PUBLISHED:
        last = times["changed"]
    stamps["updated_at"] = last
    Activity.objects.filter(pk=activity.pk).update(**stamps)
    ActivityResult.objects.filter(activity=activity).update(entered_at=times["results_recorded"])
    _backdate_history(activity, times)


def _backdate_history(obj, times):
    entries = list(
        HistoryEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(type(obj)), object_id=str(obj.pk)
        )
    )
    for entry in entries:
        entry.at = times.get(entry.action, entry.at)
    HistoryEntry.objects.bulk_update(entries, ["at"])
