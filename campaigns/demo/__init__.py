"""Demo data for the campaigns app: the 2024 Month of Study Promotion (`manage.py load_demo`).

Runs after the organizations demo, which loads the official unit tree and one account per
role. Writes the 2024 campaign (Kế hoạch 204/KH-UBND) with its eight focus areas, key dates
and participants, then about 150 activities of the districts and the city's bodies. They
are entered, taken through the review states and given their results through the services
an officer and the association's staff use (the rules and the history entries are the real
ones), told the 2024 times they happened at and asked to send no mail. Every part is
matched on its natural key, so a second run adds nothing.
"""

import datetime
import random
from collections import Counter

from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from campaigns import services
from campaigns.demo import plan as planning
from campaigns.demo.campaign2024 import ensure_campaign
from campaigns.models import Activity, ActivityState, CampaignState
from organizations.models import Membership, Role

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
            campaign,
            to=CampaignState.OPEN,
            by=staff,
            reason="Kế hoạch 204/KH-UBND",
            at=_at(datetime.date(2024, 8, 29), 16, 0),
        )
        campaign.refresh_from_db()
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
        written[item.final_state] += 1
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
    """Enter one activity and take it through its review states with the services an
    officer and the association's staff use, at the 2024 times its timeline gives, without
    the mails those moves send: the demo month is long over, the demo accounts' inboxes
    should not fill on every load, and the task log would bury the summary."""
    unit = item.district or item.organizer
    author = officers.get(item.organizer.pk) or officers.get(unit.pk) or staff
    times = _timeline(item, rng)
    activity = services.create_activity(
        campaign=campaign,
        by=author,
        co_organizers=item.co_organizers,
        organizer=item.organizer,
        focus_area=focus_areas[item.focus],
        at=times["created"],
        **item.fields,
    )
    quiet = {"notify": False}
    if item.final_state != ActivityState.DRAFT:
        activity = services.submit_activity(activity, by=author, at=times["submitted"], **quiet)
    if item.final_state == ActivityState.RETURNED:
        activity = services.return_activity(
            activity, by=staff, reason=item.return_reason, at=times["returned"], **quiet
        )
    if item.final_state in {ActivityState.PUBLISHED, ActivityState.CANCELLED}:
        activity = services.publish_activity(activity, by=staff, at=times["published"], **quiet)
    if item.change:
        activity = services.update_activity(activity, by=author, at=times["changed"], **item.change)
    if item.final_state == ActivityState.CANCELLED:
        activity = services.cancel_activity(
            activity, by=author, reason=item.cancel_reason, at=times["cancelled"], **quiet
        )
    if item.results:
        services.record_results(activity, by=author, at=times["results_recorded"], **item.results)
    _date_record(activity, times)


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


def _date_record(activity, times):
    """The activity row's own bookkeeping stamps (created, last changed), which the model
    sets to the moment of saving, told the 2024 times too. Its history is left as the
    services wrote it."""
    activity.refresh_from_db()
    last = max(
        stamp
        for stamp in (
            times["created"],
            activity.submitted_at,
            activity.published_at,
            activity.cancelled_at,
        )
        if stamp is not None
    )
    if activity.state == ActivityState.RETURNED:
        last = times["returned"]
    if activity.sequence and activity.state == ActivityState.PUBLISHED:
        last = times["changed"]
    Activity.objects.filter(pk=activity.pk).update(created_at=times["created"], updated_at=last)
