"""The kinds of activity units organise in the Month of Study Promotion, as templates.

Each template gives an activity's kind, focus area, wording, venue, audience and when in the
month such an activity usually happens; `render` fills one in for a unit and a ward or
commune. The demo data and the benchmark's generator both draw from here, so their text
reads like what districts and departments really enter. The wording is the portal's own.
"""

import datetime
import random
from dataclasses import dataclass

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


_LAUNCH = ((9, 5), (9, 6)), ((9, 11), (9, 16))
_MID_MONTH = (((9, 11), (9, 27)),)
_LLW = (((9, 30), (10, 5)),)

TEMPLATES = {
    t.key: t
    for t in (
        Template(
            "launch",
            ActivityKind.CEREMONY,
            1,
            DISTRICT,
            "Lễ phát động Tháng Khuyến học năm {year} {unit}",
            "Mở đầu Tháng Khuyến học của {unit}: quán triệt kế hoạch của thành phố, giao việc "
            "cho {grassroots} và trao quà cho một số học sinh vượt khó tiêu biểu.",
            "Hội trường Ủy ban nhân dân {unit}",
            "Lãnh đạo {unit}, Ban Chỉ đạo xây dựng xã hội học tập, đại diện {grassroots}, "
            "nhà trường và hội viên khuyến học",
            _LAUNCH,
            (("07:30", "10:00"), ("08:00", "10:30"), ("14:00", "16:30")),
            participants=(150, 400),
        ),
        Template(
            "llw_launch",
            ActivityKind.CEREMONY,
            5,
            DISTRICT,
            "Lễ phát động Tuần lễ hưởng ứng học tập suốt đời năm {year} {unit}",
            "Hưởng ứng chủ đề “{llw_theme}”: phát động phong trào đọc sách, giới thiệu các "
            "lớp học miễn phí tại trung tâm học tập cộng đồng và biểu dương người tự học "
            "tiêu biểu.",
            "Trung tâm Văn hóa {unit}",
            "Cán bộ, hội viên, giáo viên, học sinh và người dân {unit}",
            (((9, 30), (10, 1)),),
            (("07:30", "10:00"), ("08:00", "10:30")),
            participants=(200, 500),
        ),
        Template(
            "reading_day",
            ActivityKind.READING,
            5,
            COMMUNE,
            "Ngày hội đọc sách tại Trung tâm học tập cộng đồng {place}",
            "Trưng bày sách mới, thi kể chuyện theo sách cho thiếu nhi, tặng sách cho tủ sách "
            "của các {neighbourhoods} và hướng dẫn người lớn tuổi đọc sách điện tử trên điện "
            "thoại.",
            "Trung tâm học tập cộng đồng {place}",
            "Thiếu nhi, học sinh và người dân {place}",
            _LLW,
            (None, ("07:30", "11:00"), ("14:00", "17:00")),
            ANY_DAY,
            participants=(80, 300),
            at_place=True,
        ),
        Template(
            "scholarships",
            ActivityKind.AWARD_CEREMONY,
            8,
            DISTRICT,
            "Trao học bổng cho học sinh vượt khó {unit} năm học 2024–2025",
            "Trao học bổng của Quỹ Khuyến học, khuyến tài {unit} cho học sinh mồ côi, khuyết "
            "tật hoặc gia đình khó khăn mà vẫn chăm chỉ học tập; mỗi suất từ 1.000.000 đến "
            "2.000.000 đồng.",
            "Hội trường Ủy ban nhân dân {unit}",
            "Học sinh nhận học bổng, cha mẹ học sinh, nhà trường và nhà tài trợ",
            (((9, 28), (10, 4)), ((10, 2), (10, 2))),
            (("08:00", "10:00"), ("14:00", "16:00"), ("15:00", "17:00")),
            participants=(80, 250),
        ),
        Template(
            "summary",
            ActivityKind.CONFERENCE,
            2,
            DISTRICT,
            "Hội nghị tổng kết công tác khuyến học, khuyến tài và Tháng Khuyến học năm {year} "
            "{unit}",
            "Ban Chỉ đạo xây dựng xã hội học tập {unit} đánh giá kết quả Tháng Khuyến học, rút "
            "ra bài học kinh nghiệm và khen thưởng tập thể, cá nhân làm tốt.",
            "Hội trường Ủy ban nhân dân {unit}",
            "Thành viên Ban Chỉ đạo, lãnh đạo {grassroots}, các trường học và chi hội khuyến học",
            (((10, 3), (10, 5)),),
            (("08:00", "11:00"), ("14:00", "16:30")),
            participants=(80, 200),
        ),
        Template(
            "tt25_seminar",
            ActivityKind.CONFERENCE,
            6,
            DISTRICT,
            "Tọa đàm xây dựng Cộng đồng học tập cấp xã theo Thông tư 25/2023/TT-BGDĐT",
            "Cán bộ {grassroots} trao đổi cách tự đánh giá theo năm tiêu chí của Thông tư 25, "
            "cách chuẩn bị hồ sơ đề nghị công nhận và những vướng mắc hay gặp.",
            "Phòng họp Ủy ban nhân dân {unit}",
            "Lãnh đạo, công chức văn hóa – xã hội và giám đốc trung tâm học tập cộng đồng "
            "{grassroots}",
            _MID_MONTH,
            (("08:00", "11:00"), ("14:00", "16:30")),
            participants=(40, 90),
        ),
        Template(
            "tt24_training",
            ActivityKind.TRAINING,
            6,
            DISTRICT,
            "Tập huấn đánh giá, công nhận “Đơn vị học tập” theo Thông tư 24/2023/TT-BGDĐT",
            "Hướng dẫn cơ quan, trường học lập kế hoạch học tập năm, thu thập minh chứng và "
            "viết báo cáo tự đánh giá theo ba tiêu chí của Thông tư 24.",
            "Trung tâm Chính trị {unit}",
            "Cán bộ phụ trách của các cơ quan, đơn vị, trường học trên địa bàn {unit}",
            _MID_MONTH,
            (("08:00", "16:30"), ("07:30", "11:30")),
            span=(0, 1),
            participants=(50, 120),
        ),
        Template(
            "fund_drive",
            ActivityKind.FUNDRAISING,
            7,
            DISTRICT,
            "Lễ phát động ủng hộ Quỹ Khuyến học, khuyến tài {unit}",
            "Kêu gọi cơ quan, doanh nghiệp, nhà hảo tâm và con em quê hương góp sức cho Quỹ; "
            "danh sách ủng hộ được niêm yết và đăng trên trang thông tin điện tử của {unit}.",
            "Hội trường Ủy ban nhân dân {unit}",
            "Cơ quan, doanh nghiệp, nhà hảo tâm và hội viên khuyến học",
            _MID_MONTH,
            (("08:00", "10:00"), ("14:30", "16:30")),
            participants=(80, 200),
        ),
        Template(
            "members",
            ActivityKind.CONFERENCE,
            3,
            DISTRICT,
            "Hội nghị phát triển hội viên, thành lập chi hội khuyến học cơ sở {unit}",
            "Rà soát số hội viên, hướng dẫn lập chi hội khuyến học ở {neighbourhoods}, trường "
            "học, doanh nghiệp và trao quyết định cho các chi hội mới thành lập.",
            "Phòng họp Hội Khuyến học {unit}",
            "Chủ tịch Hội Khuyến học {grassroots} và chi hội trưởng",
            _MID_MONTH,
            (("08:00", "11:00"), ("14:00", "16:30")),
            participants=(40, 100),
        ),
        Template(
            "plan_1373",
            ActivityKind.CONFERENCE,
            4,
            DISTRICT,
            "Hội nghị sơ kết thực hiện Quyết định 1373/QĐ-TTg và Nghị quyết 09/2023/NQ-HĐND {unit}",
            "Đánh giá những chỉ tiêu xây dựng xã hội học tập đã đạt và chưa đạt, giao việc cụ "
            "thể cho từng phòng, ban và {grassroots} đến cuối năm.",
            "Phòng họp Ủy ban nhân dân {unit}",
            "Thành viên Ban Chỉ đạo xây dựng xã hội học tập và lãnh đạo {grassroots}",
            _MID_MONTH,
            (("08:00", "11:00"), ("14:00", "16:30")),
            participants=(50, 120),
        ),
        Template(
            "loudspeakers",
            ActivityKind.COMMUNICATION,
            1,
            DISTRICT,
            "Tuyên truyền về Tháng Khuyến học trên hệ thống truyền thanh cơ sở {unit}",
            "Phát tin, bài về khuyến học, học tập suốt đời và gương người tốt việc tốt trên "
            "loa truyền thanh của {grassroots}; treo băng rôn, pano ở nơi công cộng.",
            "Hệ thống truyền thanh {grassroots}",
            "Người dân {unit}",
            (((9, 5), (9, 6)), ((9, 11), (9, 12))),
            (None,),
            ANY_DAY,
            span=(18, 29),
            participants=(0, 0),
        ),
        Template(
            "visit",
            ActivityKind.VISIT,
            8,
            DISTRICT,
            "Thăm, tặng quà học sinh có hoàn cảnh đặc biệt khó khăn {place}",
            "Đoàn công tác đến tận nhà thăm hỏi, tặng sách vở, xe đạp và quà cho học sinh mồ "
            "côi, khuyết tật hoặc gia đình khó khăn, động viên các em yên tâm đến trường.",
            "Gia đình học sinh tại {place}",
            "Học sinh có hoàn cảnh đặc biệt khó khăn",
            _MID_MONTH,
            (("14:00", "17:00"), ("08:00", "11:00")),
            participants=(10, 30),
            at_place=True,
        ),
        Template(
            "family_contest",
            ActivityKind.COMPETITION,
            6,
            COMMUNE,
            "Hội thi “Gia đình học tập” {place} năm {year}",
            "Các gia đình thi kiến thức, kỹ năng sống và kể chuyện cả nhà cùng học; đội đoạt "
            "giải được giới thiệu xét danh hiệu “Gia đình học tập”.",
            "Nhà văn hóa {place}",
            "Các gia đình của {neighbourhoods} {place}",
            (((9, 14), (9, 29)),),
            (("07:30", "11:30"), ("14:00", "17:00")),
            WEEKEND,
            participants=(60, 200),
            at_place=True,
        ),
        Template(
            "clan_learning",
            ActivityKind.CONFERENCE,
            6,
            COMMUNE,
            "Tọa đàm “Dòng họ học tập” tại {place}",
            "Đại diện các dòng họ chia sẻ cách lập quỹ khuyến học của họ, ghi sổ vàng truyền "
            "thống hiếu học và khen thưởng con cháu học giỏi.",
            "Nhà văn hóa {place}",
            "Trưởng họ, ban khuyến học các dòng họ {place}",
            _MID_MONTH,
            (("08:00", "11:00"), ("14:00", "16:30")),
            ANY_DAY,
            participants=(30, 80),
            at_place=True,
        ),
        Template(
            "high_achievers",
            ActivityKind.AWARD_CEREMONY,
            8,
            DISTRICT,
            "Khen thưởng học sinh giỏi, thủ khoa năm học 2023–2024 {unit}",
            "Biểu dương học sinh đạt giải học sinh giỏi cấp thành phố, cấp quốc gia, thủ khoa "
            "kỳ thi tốt nghiệp và giáo viên có học sinh đạt thành tích cao.",
            "Hội trường Ủy ban nhân dân {unit}",
            "Học sinh, giáo viên được khen thưởng và cha mẹ học sinh",
            (((9, 20), (10, 4)),),
            (("08:00", "10:30"), ("14:00", "16:30")),
            participants=(100, 300),
        ),
        Template(
            "book_fair",
            ActivityKind.READING,
            5,
            DISTRICT,
            "Triển lãm sách và tủ sách cộng đồng hưởng ứng Tuần lễ học tập suốt đời {unit}",
            "Trưng bày sách theo chủ đề học tập suốt đời, giới thiệu tủ sách của các "
            "{neighbourhoods} và thư viện trường học; người dân được mượn sách về nhà.",
            "Thư viện {unit}",
            "Mọi người dân, học sinh các trường trên địa bàn",
            (((9, 30), (10, 3)),),
            (("08:00", "17:00"), None),
            ANY_DAY,
            span=(1, 2),
            participants=(300, 900),
        ),
        Template(
            "citizen_exchange",
            ActivityKind.OTHER,
            6,
            DISTRICT,
            "Giao lưu “Công dân học tập” tiêu biểu {unit}",
            "Những người học nghề mới, học ngoại ngữ hay tin học khi đã nghỉ hưu kể lại hành "
            "trình của mình; người dân được hướng dẫn tự đánh giá “Công dân học tập” trực "
            "tuyến.",
            "Trung tâm Văn hóa {unit}",
            "Cán bộ, hội viên và người dân {unit}",
            _MID_MONTH,
            (("14:00", "16:30"), ("19:30", "21:30")),
            ANY_DAY,
            participants=(80, 200),
        ),
        Template(
            "digital_class",
            ActivityKind.TRAINING,
            5,
            COMMUNE,
            "Lớp kỹ năng số cho người cao tuổi tại Trung tâm học tập cộng đồng {place}",
            "Hướng dẫn dùng điện thoại thông minh để đọc sách, tra cứu thông tin, làm thủ tục "
            "trên Cổng dịch vụ công và nhận biết tin giả.",
            "Trung tâm học tập cộng đồng {place}",
            "Người cao tuổi, hội viên Hội Người cao tuổi {place}",
            _LLW,
            (("08:00", "10:30"), ("14:00", "16:30")),
            ANY_DAY,
            participants=(25, 60),
            at_place=True,
        ),
    )
}

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
