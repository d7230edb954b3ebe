"""The kinds of activity units organise in the Month of Study Promotion, as templates.

Each template gives an activity's kind, focus area, wording, venue, audience and when in the
month such an activity usually happens; `render` fills one in for a unit and a ward or
commune. The demo data and the benchmark's generator both draw from here, so their text
reads like what districts and departments really enter. The wording is the portal's own.
"""

import datetime
import random
from dataclasses import dataclass

from campaigns.demo import files
from campaigns.models import ActivityKind
from organizations.models import Unit, UnitKind

# Who organises an activity made from a template.
DISTRICT = "district"
COMMUNE = "commune"
BODY = "body"

# Day preferences.
WEEKDAY = "weekday"
WEEKEND = "weekend"
ANY_DAY = "any"


@dataclass(frozen=True)
class Template:
    key: str
    kind: str
    focus: int  # the focus area's position in the plan
    level: str  # who organises: DISTRICT, COMMUNE or BODY
    title: str
    description: str
    venue: str
    audience: str
    # ((month, day), (month, day)) spans of the campaign's year the activity falls in.
    windows: tuple
    # ("HH:MM", "HH:MM") start and end, or None for an all-day activity.
    slots: tuple = (("08:00", "11:00"),)
    days: str = WEEKDAY
    # (fewest, most) extra days after the first one.
    span: tuple = (0, 0)
    participants: tuple = (60, 200)
    at_place: bool = False  # held in a ward or commune of the district (sets `commune`)


def _windows(text):
    """'09-05/09-06 09-11/09-16' -> (((9, 5), (9, 6)), ((9, 11), (9, 16)))."""
    return tuple(tuple(files.pair(end) for end in window.split("/")) for window in text.split())


def _slots(text):
    """'07:30-10:00 all-day' -> (("07:30", "10:00"), None)."""
    return tuple(None if slot == "all-day" else tuple(slot.split("-")) for slot in text.split())


def _template(row):
    if row["level"] not in {DISTRICT, COMMUNE, BODY} or row["days"] not in {
        WEEKDAY,
        WEEKEND,
        ANY_DAY,
    }:
        raise ValueError(f"level {row['level']!r} or days {row['days']!r}")
    return Template(
        key=row["key"],
        kind=ActivityKind(row["kind"]),
        focus=int(row["focus"]),
        level=row["level"],
        title=row["title"],
        description=row["description"],
        venue=row["venue"],
        audience=row["audience"],
        windows=_windows(row["windows"]),
        slots=_slots(row["slots"]),
        days=row["days"],
        span=files.pair(row["span"]),
        participants=files.pair(row["participants"]),
        at_place={"yes": True, "": False}[row["at_place"]],
    )


# From campaigns/demo/data/activity-templates.csv, one row per template: `windows` are
# month-day spans separated by spaces, `slots` start-end times (or all-day), `span` and
# `participants` low-high.
TEMPLATES = {t.key: t for t in files.read("activity-templates.csv", _template)}

# Every district runs these; each adds a few of the others.
CORE = ("launch", "llw_launch", "reading_day", "scholarships", "summary")
POOL = (
    "tt25_seminar",
    "tt24_training",
    "fund_drive",
    "members",
    "plan_1373",
    "loudspeakers",
    "visit",
    "family_contest",
    "clan_learning",
    "high_achievers",
    "book_fair",
    "citizen_exchange",
    "digital_class",
)

_GRASSROOTS = {
    UnitKind.URBAN_DISTRICT: "các phường",
    UnitKind.RURAL_DISTRICT: "các xã, thị trấn",
    UnitKind.TOWN: "các xã, phường",
    UnitKind.CITY_UNDER_CITY: "các xã, phường",
}
_NEIGHBOURHOODS = {
    UnitKind.WARD: "tổ dân phố",
    UnitKind.TOWNSHIP: "tổ dân phố",
    UnitKind.COMMUNE: "thôn",
    UnitKind.URBAN_DISTRICT: "tổ dân phố",
}


def in_sentence(unit: Unit | None) -> str:
    """A unit's name as it reads inside a sentence: "quận Lê Chân", "phường An Biên"; a
    body keeps its own capitals."""
    if unit is None:
        return ""
    if not unit.is_administrative:
        return unit.name
    first, _, rest = unit.name.partition(" ")
    if first in {"Thành", "Thị", "Đặc"}:
        second, _, rest = rest.partition(" ")
        return f"{first.lower()} {second} {rest}"
    return f"{first.lower()} {rest}"


def _time(text):
    return datetime.time.fromisoformat(text) if text else None


def pick_day(template: Template, year: int, rng: random.Random, last_day=None):
    """A first day in one of the template's windows, on the kind of day it prefers."""
    spans = [
        (datetime.date(year, *first), datetime.date(year, *last))
        for first, last in template.windows
    ]
    days = [
        start + datetime.timedelta(days=offset)
        for start, end in spans
        for offset in range((end - start).days + 1)
    ]
    if last_day is not None:
        days = [day for day in days if day <= last_day] or days
    preferred = [day for day in days if _suits(day, template.days)]
    return rng.choice(preferred or days)


def _suits(day, preference):
    if preference == WEEKDAY:
        return day.weekday() < 5
    if preference == WEEKEND:
        return day.weekday() >= 5
    return True


def render(
    template: Template,
    *,
    organizer: Unit,
    district: Unit | None,
    place: Unit | None,
    starts_on: datetime.date,
    last_day: datetime.date,
    year: int,
    llw_theme: str,
    rng: random.Random,
) -> dict:
    """The fields of an activity made from `template` (ready for services.create_activity,
    except the focus area, which the caller looks up by `template.focus`)."""
    district = district or organizer
    words = {
        "year": year,
        "unit": in_sentence(district),
        "place": in_sentence(place or district),
        "grassroots": _GRASSROOTS.get(district.kind, "các đơn vị trực thuộc"),
        "neighbourhoods": _NEIGHBOURHOODS.get((place or district).kind, "khu dân cư"),
        "llw_theme": llw_theme,
    }
    slot = rng.choice(template.slots)
    extra_days = rng.randint(*template.span)
    ends_on = min(starts_on + datetime.timedelta(days=extra_days), last_day)
    low, high = template.participants
    address_parts = [in_sentence(place)] if place else []
    address_parts.append(in_sentence(district) if district.is_administrative else "")
    address_parts.append("thành phố Hải Phòng")
    address = ", ".join(part for part in address_parts if part)
    return {
        "kind": template.kind,
        "title": template.title.format(**words),
        "description": template.description.format(**words),
        "venue": template.venue.format(**words),
        "address": address[:1].upper() + address[1:],
        "audience": template.audience.format(**words),
        "starts_on": starts_on,
        "ends_on": ends_on,
        "start_time": _time(slot[0]) if slot else None,
        "end_time": _time(slot[1]) if slot else None,
        "expected_participants": round(rng.randint(low, high), -1) if high else None,
        "commune": place if template.at_place or template.level == COMMUNE else None,
    }


FAMILY_NAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô")
MIDDLE_NAMES = ("Văn", "Thị", "Minh", "Thu", "Đức", "Thanh", "Hồng", "Quang", "Ngọc", "Hải")
GIVEN_NAMES = (
    "Hà",
    "Hùng",
    "Lan",
    "Hương",
    "Dũng",
    "Tuấn",
    "Nga",
    "Hải",
    "Phương",
    "Thủy",
    "Long",
    "Hạnh",
    "Trang",
    "Sơn",
    "Yến",
    "Khánh",
)


def contact(rng: random.Random) -> dict:
    """A contact person with an invented name and a made-up Hải Phòng landline number."""
    name = " ".join(rng.choice(names) for names in (FAMILY_NAMES, MIDDLE_NAMES, GIVEN_NAMES))
    phone = f"0225 3{rng.randint(600, 899)} {rng.randint(100, 999)}"
    return {"contact_name": name, "contact_phone": phone}
