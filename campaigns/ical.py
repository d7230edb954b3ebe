"""The public calendar as iCalendar text (RFC 5545), for calendar apps to subscribe to.

The text is written here line by line instead of through the icalendar package's object
model: building 5,000 events with that model takes several seconds, writing them as text a
small fraction of one. The tests read every feed back with icalendar and compare each event
with the database, so the two cannot drift apart unnoticed.

Times are Hải Phòng local time with a TZID, all-day activities are dates (DTEND is the day
after the last day, as the standard counts), and every change subscribers should see raises
the activity's SEQUENCE (campaigns.services does that). An event's UID is the activity's own
`calendar_uid`, set once and never derived from the portal's address; its URL and the link in
its description are on the public address (common.links).
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from campaigns.models import Activity, ActivityKind, ActivityState
from common.links import public_url

CRLF = "\r\n"
TZID = "Asia/Ho_Chi_Minh"
PRODID = "-//Hoi Khuyen hoc Hai Phong//Lich Thang Khuyen hoc//VI"

# Việt Nam has kept UTC+7 without daylight saving since 1975; one STANDARD block says so.
VTIMEZONE = (
    "BEGIN:VTIMEZONE",
    f"TZID:{TZID}",
    f"X-LIC-LOCATION:{TZID}",
    "BEGIN:STANDARD",
    "DTSTART:19750613T000000",
    "TZOFFSETFROM:+0700",
    "TZOFFSETTO:+0700",
    "TZNAME:+07",
    "END:STANDARD",
    "END:VTIMEZONE",
)


def text(value) -> str:
    """A TEXT value with its special characters escaped (RFC 5545 §3.3.11)."""
    # Chained replace() is many times faster than str.translate() on non-ASCII text.
    return (
        str(value)
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\n")
        .replace("\r", "")
        .replace("\n", "\\n")
    )


def param(value) -> str:
    """A parameter value, always quoted (quotes are not allowed inside, so they go)."""
    return '"' + str(value).replace('"', "").replace("\n", " ") + '"'


def fold(line: str) -> str:
    """Fold a content line at 75 octets, never inside a UTF-8 sequence (§3.1)."""
    if len(line) <= 75 and line.isascii():
        return line
    data = line.encode()
    if len(data) <= 75:
        return line
    parts, start, limit = [], 0, 75
    while start < len(data):
        end = min(start + limit, len(data))
        while end < len(data) and data[end] & 0xC0 == 0x80:
            end -= 1
        parts.append(data[start:end].decode())
        start, limit = end, 74  # a continuation line begins with one space
    return "\r\n ".join(parts)


# The formatting below avoids strftime(), which costs several times more per call: a
# feed of 5,000 events formats some 25,000 dates and times.


def utc(moment: datetime.datetime) -> str:
    m = moment.astimezone(datetime.UTC)
    return f"{m.year:04}{m.month:02}{m.day:02}T{m.hour:02}{m.minute:02}{m.second:02}Z"


def _date(day: datetime.date) -> str:
    return f"{day.year:04}{day.month:02}{day.day:02}"


def _local(day: datetime.date, time: datetime.time) -> str:
    return f"{day.year:04}{day.month:02}{day.day:02}T{time.hour:02}{time.minute:02}{time.second:02}"


def when_lines(activity) -> list[str]:
    """DTSTART and DTEND: dates for an all-day activity, local times with TZID otherwise."""
    if activity.start_time is None:
        return [
            f"DTSTART;VALUE=DATE:{_date(activity.starts_on)}",
            f"DTEND;VALUE=DATE:{_date(activity.ends_on + datetime.timedelta(days=1))}",
        ]
    lines = [f"DTSTART;TZID={TZID}:{_local(activity.starts_on, activity.start_time)}"]
    if activity.end_time is not None:
        lines.append(f"DTEND;TZID={TZID}:{_local(activity.ends_on, activity.end_time)}")
    elif activity.ends_on > activity.starts_on:
        # Timed start, no end time, several days: it runs to the end of its last day.
        last = activity.ends_on + datetime.timedelta(days=1)
        lines.append(f"DTEND;TZID={TZID}:{_local(last, datetime.time.min)}")
    # A timed activity with neither end time nor more days ends when it starts (§3.6.1).
    return lines


class Labels:
    """The words the feed uses, translated once per feed rather than once per event."""

    def __init__(self):
        self.cancelled = _("Cancelled")
        self.organiser = _("Organised by")
        self.co_organisers = _("with")
        self.focus_area = _("Focus area")
        self.kind = _("Kind")
        self.audience = _("For")
        self.contact = _("Contact")
        self.details = _("Details")
        self.kinds = {value: capfirst(str(label)) for value, label in ActivityKind.choices}


# What an event needs of an activity, fetched as plain rows: model instances (and their
# related managers) for thousands of activities would cost most of the feed's time.
ROW_COLUMNS = (
    "pk",
    "calendar_uid",
    "title",
    "description",
    "starts_on",
    "start_time",
    "ends_on",
    "end_time",
    "venue",
    "address",
    "audience",
    "contact_name",
    "contact_phone",
    "contact_email",
    "kind",
    "state",
    "cancel_reason",
    "sequence",
    "created_at",
    "updated_at",
    "organizer__name",
    "focus_area__position",
    "focus_area__title",
    "focus_area__short_title",
    "commune__name",
)


@dataclass(slots=True)
class EventRow:
    pk: int
    calendar_uid: str
    title: str
    description: str
    starts_on: datetime.date
    start_time: datetime.time | None
    ends_on: datetime.date
    end_time: datetime.time | None
    venue: str
    address: str
    audience: str
    contact_name: str
    contact_phone: str
    contact_email: str
    kind: str
    state: str
    cancel_reason: str
    sequence: int
    created_at: datetime.datetime
    updated_at: datetime.datetime
    organizer_name: str
    focus_position: int
    focus_title: str
    focus_short_title: str
    commune_name: str | None
    co_organizers: list = field(default_factory=list)

    @classmethod
    def of(cls, activity):
        """The row of one activity fetched as a model (with its related rows)."""
        values = [getattr(activity, name) for name in ROW_COLUMNS if "__" not in name]
        return cls(
            *values,
            activity.organizer.name,
            activity.focus_area.position,
            activity.focus_area.title,
            activity.focus_area.short_title,
            activity.commune.name if activity.commune_id else None,
            [unit.name for unit in activity.co_organizers.all()],
        )


def rows_of(activities) -> list[EventRow]:
    """The event rows of a queryset of activities, in its order. Two queries."""
    plain = activities.select_related(None).prefetch_related(None)
    names = defaultdict(list)
    through = Activity.co_organizers.through.objects.filter(
        activity_id__in=plain.order_by().values("pk")
    )
    for activity_id, name in through.order_by("unit__search_name").values_list(
        "activity_id", "unit__name"
    ):
        names[activity_id].append(name)
    return [EventRow(*row, names.get(row[0], [])) for row in plain.values_list(*ROW_COLUMNS)]


def location(row: EventRow) -> str:
    parts = [row.venue, row.address]
    if row.commune_name and row.commune_name not in row.address:
        parts.append(row.commune_name)
    return ", ".join(part for part in parts if part)


def description(row: EventRow, url: str, labels: Labels) -> str:
    parts = []
    if row.state == ActivityState.CANCELLED:
        reason = row.cancel_reason.strip()
        parts.append(f"{labels.cancelled}: {reason}" if reason else labels.cancelled)
    if row.description.strip():
        parts.append(row.description.strip())
    organisers = row.organizer_name
    if row.co_organizers:
        organisers = f"{organisers} ({labels.co_organisers} {', '.join(row.co_organizers)})"
    facts = [
        f"{labels.organiser}: {organisers}",
        f"{labels.focus_area}: {row.focus_position}. {row.focus_title}",
        f"{labels.kind}: {labels.kinds.get(row.kind, row.kind)}",
    ]
    if row.audience:
        facts.append(f"{labels.audience}: {row.audience}")
    contact = " · ".join(
        part for part in (row.contact_name, row.contact_phone, row.contact_email) if part
    )
    if contact:
        facts.append(f"{labels.contact}: {contact}")
    facts.append(f"{labels.details}: {url}")
    parts.append("\n".join(facts))
    return "\n\n".join(parts)


def event_lines(row: EventRow, *, url: str, labels: Labels) -> list[str]:
    """One VEVENT."""
    updated = utc(row.updated_at)
    lines = [
        "BEGIN:VEVENT",
        f"UID:{row.calendar_uid}",
        f"DTSTAMP:{updated}",
        *when_lines(row),
        f"SUMMARY:{text(row.title)}",
        f"DESCRIPTION:{text(description(row, url, labels))}",
    ]
    place = location(row)
    if place:
        lines.append(f"LOCATION:{text(place)}")
    lines.append(f"URL;VALUE=URI:{url}")
    if row.contact_email:
        lines.append(f"ORGANIZER;CN={param(row.organizer_name)}:mailto:{row.contact_email}")
    kind = labels.kinds.get(row.kind, row.kind)
    cancelled = row.state == ActivityState.CANCELLED
    lines += [
        f"CATEGORIES:{text(row.focus_short_title)},{text(kind)}",
        "CLASS:PUBLIC",
        f"STATUS:{'CANCELLED' if cancelled else 'CONFIRMED'}",
        f"SEQUENCE:{row.sequence}",
        f"CREATED:{utc(row.created_at)}",
        f"LAST-MODIFIED:{updated}",
        "END:VEVENT",
    ]
    return lines


def render(rows, *, name: str, description_text: str = "") -> bytes:
    """A whole VCALENDAR with one VEVENT per row (see rows_of and EventRow.of), as UTF-8
    bytes with CRLF line ends."""
    labels = Labels()
    # One reverse() for the whole feed: every activity's address has the same shape.
    marker = "987654321"
    before, _marker, after = public_url(
        reverse("campaigns:activity-detail", args=[marker])
    ).rpartition(marker)
    lines = [
        "BEGIN:VCALENDAR",
        f"PRODID:{PRODID}",
        "VERSION:2.0",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{text(name)}",
        f"NAME:{text(name)}",
    ]
    if description_text:
        lines += [
            f"X-WR-CALDESC:{text(description_text)}",
            f"DESCRIPTION:{text(description_text)}",
        ]
    lines += [
        f"X-WR-TIMEZONE:{TZID}",
        "REFRESH-INTERVAL;VALUE=DURATION:PT1H",
        "X-PUBLISHED-TTL:PT1H",
        *VTIMEZONE,
    ]
    for row in rows:
        lines += event_lines(row, url=f"{before}{row.pk}{after}", labels=labels)
    lines.append("END:VCALENDAR")
    return (CRLF.join(map(fold, lines)) + CRLF).encode()
