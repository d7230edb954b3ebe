"""The 2024 Month of Study Promotion as the city planned it (Kế hoạch 204/KH-UBND).

The plan's number, dates, issuer and the order of its focus areas are facts
(../shared/DOMAIN.md §1); the purpose and the descriptions are written in the portal's own
words. Used by the demo data and by the benchmark's data generator.
"""

import datetime

from campaigns.models import Campaign, FocusArea, KeyDate
from organizations.models import Unit, UnitKind, UnitLevel

YEAR = 2024

CAMPAIGN = {
    "title": "Tháng Khuyến học năm 2024",
    "plan_number": "204/KH-UBND",
    "plan_date": datetime.date(2024, 8, 28),
    "plan_issuer": "Ủy ban nhân dân thành phố Hải Phòng",
    "starts_on": datetime.date(2024, 9, 5),
    "ends_on": datetime.date(2024, 10, 5),
    "theme": (
        "Tháng Khuyến học năm 2024 là lời hưởng ứng của Hải Phòng với phong trào “Cả nước "
        "thi đua xây dựng xã hội học tập, đẩy mạnh học tập suốt đời giai đoạn 2023–2030”. "
        "Trong một tháng, thành phố muốn khơi dậy truyền thống hiếu học của người Hải Phòng, "
        "để mỗi gia đình, dòng họ, khu dân cư, cơ quan và doanh nghiệp đều coi việc học là "
        "chuyện thường ngày và kéo dài suốt đời, góp phần đưa Hải Phòng trở thành “Thành phố "
        "học tập” trong Mạng lưới các thành phố học tập toàn cầu của UNESCO. Các hoạt động cần "
        "có trọng tâm, tạo được điểm nhấn và truyền cảm hứng cho người học; khi tháng kết "
        "thúc, mỗi đơn vị tham gia tự đánh giá, tổng kết và rút ra bài học kinh nghiệm cho "
        "những năm sau."
    ),
    "lifelong_learning_theme": "Phát triển văn hóa đọc để thúc đẩy học tập suốt đời",
}

# (title, short title, description), in the plan's order.
FOCUS_AREAS = (
    (
        "Đẩy mạnh công tác tuyên truyền về khuyến học, khuyến tài, xây dựng xã hội học tập",
        "Tuyên truyền",
        "Đưa thông tin về Tháng Khuyến học và lợi ích của việc học suốt đời tới từng người "
        "dân qua báo chí, loa truyền thanh, mạng xã hội, băng rôn và pano.",
    ),
    (
        "Củng cố, nâng cao chất lượng hoạt động của Ban Chỉ đạo xây dựng xã hội học tập các cấp",
        "Ban Chỉ đạo xây dựng XHHT",
        "Kiện toàn thành viên, phân công rõ việc và họp đều đặn để Ban Chỉ đạo ở thành phố, "
        "quận, huyện, xã, phường điều phối được việc xây dựng xã hội học tập.",
    ),
    (
        "Phát triển tổ chức Khuyến học và hội viên khuyến học cơ sở",
        "Tổ chức và hội viên",
        "Lập thêm chi hội, ban khuyến học ở thôn, tổ dân phố, trường học, doanh nghiệp và "
        "kết nạp hội viên mới, nhất là người trẻ.",
    ),
    (
        "Triển khai Quyết định số 1373/QĐ-TTg của Thủ tướng Chính phủ và Nghị quyết số "
        "09/2023/NQ-HĐND của Hội đồng nhân dân thành phố",
        "QĐ 1373 và NQ 09/2023",
        "Đưa mục tiêu xây dựng xã hội học tập giai đoạn 2021–2030 vào kế hoạch của từng địa "
        "phương, đơn vị và theo dõi việc thực hiện bằng số liệu.",
    ),
    (
        "Phát động hưởng ứng Tuần lễ học tập suốt đời",
        "Tuần lễ học tập suốt đời",
        "Tổ chức lễ phát động, ngày hội đọc sách và lớp học mở trong tuần đầu tháng 10, theo "
        "chủ đề năm của Bộ Giáo dục và Đào tạo.",
    ),
    (
        "Xây dựng các mô hình học tập theo Thông tư 24/2023/TT-BGDĐT và Thông tư "
        "25/2023/TT-BGDĐT của Bộ Giáo dục và Đào tạo",
        "Mô hình học tập (TT 24, TT 25)",
        "Giúp cơ quan, trường học, xã, phường tự đánh giá theo tiêu chí mới để được công nhận "
        "Đơn vị học tập, Cộng đồng học tập, và tiếp tục xây dựng gia đình, dòng họ học tập.",
    ),
    (
        "Vận động xây dựng Quỹ Khuyến học, khuyến tài",
        "Quỹ Khuyến học, khuyến tài",
        "Kêu gọi cơ quan, doanh nghiệp, người dân và con em xa quê góp sức cho quỹ các cấp, "
        "rồi công khai số tiền nhận được và cách dùng.",
    ),
    (
        "Hỗ trợ học sinh, sinh viên, công dân vượt khó vươn lên trong học tập; động viên, "
        "khen thưởng người có thành tích cao",
        "Hỗ trợ và khen thưởng",
        "Trao học bổng, quà và khen thưởng đúng lúc, để người học khó khăn không phải bỏ dở "
        "và người học giỏi có thêm động lực.",
    ),
)

# (title, first day, last day or None, description)
KEY_DATES = (
    (
        "Khai mạc Tháng Khuyến học năm 2024",
        datetime.date(2024, 9, 5),
        None,
        "Ngày đầu của Tháng Khuyến học; các đơn vị tổ chức lễ phát động trong những ngày đầu "
        "tháng.",
    ),
    (
        "Tuần lễ hưởng ứng học tập suốt đời năm 2024",
        datetime.date(2024, 10, 1),
        datetime.date(2024, 10, 7),
        "Tuần lễ cả nước cùng hưởng ứng học tập suốt đời; chủ đề năm 2024 đề cao việc phát "
        "triển văn hóa đọc.",
    ),
    (
        "Ngày Khuyến học Việt Nam",
        datetime.date(2024, 10, 2),
        None,
        "Ngày truyền thống của phong trào khuyến học; nhiều nơi chọn ngày này để trao học "
        "bổng và biểu dương người học tiêu biểu.",
    ),
    (
        "Bế mạc Tháng Khuyến học năm 2024",
        datetime.date(2024, 10, 5),
        None,
        "Ngày cuối của Tháng Khuyến học; sau đó các đơn vị đánh giá, tổng kết và gửi báo cáo "
        "kết quả.",
    ),
)


def ensure_campaign() -> tuple[Campaign, bool]:
    """The 2024 campaign with its focus areas, key dates and participants.

    Created as a draft when missing (whoever calls decides how it opens); each part is
    matched on its natural key, so a second call adds nothing.
    """
    campaign, created = Campaign.objects.get_or_create(year=YEAR, defaults=CAMPAIGN)
    for position, (title, short_title, description) in enumerate(FOCUS_AREAS, start=1):
        FocusArea.objects.get_or_create(
            campaign=campaign,
            position=position,
            defaults={"title": title, "short_title": short_title, "description": description},
        )
    for title, starts_on, ends_on, description in KEY_DATES:
        KeyDate.objects.get_or_create(
            campaign=campaign,
            title=title,
            defaults={"starts_on": starts_on, "ends_on": ends_on, "description": description},
        )
    campaign.participants.add(*participating_units(campaign.starts_on))
    return campaign, created


def participating_units(day):
    """The districts valid on `day` and the city's bodies (departments, unions, armed
    forces, the economic zone authority and the association)."""
    kinds = [*UnitKind.of_level(UnitLevel.DISTRICT), *UnitKind.of_level(UnitLevel.BODY)]
    return list(Unit.objects.valid_on(day).filter(kind__in=kinds))
