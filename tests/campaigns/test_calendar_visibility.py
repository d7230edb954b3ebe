"""What the public calendar and an activity's page show: only published activities (and,
marked with the reason, cancelled ones), and a change at once, in each language, even though
the pages are kept in the cache. Fixtures: tests/campaigns/fixtures_calendar.py.
"""

import pytest
from django.urls import reverse

from campaigns import services
from campaigns.models import ActivityResult
from tests.campaigns import fixtures_calendar
from tests.campaigns.factories import enter_activity
from tests.campaigns.fixtures_calendar import get, links_to

today = fixtures_calendar.today
campaign = fixtures_calendar.campaign
make_activity = fixtures_calendar.make_activity
every_state = fixtures_calendar.every_state


# --- what is public ---------------------------------------------------------------------


HIDDEN = ("draft", "submitted", "returned", "internal")


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"view": "list"},
        {"view": "list", "q": "hoi thao khuyen hoc"},
        {"q": "khuyen hoc"},
        {"view": "list", "from": "15/09/2024", "to": "15/09/2024"},
    ],
    ids=["month", "list", "list-search", "month-search", "day-list"],
)
def test_calendar_shows_only_published_and_cancelled(anonymous_client, every_state, params):
    page = get(anonymous_client, **params)

    assert links_to(page, every_state["published"]) == 1
    assert links_to(page, every_state["cancelled"]) == 1
    for name in HIDDEN:
        assert every_state[name].title not in page, name
        assert links_to(page, every_state[name]) == 0, name


def test_calendar_cancelled_activity_is_marked_with_its_reason(anonymous_client, every_state):
    listing = get(anonymous_client, view="list")
    month = get(anonymous_client)

    assert "Bão số 3 đổ bộ vào thành phố." in listing
    assert "event--cancelled" in listing
    assert "cal-entry--cancelled" in month
    assert "Cancelled" in month


def test_activity_page_is_404_unless_public(anonymous_client, every_state):
    for name in HIDDEN:
        response = anonymous_client.get(every_state[name].get_absolute_url())
        assert response.status_code == 404, name
    assert anonymous_client.get(every_state["published"].get_absolute_url()).status_code == 200
    assert (
        anonymous_client.get(reverse("campaigns:activity-detail", args=[999999])).status_code == 404
    )


def test_activity_page_of_a_draft_is_404_even_for_its_officer(
    client_for, officer_le_chan, every_state
):
    client = client_for(officer_le_chan)

    assert client.get(every_state["draft"].get_absolute_url()).status_code == 404


# --- pages kept in the cache --------------------------------------------------------------


def test_calendar_shows_a_change_at_once(anonymous_client, campaign, officer_le_chan, staff):
    activity = enter_activity(campaign, by=officer_le_chan, title="Lễ phát động Tháng Khuyến học")
    services.submit_activity(activity, by=officer_le_chan)
    before = get(anonymous_client, view="list")
    services.publish_activity(activity, by=staff)
    published = get(anonymous_client, view="list")
    services.update_activity(activity, by=officer_le_chan, title="Lễ phát động (đổi giờ)")
    changed = get(anonymous_client, view="list")
    services.cancel_activity(activity, by=officer_le_chan, reason="Trùng lịch.")
    cancelled = get(anonymous_client, view="list")

    assert links_to(before, activity) == 0
    assert "Lễ phát động Tháng Khuyến học" in published
    assert "Lễ phát động (đổi giờ)" in changed
    assert "Trùng lịch." in cancelled


def test_activity_page_shows_results_entered_later(anonymous_client, make_activity):
    activity = make_activity("Vận động Quỹ Khuyến học")
    before = get(anonymous_client, activity.get_absolute_url())

    ActivityResult.objects.create(activity=activity, money_raised=1_500_000)
    after = get(anonymous_client, activity.get_absolute_url())

    assert "1.500.000" not in before
    assert "1.500.000\u00a0₫" in after


def test_calendar_page_in_each_language(client, anonymous_client, make_activity):
    make_activity("Lễ phát động Tháng Khuyến học")

    english = get(anonymous_client)
    vietnamese = get(client)  # the same address, just after the English one was cached

    assert '<abbr title="Monday">' in english
    assert '<abbr title="Thứ 2">' in vietnamese
