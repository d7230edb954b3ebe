"""The iCalendar feed (/calendar.ics) and the file of one activity (/activities/<pk>.ics).

A school subscribes to its district; its calendar app polls every hour. The feed must read
back, event by event, exactly as the database holds the activities; a change must reach the
subscriber (a new SEQUENCE and a new ETag); and a poll with nothing new must cost a 304.
"""

import datetime
import zoneinfo

import pytest
from django.urls import reverse
from django.utils.http import http_date
from icalendar import Calendar

from campaigns import services
from campaigns.ical import fold, text
from campaigns.models import Activity, ActivityState, CampaignState
from tests.campaigns import fixtures_calendar
from tests.campaigns.factories import enter_activity, freeze_today, make_campaign, publish

FEED = reverse("campaigns:calendar-ics")
HANOI = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture(autouse=True)
def _setup(monkeypatch, settings):
    freeze_today(monkeypatch)
    settings.PORTAL_BASE_URL = "https://khuyenhoc.haiphong.gov.vn"


@pytest.fixture
def campaign(db):
    return make_campaign()


# An activity written straight to the database, as on the calendar's pages.
make_activity = fixtures_calendar.make_activity


@pytest.fixture
def varied(make_activity, units):
    """Activities of every shape the feed must carry."""
    day = datetime.date(2024, 9, 15)
    return [
        make_activity("Ngày hội đọc sách (cả ngày)"),
        make_activity(
            "Hội thi tìm hiểu về học tập suốt đời, ba ngày",
            starts_on=day,
            ends_on=day + datetime.timedelta(days=2),
        ),
        make_activity(
            "Lễ phát động; khai mạc Tuần lễ, có dấu phẩy",
            start_time=datetime.time(8, 0),
            end_time=datetime.time(11, 30),
            venue="Nhà Văn hóa quận Lê Chân",
            address="Số 1 Hồ Sen",
            commune=units.an_bien,
            contact_email="khuyenhoc@lechan.haiphong.gov.vn",
            description="Dòng một.\nDòng hai; có \\ gạch chéo, dấu phẩy và chấm phẩy.",
            co_organizers=[units.association, units.department],
        ),
        make_activity("Họp mặt buổi tối, không có giờ kết thúc", start_time=datetime.time(19, 0)),
        make_activity(
            "Trại hè hai ngày có giờ",
            start_time=datetime.time(7, 30),
            ends_on=day + datetime.timedelta(days=1),
            end_time=datetime.time(16, 0),
        ),
        make_activity(
            "Hành trình ba ngày chỉ có giờ bắt đầu",
            start_time=datetime.time(6, 0),
            ends_on=day + datetime.timedelta(days=2),
        ),
        make_activity(
            "Trao học bổng “Hoa Phượng Đỏ” cho học sinh, sinh viên vượt khó vươn lên "
            "trong học tập của quận Lê Chân năm học 2024–2025",
            state=ActivityState.CANCELLED,
            cancel_reason="Bão số 3.",
            sequence=2,
        ),
    ]


def read_feed(client, path=FEED, **params):
    response = client.get(path, params)
    assert response.status_code == 200, response.content
    return response, Calendar.from_ical(response.content)


def events_of(calendar):
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def expected_uid(activity):
    """The UID the activity keeps for life, as the database holds it (never built from the
    portal's address)."""
    return Activity.objects.values_list("calendar_uid", flat=True).get(pk=activity.pk)


def assert_event_matches(event, activity):
    assert str(event["UID"]) == expected_uid(activity)
    assert str(event["SUMMARY"]) == activity.title
    start = event.decoded("DTSTART")
    if activity.start_time is None:
        assert type(start) is datetime.date
        assert start == activity.starts_on
        assert event.decoded("DTEND") == activity.ends_on + datetime.timedelta(days=1)
    else:
        assert isinstance(start, datetime.datetime)
        assert start.utcoffset() == datetime.timedelta(hours=7)
        assert start.replace(tzinfo=None) == datetime.datetime.combine(
            activity.starts_on, activity.start_time
        )
        assert event["DTSTART"].params["TZID"] == "Asia/Ho_Chi_Minh"
        if activity.end_time is not None:
            end = event.decoded("DTEND")
            assert end.utcoffset() == datetime.timedelta(hours=7)
            assert end.replace(tzinfo=None) == datetime.datetime.combine(
                activity.ends_on, activity.end_time
            )
        elif activity.ends_on > activity.starts_on:
            assert event.decoded("DTEND") == activity.ends_at
        else:
            assert "DTEND" not in event
    cancelled = activity.state == ActivityState.CANCELLED
    assert str(event["STATUS"]) == ("CANCELLED" if cancelled else "CONFIRMED")
    assert event.decoded("SEQUENCE") == activity.sequence
    assert event.decoded("LAST-MODIFIED") == activity.updated_at.replace(microsecond=0)
    assert event.decoded("CREATED") == activity.created_at.replace(microsecond=0)
    assert str(event["URL"]) == "https://khuyenhoc.haiphong.gov.vn" + activity.get_absolute_url()


def test_feed_events_equal_the_database(anonymous_client, varied):
    _response, calendar = read_feed(anonymous_client)

    events = events_of(calendar)
    public = list(Activity.objects.public())
    assert len(events) == len(public) == len(varied)
    for activity in public:
        assert_event_matches(events[expected_uid(activity)], activity)


def test_feed_is_a_valid_calendar(anonymous_client, varied):
    response, calendar = read_feed(anonymous_client)

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert 'filename="thang-khuyen-hoc-2024.ics"' in response["Content-Disposition"]
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["PRODID"])
    assert str(calendar["CALSCALE"]) == "GREGORIAN"
    assert str(calendar["METHOD"]) == "PUBLISH"
    assert str(calendar["X-WR-CALNAME"]) == "Tháng Khuyến học năm 2024"
    assert str(calendar["X-WR-TIMEZONE"]) == "Asia/Ho_Chi_Minh"
    (zone,) = calendar.walk("VTIMEZONE")
    assert str(zone["TZID"]) == "Asia/Ho_Chi_Minh"
    (standard,) = zone.walk("STANDARD")
    assert standard.decoded("TZOFFSETTO") == datetime.timedelta(hours=7)
    body = response.content
    assert body.endswith(b"END:VCALENDAR\r\n")
    lines = body.split(b"\r\n")
    assert all(len(line) <= 75 for line in lines)
    assert b"\n" not in body.replace(b"\r\n", b"")


def test_feed_keeps_text_exactly(anonymous_client, varied, units):
    _response, calendar = read_feed(anonymous_client)

    detailed = varied[2]
    event = events_of(calendar)[expected_uid(detailed)]
    assert str(event["SUMMARY"]) == "Lễ phát động; khai mạc Tuần lễ, có dấu phẩy"
    assert str(event["LOCATION"]) == "Nhà Văn hóa quận Lê Chân, Số 1 Hồ Sen, Phường An Biên"
    description = str(event["DESCRIPTION"])
    assert "Dòng một.\nDòng hai; có \\ gạch chéo, dấu phẩy và chấm phẩy." in description
    assert "Hội Khuyến học thành phố Hải Phòng" in description
    assert "mailto:khuyenhoc@lechan.haiphong.gov.vn" in str(event["ORGANIZER"])
    assert event["ORGANIZER"].params["CN"] == "Quận Lê Chân"
    categories = [str(c) for c in event["CATEGORIES"].cats]
    assert categories == ["Tuyên truyền", "Ceremony"]


def test_feed_marks_cancelled_activities(anonymous_client, varied):
    _response, calendar = read_feed(anonymous_client)

    cancelled = varied[-1]
    event = events_of(calendar)[expected_uid(cancelled)]
    assert str(event["STATUS"]) == "CANCELLED"
    assert event.decoded("SEQUENCE") == 2
    assert str(event["DESCRIPTION"]).startswith("Cancelled: Bão số 3.")


def test_feed_leaves_out_what_is_not_public(anonymous_client, make_activity):
    public = make_activity("Lễ phát động")
    hidden = [
        make_activity("Nháp", state=ActivityState.DRAFT),
        make_activity("Chờ duyệt", state=ActivityState.SUBMITTED),
        make_activity("Trả lại", state=ActivityState.RETURNED),
        make_activity("Nội bộ", is_public=False),
    ]

    _response, calendar = read_feed(anonymous_client)

    uids = set(events_of(calendar))
    assert uids == {expected_uid(public)}
    assert not uids & {expected_uid(a) for a in hidden}


def test_feed_covers_the_whole_campaign(anonymous_client, make_activity):
    september = make_activity("Tháng chín", starts_on=datetime.date(2024, 9, 5))
    october = make_activity("Tháng mười", starts_on=datetime.date(2024, 10, 5))

    _response, calendar = read_feed(anonymous_client)

    assert set(events_of(calendar)) == {expected_uid(september), expected_uid(october)}


def test_feed_takes_the_calendars_filters(anonymous_client, make_activity, units):
    le_chan = make_activity("Ngày hội đọc sách phường An Biên", organizer=units.an_bien)
    kien_an = make_activity("Ngày hội đọc sách quận Kiến An", organizer=units.kien_an)
    make_activity("Tập huấn cán bộ", organizer=units.kien_an)

    _response, district = read_feed(anonymous_client, unit=units.le_chan.pk)
    _response, searched = read_feed(anonymous_client, q="doc sach")

    assert set(events_of(district)) == {expected_uid(le_chan)}
    assert str(district["X-WR-CALNAME"]) == "Tháng Khuyến học năm 2024 – Quận Lê Chân"
    assert set(events_of(searched)) == {expected_uid(le_chan), expected_uid(kien_an)}


def test_feed_for_another_year_or_every_year(anonymous_client, make_activity):
    past = make_campaign(2023, state=CampaignState.ARCHIVED)
    old = make_activity("Lễ phát động 2023", campaign=past)
    new = make_activity("Lễ phát động 2024")
    draft = make_campaign(2025, state=CampaignState.DRAFT)
    make_activity("Chưa mở", campaign=draft)

    _response, default = read_feed(anonymous_client)
    _response, year = read_feed(anonymous_client, campaign="2023")
    response, every = read_feed(anonymous_client, campaign="all")

    assert set(events_of(default)) == {expected_uid(new)}
    assert set(events_of(year)) == {expected_uid(old)}
    assert set(events_of(every)) == {expected_uid(old), expected_uid(new)}
    assert 'filename="thang-khuyen-hoc-all.ics"' in response["Content-Disposition"]


@pytest.mark.parametrize(
    "params",
    [{"unit": "abc"}, {"campaign": "1999"}, {"from": "99/99/9999"}, {"kind": "picnic"}],
)
def test_feed_with_bad_filters_says_why(anonymous_client, campaign, params):
    response = anonymous_client.get(FEED, params)

    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/plain")
    assert "mistakes" in response.content.decode()


def test_feed_ignores_what_only_the_page_uses(anonymous_client, make_activity):
    activity = make_activity("Lễ phát động")

    _response, calendar = read_feed(anonymous_client, view="year", month="2024-13", page="x")

    assert set(events_of(calendar)) == {expected_uid(activity)}


def test_feed_without_any_campaign_is_an_empty_calendar(anonymous_client, db):
    _response, calendar = read_feed(anonymous_client)

    assert list(calendar.walk("VEVENT")) == []


# --- changes and conditional requests ---------------------------------------------------


@pytest.fixture
def published(campaign, officer_le_chan, staff):
    return publish(
        enter_activity(campaign, by=officer_le_chan), officer=officer_le_chan, staff=staff
    )


def test_a_change_raises_sequence_and_etag(anonymous_client, published, officer_le_chan):
    first, calendar = read_feed(anonymous_client)
    before = events_of(calendar)[expected_uid(published)]

    services.update_activity(published, by=officer_le_chan, start_time=datetime.time(9, 0))

    second, calendar = read_feed(anonymous_client, HTTP_IF_NONE_MATCH=first["ETag"])
    after = events_of(calendar)[expected_uid(published)]
    assert second["ETag"] != first["ETag"]
    assert after.decoded("SEQUENCE") == before.decoded("SEQUENCE") + 1
    assert after.decoded("DTSTART").time() == datetime.time(9, 0)
    assert_event_matches(after, Activity.objects.get(pk=published.pk))


def test_a_cancellation_reaches_subscribers(anonymous_client, published, officer_le_chan):
    first, _calendar = read_feed(anonymous_client)

    services.cancel_activity(published, by=officer_le_chan, reason="Bão số 3.")

    second, calendar = read_feed(anonymous_client)
    event = events_of(calendar)[expected_uid(published)]
    assert second["ETag"] != first["ETag"]
    assert str(event["STATUS"]) == "CANCELLED"
    assert event.decoded("SEQUENCE") == 1


def test_feed_answers_304_when_nothing_changed(
    anonymous_client, published, django_assert_max_num_queries
):
    first = anonymous_client.get(FEED)

    with django_assert_max_num_queries(3):
        again = anonymous_client.get(FEED, HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]


def test_feed_answers_304_to_if_modified_since(anonymous_client, published):
    first = anonymous_client.get(FEED)

    later = http_date(published.updated_at.timestamp() + 60)
    again = anonymous_client.get(FEED, HTTP_IF_MODIFIED_SINCE=later)
    older = http_date(published.updated_at.timestamp() - 3600)
    stale = anonymous_client.get(FEED, HTTP_IF_MODIFIED_SINCE=older)

    assert first["Last-Modified"]
    assert again.status_code == 304
    assert stale.status_code == 200


def test_feed_etag_depends_on_the_filters(anonymous_client, published, units):
    whole = anonymous_client.get(FEED)
    district = anonymous_client.get(FEED, {"unit": units.le_chan.pk})

    assert whole["ETag"] != district["ETag"]
    assert (
        anonymous_client.get(
            FEED, {"unit": units.le_chan.pk}, HTTP_IF_NONE_MATCH=whole["ETag"]
        ).status_code
        == 200
    )


def test_feed_head_request(anonymous_client, published):
    response = anonymous_client.head(FEED)

    assert response.status_code == 200
    assert response["ETag"]


# --- one activity -----------------------------------------------------------------------


def test_activity_file_holds_the_one_event(anonymous_client, varied):
    activity = varied[2]

    response, calendar = read_feed(
        anonymous_client, reverse("campaigns:activity-ics", args=[activity.pk])
    )

    (event,) = calendar.walk("VEVENT")
    assert_event_matches(event, activity)
    assert str(calendar["METHOD"]) == "PUBLISH"
    assert f'filename="hoat-dong-{activity.pk}.ics"' in response["Content-Disposition"]


def test_activity_file_304_and_change(anonymous_client, published, officer_le_chan):
    path = reverse("campaigns:activity-ics", args=[published.pk])
    first = anonymous_client.get(path)

    assert anonymous_client.get(path, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    services.update_activity(published, by=officer_le_chan, venue="Sân vận động")
    assert anonymous_client.get(path, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200


def test_activity_file_is_404_unless_public(anonymous_client, make_activity):
    for state in (ActivityState.DRAFT, ActivityState.SUBMITTED, ActivityState.RETURNED):
        activity = make_activity(f"Trạng thái {state}", state=state)
        assert (
            anonymous_client.get(reverse("campaigns:activity-ics", args=[activity.pk])).status_code
            == 404
        )
    internal = make_activity("Nội bộ", is_public=False)
    assert (
        anonymous_client.get(reverse("campaigns:activity-ics", args=[internal.pk])).status_code
        == 404
    )


# --- the text writer --------------------------------------------------------------------


def test_fold_never_cuts_a_vietnamese_letter():
    line = "SUMMARY:" + "Tháng Khuyến học năm 2024 – Hội Khuyến học Hải Phòng " * 5

    folded = fold(line)

    parts = folded.encode().split(b"\r\n")
    assert all(len(part) <= 75 for part in parts)
    assert all(part.startswith(b" ") for part in parts[1:])
    assert "".join(p.decode()[1:] if i else p.decode() for i, p in enumerate(parts)) == line


def test_text_escapes_special_characters():
    assert text("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"
