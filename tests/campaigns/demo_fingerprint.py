"""A fingerprint of the loaded demo: every campaign part, activity, co-organiser, result and
history entry, as plain sorted values, so two loads can be compared field by field.

Units are named by code and name (codes are reused over time), people by user name, times
in ISO form in the portal's time zone. `python -m tests.campaigns.demo_fingerprint` (with
DJANGO_SETTINGS_MODULE set, in demo mode, on a database holding the demo) prints it.
"""

import json

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from campaigns.models import Activity, ActivityResult, Campaign
from common.models import HistoryEntry

FIXTURE = "demo-2024-fingerprint.json"


def _unit(unit):
    return None if unit is None else f"{unit.code} {unit.name}"


def _value(value):
    if value is None or isinstance(value, bool | int | str):
        return value
    if hasattr(value, "tzinfo") and hasattr(value, "hour") and hasattr(value, "day"):
        return timezone.localtime(value).isoformat()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def _action(code):
    # History actions may be written with a namespace ("activity.submitted"): compare the
    # last part only.
    return code.rsplit(".", 1)[-1].rsplit(":", 1)[-1]


def _history(obj):
    entries = HistoryEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(type(obj)), object_id=str(obj.pk)
    ).select_related("actor")
    return sorted(
        [
            _action(entry.action),
            entry.actor.username if entry.actor else None,
            _value(entry.at),
            entry.reason,
            json.dumps(entry.changes, sort_keys=True, ensure_ascii=False, default=str),
        ]
        for entry in entries
    )


ACTIVITY_FIELDS = (
    "kind",
    "title",
    "description",
    "starts_on",
    "ends_on",
    "start_time",
    "end_time",
    "venue",
    "address",
    "audience",
    "expected_participants",
    "contact_name",
    "contact_phone",
    "contact_email",
    "is_public",
    "state",
    "return_reason",
    "cancel_reason",
    "sequence",
    "submitted_at",
    "published_at",
    "cancelled_at",
    "created_at",
    "updated_at",
)
RESULT_FIELDS = ("participants", "money_raised", "people_supported", "awards_given", "notes")


def _activity(activity):
    result = ActivityResult.objects.filter(activity=activity).select_related("entered_by").first()
    return {
        "organizer": _unit(activity.organizer),
        "commune": _unit(activity.commune),
        "focus_area": activity.focus_area.position if activity.focus_area else None,
        "created_by": activity.created_by.username if activity.created_by else None,
        "co_organizers": sorted(_unit(unit) for unit in activity.co_organizers.all()),
        **{name: _value(getattr(activity, name)) for name in ACTIVITY_FIELDS},
        "results": None
        if result is None
        else {
            **{name: _value(getattr(result, name)) for name in RESULT_FIELDS},
            "entered_by": result.entered_by.username if result.entered_by else None,
            "entered_at": _value(result.entered_at),
        },
        "history": _history(activity),
    }


def fingerprint(year=2024):
    campaign = Campaign.objects.get(year=year)
    fields = [
        "title",
        "plan_number",
        "plan_date",
        "plan_issuer",
        "starts_on",
        "ends_on",
        "theme",
        "lifelong_learning_theme",
        "state",
        "created_at",
    ]
    activities = [
        _activity(activity)
        for activity in Activity.objects.filter(campaign=campaign).select_related(
            "organizer", "commune", "focus_area", "created_by"
        )
    ]
    activities.sort(key=lambda item: json.dumps(item, sort_keys=True, ensure_ascii=False))
    return {
        "campaign": {name: _value(getattr(campaign, name)) for name in fields},
        "campaign_history": _history(campaign),
        "focus_areas": [
            [area.position, area.title, area.short_title, area.description]
            for area in campaign.focus_areas.order_by("position")
        ],
        "key_dates": sorted(
            [date.title, _value(date.starts_on), _value(date.ends_on), date.description]
            for date in campaign.key_dates.all()
        ),
        "participants": sorted(_unit(unit) for unit in campaign.participants.all()),
        "activities": activities,
    }


def dumps(value):
    """One activity a line, so a difference reads in a diff."""
    head = {key: item for key, item in value.items() if key != "activities"}
    lines = [json.dumps(head, ensure_ascii=False, sort_keys=True)]
    lines += [json.dumps(item, ensure_ascii=False, sort_keys=True) for item in value["activities"]]
    return "\n".join(lines) + "\n"


def loads(text):
    head, *activities = (json.loads(line) for line in text.splitlines() if line.strip())
    return {**head, "activities": activities}
