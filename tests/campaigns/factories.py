"""The campaign data the tests build again and again, as plain functions: the 2024 Month of
Study Promotion, its focus areas and key dates, and activities entered, moved and published
through the services or written straight to the database. Each test module's fixtures call
them, passing only what that module needs to differ.

make_campaign(year=2024, *, focus_areas=(1, 7), **fields)
                    Tháng Khuyến học of `year`, 5/9–5/10, open for entries; for 2024 Kế hoạch
                    204/KH-UBND
make_focus_areas(campaign, positions=(1, 7)), make_focus_area(campaign, position, **fields)
                    focus areas as FOCUS_AREAS names them
make_key_dates(campaign, *, lifelong_learning_week=False)
                    Ngày Khuyến học Việt Nam (2/10), and if asked the week of 1–7/10
enter_activity(campaign, *, by, **fields)
                    a draft entered through the service: the launch ceremony of the unit where
                    `by` holds a role, 15/9 from 8:00 to 11:00
bring_to(activity, state, *, officer, staff)
                    a draft moved by the allowed steps to `state`
publish(activity, *, officer, staff)
                    a draft submitted by `officer` and published by `staff`
write_activity(campaign, title, *, organizer, **fields)
                    an activity row written straight to the database, published unless
                    `state` says otherwise, for tests about what is read rather than written
freeze_today(monkeypatch, day=DAY_IN_CAMPAIGN)
                    the portal's "today" fixed at `day`; returns move(day) to change it
history(obj)        the record's history entries, oldest first
"""

import datetime

from django.utils import timezone

from campaigns import services
from campaigns.models import (
    Activity,
    ActivityKind,
    ActivityState,
    Campaign,
    CampaignState,
    FocusArea,
    KeyDate,
)
from common.history import audit

DAY_IN_CAMPAIGN = datetime.date(2024, 9, 20)

# The 2024 plan's focus areas by position: (title, short title). The wording is the tests'
# own; the order and subjects follow the plan (shared/DOMAIN.md §1).
FOCUS_AREAS = {
    1: ("Tuyên truyền về công tác khuyến học, khuyến tài, xây dựng xã hội học tập", "Tuyên truyền"),
    2: ("Kiện toàn Ban Chỉ đạo xây dựng xã hội học tập", "Ban Chỉ đạo"),
    3: ("Phát triển tổ chức Khuyến học và hội viên khuyến học cơ sở", "Tổ chức và hội viên"),
    4: ("Triển khai Quyết định 1373/QĐ-TTg và Nghị quyết 09/2023/NQ-HĐND", "QĐ 1373, NQ 09"),
    5: ("Phát động Tuần lễ hưởng ứng học tập suốt đời", "Tuần lễ học tập suốt đời"),
    6: ("Xây dựng mô hình học tập theo Thông tư 24 và 25", "Mô hình học tập"),
    7: ("Phát triển Quỹ Khuyến học, khuyến tài", "Quỹ Khuyến học"),
    8: ("Hỗ trợ người học vượt khó, khen thưởng người học giỏi", "Hỗ trợ, khen thưởng"),
}

RETURN_REASON = "Thiếu địa chỉ cụ thể của nhà văn hóa."
CANCEL_REASON = "Mưa bão."


def make_campaign(year=2024, *, focus_areas=(1, 7), **fields):
    """Tháng Khuyến học năm `year`, 5/9–5/10, open for entries, with the focus areas at
    `focus_areas` (positions). The 2024 one carries its plan's number, 204/KH-UBND."""
    values = {
        "title": f"Tháng Khuyến học năm {year}",
        "plan_number": "204/KH-UBND" if year == 2024 else "",
        "starts_on": datetime.date(year, 9, 5),
        "ends_on": datetime.date(year, 10, 5),
        "state": CampaignState.OPEN,
    }
    values.update(fields)
    campaign = Campaign.objects.create(year=year, **values)
    make_focus_areas(campaign, focus_areas)
    return campaign


def make_focus_area(campaign, position, **fields):
    """The focus area at `position`, titled as FOCUS_AREAS says unless `fields` say otherwise."""
    title, short_title = FOCUS_AREAS[position]
    values = {"title": title, "short_title": short_title}
    values.update(fields)
    return FocusArea.objects.create(campaign=campaign, position=position, **values)


def make_focus_areas(campaign, positions=(1, 7)):
    """The focus areas at `positions`, created in the order given."""
    return [make_focus_area(campaign, position) for position in positions]


def make_key_dates(campaign, *, lifelong_learning_week=False):
    """Ngày Khuyến học Việt Nam on 2 October; with `lifelong_learning_week`, then the Lifelong
    Learning Week, 1–7 October."""
    year = campaign.year
    dates = [
        KeyDate.objects.create(
            campaign=campaign,
            title="Ngày Khuyến học Việt Nam",
            starts_on=datetime.date(year, 10, 2),
        )
    ]
    if lifelong_learning_week:
        dates.append(
            KeyDate.objects.create(
                campaign=campaign,
                title="Tuần lễ hưởng ứng học tập suốt đời",
                starts_on=datetime.date(year, 10, 1),
                ends_on=datetime.date(year, 10, 7),
            )
        )
    return dates


def enter_activity(campaign, *, by, **fields):
    """A draft entered through the service by `by`: unless `fields` say otherwise, the launch
    ceremony of the unit where `by` holds a role, on 15/9 from 8:00 to 11:00, under the
    campaign's first focus area."""
    values = {
        "focus_area": campaign.focus_areas.order_by("position").first(),
        "kind": ActivityKind.CEREMONY,
        "title": "Lễ phát động Tháng Khuyến học quận Lê Chân",
        "starts_on": datetime.date(campaign.year, 9, 15),
        "start_time": datetime.time(8, 0),
        "end_time": datetime.time(11, 0),
        "venue": "Nhà Văn hóa quận Lê Chân",
    }
    values.update(fields)
    if "organizer" not in values:
        values["organizer"] = by.memberships.order_by("pk").first().unit
    return services.create_activity(campaign=campaign, by=by, **values)


def bring_to(
    activity,
    state,
    *,
    officer,
    staff,
    return_reason=RETURN_REASON,
    cancel_reason=CANCEL_REASON,
):
    """The draft `activity` moved by the allowed steps to `state`: submitted by `officer`,
    then returned, or published (and cancelled), by `staff`."""
    if state == ActivityState.DRAFT:
        return activity
    activity = services.submit_activity(activity, by=officer)
    if state == ActivityState.SUBMITTED:
        return activity
    if state == ActivityState.RETURNED:
        return services.return_activity(activity, by=staff, reason=return_reason)
    activity = services.publish_activity(activity, by=staff)
    if state == ActivityState.CANCELLED:
        activity = services.cancel_activity(activity, by=staff, reason=cancel_reason)
    return activity


def publish(activity, *, officer, staff):
    """The draft `activity` submitted by `officer` and published by `staff`."""
    return bring_to(activity, ActivityState.PUBLISHED, officer=officer, staff=staff)


def write_activity(campaign, title, *, organizer, co_organizers=(), **fields):
    """An activity row written straight to the database (no rules, no history): a ceremony on
    15/9 of the campaign's year under its first focus area, published unless `state` says
    otherwise; a published or cancelled one gets its publication time."""
    values = {
        "focus_area": campaign.focus_areas.order_by("position").first(),
        "kind": ActivityKind.CEREMONY,
        "starts_on": datetime.date(campaign.year, 9, 15),
        "state": ActivityState.PUBLISHED,
    }
    values.update(fields)
    values.setdefault("ends_on", values["starts_on"])
    if values["state"] in (ActivityState.PUBLISHED, ActivityState.CANCELLED):
        values.setdefault("published_at", timezone.now())
    activity = Activity.objects.create(
        campaign=campaign, title=title, organizer=organizer, **values
    )
    activity.co_organizers.set(co_organizers)
    return activity


def freeze_today(monkeypatch, day=DAY_IN_CAMPAIGN):
    """The portal's "today" (timezone.localdate) is `day` until the test calls the returned
    move(day)."""
    state = {"day": day}
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: state["day"])

    def move(new_day):
        state["day"] = new_day

    return move


def history(obj):
    """The record's history entries, oldest first."""
    return list(audit.history_of(obj).order_by("at", "pk"))
