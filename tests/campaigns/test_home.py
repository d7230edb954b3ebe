"""The home page (/): the current Month of Study Promotion at a glance, the next
activities, the key dates, and the way into the calendar and past years."""

import datetime
import re

import pytest
from django.urls import reverse

from campaigns.models import ActivityState, CampaignState
from tests.campaigns.factories import (
    FOCUS_AREAS,
    freeze_today,
    make_campaign,
    make_key_dates,
    write_activity,
)

HOME = reverse("campaigns:home")

# Created out of order: the page follows the plan's numbering.
CREATED_IN_ORDER = (3, 1, 2)


@pytest.fixture(autouse=True)
def today(monkeypatch):
    return freeze_today(monkeypatch)


def _campaign(year, state=CampaignState.OPEN):
    campaign = make_campaign(
        year,
        state=state,
        focus_areas=CREATED_IN_ORDER,
        plan_date=datetime.date(year, 8, 28),
        plan_issuer="Ủy ban nhân dân thành phố Hải Phòng",
        theme="Xây dựng Hải Phòng trở thành “Thành phố học tập”.",
        lifelong_learning_theme="Phát triển văn hóa đọc góp phần thúc đẩy học tập suốt đời",
    )
    make_key_dates(campaign, lifelong_learning_week=True)
    return campaign


@pytest.fixture
def campaign(db):
    return _campaign(2024)


@pytest.fixture
def make_activity(campaign, units):
    def make(title, day, **fields):
        return write_activity(campaign, title, organizer=units.le_chan, starts_on=day, **fields)

    return make


def page_of(client):
    response = client.get(HOME)
    assert response.status_code == 200
    return response.content.decode()


def test_home_shows_the_current_campaign(anonymous_client, campaign):
    page = page_of(anonymous_client)

    for text in (
        "Tháng Khuyến học năm 2024",
        "204/KH-UBND",
        "28/08/2024",
        "Ủy ban nhân dân thành phố Hải Phòng",
        "05/09/2024",
        "05/10/2024",
        "Xây dựng Hải Phòng trở thành “Thành phố học tập”.",
        "Phát triển văn hóa đọc góp phần thúc đẩy học tập suốt đời",
    ):
        assert text in page, text


def test_home_lists_focus_areas_in_the_plans_order(anonymous_client, campaign):
    page = page_of(anonymous_client)

    positions = [page.index(FOCUS_AREAS[position][0]) for position in sorted(CREATED_IN_ORDER)]
    assert positions == sorted(positions)


def test_home_shows_key_dates(anonymous_client, campaign):
    page = page_of(anonymous_client)

    assert "Ngày Khuyến học Việt Nam" in page
    assert "02/10/2024" in page
    assert "Tuần lễ hưởng ứng học tập suốt đời" in page
    assert "01/10/2024</time> – <time" in page
    assert "07/10/2024" in page


def test_home_lists_the_next_public_activities_from_today(anonymous_client, make_activity):
    make_activity("Đã diễn ra hôm qua", datetime.date(2024, 9, 19))
    running = make_activity(
        "Đang diễn ra", datetime.date(2024, 9, 18), ends_on=datetime.date(2024, 9, 21)
    )
    coming = [
        make_activity(f"Sắp diễn ra số {n}", datetime.date(2024, 9, 20) + datetime.timedelta(n))
        for n in range(10)
    ]
    make_activity("Bản nháp", datetime.date(2024, 9, 22), state=ActivityState.DRAFT)
    make_activity("Nội bộ", datetime.date(2024, 9, 22), is_public=False)

    page = page_of(anonymous_client)

    assert "Today and coming up" in page
    assert "Đã diễn ra hôm qua" not in page
    assert "Bản nháp" not in page
    assert "Nội bộ" not in page
    shown = [running, *coming[:7]]
    assert [page.index(a.title) for a in shown] == sorted(page.index(a.title) for a in shown)
    assert coming[7].title not in page


@pytest.mark.parametrize(
    ("day", "says"),
    [
        pytest.param(datetime.date(2024, 11, 1), "The campaign ended on 05/10/2024.", id="after"),
        pytest.param(datetime.date(2024, 8, 30), "The campaign opens on 05/09/2024.", id="before"),
    ],
)
def test_home_outside_the_campaign_says_when_and_shows_its_first_activities(
    anonymous_client, make_activity, today, day, says
):
    first = make_activity("Lễ phát động", datetime.date(2024, 9, 5))
    today(day)

    page = page_of(anonymous_client)

    assert says in page
    assert first.title in page


def test_home_shows_cancelled_activities_as_cancelled(anonymous_client, make_activity):
    make_activity(
        "Hội thi bị hủy",
        datetime.date(2024, 9, 25),
        state=ActivityState.CANCELLED,
        cancel_reason="Bão số 3.",
    )

    page = page_of(anonymous_client)

    assert "event--cancelled" in page
    assert "Bão số 3." in page


@pytest.mark.parametrize(
    ("language", "figure_note", "whole_campaign", "september"),
    [
        pytest.param(
            "en",
            "including 1 cancelled",
            "4 activities from 05/09/2024 to 05/10/2024, including 1 cancelled.",
            "4 activities in September 2024, including 1 cancelled.",
            id="en",
        ),
        pytest.param(
            None,
            "trong đó 1 đã hủy",
            "4 hoạt động từ 05/09/2024 đến 05/10/2024, trong đó 1 đã hủy.",
            "4 hoạt động trong Tháng 9 năm 2024, trong đó 1 đã hủy.",
            id="vi",
        ),
    ],
)
def test_home_and_calendar_count_alike_and_name_the_cancelled(
    client_for, make_activity, language, figure_note, whole_campaign, september
):
    for n in range(3):
        make_activity(f"Hội thảo khuyến học số {n}", datetime.date(2024, 9, 10 + n))
    make_activity(
        "Hội thi bị hủy",
        datetime.date(2024, 9, 25),
        state=ActivityState.CANCELLED,
        cancel_reason="Bão số 3.",
    )
    make_activity("Bản nháp", datetime.date(2024, 9, 22), state=ActivityState.DRAFT)
    make_activity("Nội bộ", datetime.date(2024, 9, 22), is_public=False)
    client = client_for(None, language=language)

    home = page_of(client)
    # The home page's own ways into the calendar: the whole campaign as a list, and a month.
    whole_link = re.search(r'href="([^"]*from=2024-09-05[^"]*to=2024-10-05)"', home)
    month_link = re.search(r'href="([^"]*month=2024-09)"', home)
    whole = client.get(whole_link.group(1).replace("&amp;", "&")).content.decode()
    month = client.get(month_link.group(1).replace("&amp;", "&")).content.decode()

    figure = re.search(r"<dd>(\d+) <span class=\"campaign-figures__note\">([^<]*)</span>", home)
    assert figure is not None
    assert figure.groups() == ("4", figure_note)
    assert whole_campaign in whole
    assert september in month


def test_home_leads_into_the_calendar(anonymous_client, campaign):
    page = page_of(anonymous_client)

    calendar = reverse("campaigns:calendar")
    assert f'href="{calendar}?campaign=2024&amp;month=2024-09"' in page
    assert f'href="{calendar}?campaign=2024&amp;view=list&amp;month=2024-09"' in page
    assert f'href="{calendar}?campaign=2024&amp;month=2024-10"' in page
    assert f'href="{reverse("campaigns:calendar-ics")}?campaign=2024"' in page


def test_home_links_to_past_campaigns(anonymous_client, campaign):
    _campaign(2023, state=CampaignState.ARCHIVED)
    _campaign(2025, state=CampaignState.DRAFT)

    page = page_of(anonymous_client)

    assert f'href="{reverse("campaigns:calendar")}?campaign=2023"' in page
    assert "Tháng Khuyến học năm 2025" not in page


def test_home_without_a_campaign(anonymous_client, db):
    page = page_of(anonymous_client)

    assert "has not been announced yet" in page


def test_home_in_vietnamese_by_default(client, campaign):
    response = client.get(HOME)

    assert response.status_code == 200
    assert response.headers["Content-Language"] == "vi"
    assert "Tháng Khuyến học năm 2024" in response.content.decode()
