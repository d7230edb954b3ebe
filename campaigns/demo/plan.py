"""Which activities the demo month holds, decided before anything is written.

The plan is drawn with a seeded random generator from the unit tree as it stood on the
campaign's first day, so every run plans the same activities and a second run finds them
all already there. Every district runs the core activities of the month and a few others;
the city's bodies run the ones listed in `bodies`. Typhoon Yagi (bão số 3), which struck
Hải Phòng on 7/9/2024, explains the launches that were cancelled and held again later.
"""

import datetime
import random
from dataclasses import dataclass, field

from campaigns.demo import catalogue
from campaigns.demo.bodies import BODY_ACTIVITIES
from campaigns.models import ActivityKind, ActivityState, Campaign
from organizations.models import Unit, UnitLevel

SEED = 2024

STORM = (
    "Hoãn do ảnh hưởng của cơn bão số 3 (bão Yagi); đơn vị tổ chức lại sau khi khắc phục "
    "hậu quả bão và đã đăng ký ngày mới."
)
MERGED = (
    "Trùng lịch với hội nghị của thành phố; nội dung được lồng ghép vào Hội nghị tổng kết "
    "Tháng Khuyến học của quận."
)
# Districts whose launch fell on the day of the storm, and the district whose officers
# try the portal in the demo (they find drafts, returned and submitted activities).
STORM_DISTRICTS = ("308", "317")
MERGED_DISTRICT = "304"
OFFICER_DISTRICTS = ("305", "307")

# Internal meetings kept off the public calendar.
INTERNAL = {"plan_1373"}


@dataclass
class PlannedActivity:
    organizer: Unit
    district: Unit | None  # whose officer enters it (None for a body)
    focus: int
    fields: dict
    co_organizers: list = field(default_factory=list)
    final_state: str = ActivityState.PUBLISHED  # where the demo takes it through the services
    template: str = ""
    return_reason: str = ""
    cancel_reason: str = ""
    change: dict = field(default_factory=dict)
    results: dict = field(default_factory=dict)

    @property
    def key(self):
        return (self.organizer.pk, self.fields["title"], self.fields["starts_on"])


def plan(campaign: Campaign) -> list[PlannedActivity]:
    rng = random.Random(SEED)
    day = campaign.starts_on
    valid = Unit.objects.valid_on(day)
    districts = sorted(valid.of_level(UnitLevel.DISTRICT), key=lambda unit: unit.code)
    communes = {}
    for unit in sorted(valid.of_level(UnitLevel.COMMUNE), key=lambda unit: unit.code):
        communes.setdefault(unit.parent_code, []).append(unit)
    bodies = {unit.code: unit for unit in valid.of_level(UnitLevel.BODY)}
    association = bodies.get("HKH-HP")
    women = bodies.get("HLHPN-HP")

    planned = []
    for district in districts:
        own = communes.get(district.code, [])
        planned += _district(campaign, district, own, rng, association, women)
    planned += _bodies(campaign, bodies, communes, rng)
    _add_results(planned, rng)
    return planned


def _district(campaign, district, communes, rng, association, women):
    if not communes:  # Bạch Long Vĩ: an island district without wards or communes
        keys = ("launch", "book_fair", "scholarships")
    else:
        extra = 4 if len(communes) >= 15 else 3 if len(communes) >= 9 else 2
        keys = (*catalogue.CORE, *rng.sample(catalogue.POOL, extra))
    unused = [key for key in catalogue.POOL if key not in keys]
    rng.shuffle(unused)
    result = [_make(campaign, key, district, communes, rng) for key in keys]

    for item in result:
        if item.template in {"launch", "scholarships"} and association and rng.random() < 0.3:
            item.co_organizers = [association]
        if item.template == "family_contest" and women and rng.random() < 0.5:
            item.co_organizers = [women]

    if district.code in STORM_DISTRICTS:
        launch = result[0]
        _move_to(launch, datetime.date(campaign.year, 9, 7))
        launch.final_state = ActivityState.CANCELLED
        launch.cancel_reason = STORM
        again = _make(campaign, "launch", district, communes, rng)
        _move_to(again, rng.choice([datetime.date(campaign.year, 9, day) for day in (17, 18)]))
        result.insert(1, again)
    if district.code == MERGED_DISTRICT:
        result[-1].final_state = ActivityState.CANCELLED
        result[-1].cancel_reason = MERGED

    if district.code in OFFICER_DISTRICTS:
        result += _pending(campaign, district, communes, unused, rng)
        # A published activity changed after publication: its history shows it.
        scholarships = next(item for item in result if item.template == "scholarships")
        scholarships.change = {
            "start_time": datetime.time(14, 0),
            "end_time": datetime.time(16, 30),
            "venue": f"Hội trường Trung tâm Văn hóa {catalogue.in_sentence(district)}",
        }
    return result


def _pending(campaign, district, communes, unused, rng):
    """A draft, a submitted and a returned activity for the demo officers to find."""
    draft, submitted, returned = (
        _make(campaign, key, district, communes, rng) for key in unused[:3]
    )
    draft.final_state = ActivityState.DRAFT
    submitted.final_state = ActivityState.SUBMITTED
    returned.final_state = ActivityState.RETURNED
    if district.code == OFFICER_DISTRICTS[0]:
        returned.fields.update(contact_name="", contact_phone="")
        returned.return_reason = (
            "Đề nghị ghi rõ người liên hệ và số điện thoại, để Văn phòng Hội phối hợp chuẩn bị."
        )
    else:
        returned.fields.update(description="", expected_participants=None)
        returned.return_reason = (
            "Chưa có mô tả nội dung chương trình; đề nghị bổ sung nội dung chính và số người "
            "dự kiến tham gia."
        )
    return [draft, submitted, returned]


def _make(campaign, key, district, communes, rng):
    template = catalogue.TEMPLATES[key]
    needs_place = template.level == catalogue.COMMUNE or template.at_place
    place = rng.choice(communes) if communes and needs_place else None
    organizer = place if template.level == catalogue.COMMUNE and place else district
    starts_on = catalogue.pick_day(template, campaign.year, rng, last_day=campaign.ends_on)
    fields = catalogue.render(
        template,
        organizer=organizer,
        district=district,
        place=place,
        starts_on=starts_on,
        last_day=campaign.ends_on,
        year=campaign.year,
        llw_theme=campaign.lifelong_learning_theme,
        rng=rng,
    )
    fields.update(catalogue.contact(rng))
    fields["is_public"] = key not in INTERNAL
    return PlannedActivity(
        organizer=organizer,
        district=district,
        focus=template.focus,
        fields=fields,
        template=key,
    )


def _move_to(item, day):
    length = item.fields["ends_on"] - item.fields["starts_on"]
    item.fields["starts_on"] = day
    item.fields["ends_on"] = day + length


def _bodies(campaign, bodies, communes, rng):
    result = []
    for entry in BODY_ACTIVITIES:
        organizer = bodies.get(entry["body"])
        if organizer is None:
            continue
        place = None
        if "place" in entry:
            district_code, index = entry["place"]
            options = communes.get(district_code, [])
            place = options[index % len(options)] if options else None
        fields = {
            "kind": entry["kind"],
            "title": entry["title"],
            "description": entry["description"],
            "starts_on": entry["starts_on"],
            "ends_on": entry.get("ends_on") or entry["starts_on"],
            "start_time": entry["start_time"],
            "end_time": entry["end_time"],
            "venue": entry["venue"].format(place=catalogue.in_sentence(place)).strip(),
            "address": _address(place),
            "commune": place,
            "audience": entry["audience"],
            "expected_participants": entry["participants"],
            "is_public": entry.get("public", True),
            **catalogue.contact(rng),
        }
        item = PlannedActivity(
            organizer=organizer,
            district=None,
            focus=entry["focus"],
            fields=fields,
            co_organizers=[bodies[code] for code in entry.get("co", ()) if code in bodies],
            template=entry["kind"],
        )
        if entry.get("cancel"):
            item.final_state = ActivityState.CANCELLED
            item.cancel_reason = entry["cancel"]
        result.append(item)
    return result


def _address(place):
    if place is None:
        return "Thành phố Hải Phòng"
    district = Unit.objects.valid_on(datetime.date(2024, 9, 5)).filter(code=place.parent_code)
    parts = [place.name, *(catalogue.in_sentence(unit) for unit in district[:1])]
    return ", ".join([*parts, "thành phố Hải Phòng"])


def _add_results(planned, rng):
    """Results for about three in five published activities. In the officers' districts the
    last two published activities have none, so "results due" has something to show."""
    published = [item for item in planned if item.final_state == ActivityState.PUBLISHED]
    for item in published:
        if rng.random() < 0.62:
            item.results = results_for(item.fields, rng)
    for code in OFFICER_DISTRICTS:
        mine = [item for item in published if item.district and item.district.code == code]
        for item in mine[-2:]:
            item.results = {}


def results_for(fields, rng) -> dict:
    """What came of an activity, in numbers a unit would report."""
    kind = fields["kind"]
    expected = fields.get("expected_participants") or 0
    participants = round(expected * rng.uniform(0.8, 1.25)) if expected else None
    values = {"participants": participants}
    if kind == ActivityKind.FUNDRAISING:
        donors = rng.randint(12, 60)
        values["money_raised"] = rng.randint(30, 700) * 500_000
        values["notes"] = f"Tiếp nhận ủng hộ của {donors} cơ quan, doanh nghiệp và cá nhân."
    elif kind in {ActivityKind.AWARD_CEREMONY, ActivityKind.VISIT}:
        people = rng.randint(15, 120) if kind == ActivityKind.AWARD_CEREMONY else rng.randint(8, 30)
        amount = rng.choice([500_000, 1_000_000, 1_500_000, 2_000_000])
        values["people_supported"] = people
        values["awards_given"] = people if kind == ActivityKind.AWARD_CEREMONY else None
        values["notes"] = (
            f"{people} suất, mỗi suất {_vnd(amount)} đồng (tổng {_vnd(people * amount)} đồng)."
        )
    elif kind == ActivityKind.COMPETITION:
        values["awards_given"] = rng.randint(5, 12)
        values["notes"] = "Trao giải nhất, nhì, ba và giải khuyến khích cho các đội."
    elif kind == ActivityKind.CEREMONY and rng.random() < 0.5:
        values["money_raised"] = rng.randint(10, 120) * 1_000_000
        values["notes"] = "Tại buổi lễ, các cơ quan, doanh nghiệp ủng hộ Quỹ Khuyến học."
    elif kind == ActivityKind.CONFERENCE and rng.random() < 0.5:
        values["awards_given"] = rng.randint(8, 35)
        values["notes"] = "Khen thưởng tập thể, cá nhân có thành tích trong công tác khuyến học."
    return {name: value for name, value in values.items() if value is not None}


def _vnd(amount):
    return f"{amount:,}".replace(",", ".")
