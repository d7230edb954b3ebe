"""The public pages cost a fixed number of SQL queries, whatever the number of activities.

Each page is asked for with 3 activities and again with 40 (multi-day, co-organised,
cancelled, with results and history): the count must not move, and must stay within the
bound written here. A new query on a page is a decision, to be made by changing the bound.
"""

import datetime
import itertools

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from campaigns.models import ActivityKind, ActivityResult, ActivityState, CampaignState
from common.history import audit
from tests.campaigns.factories import freeze_today, make_campaign, make_key_dates, write_activity

# Upper bounds per page (anonymous visitor), when the page is built.
BOUNDS = {
    # the public generation (common.public_cache), public campaigns, the current one;
    # then focus areas, key dates, coming activities, totals
    "home": 7,
    # the generation, public campaigns, the current one; then focus areas, the units and
    # their parents (the unit select), the month's activities, key dates
    "month": 8,
    # the same, with a count and a page of activities instead of the month and key dates
    "list": 8,
    # ... and the unit asked for
    "month-filtered": 9,
    "list-filtered": 9,
    # the generation, the activity with its details and results; then co-organisers, the
    # public change log
    "activity": 4,
    # the generation, the activity with its co-organisers
    "activity-ics": 3,
    # the generation, public campaigns, the current one, activities, co-organisers
    "feed": 5,
    # ... and the unit asked for
    "feed-filtered": 6,
}

# When the page (or the feed) comes from the cache: only the public generation, which its
# key is made of (common.public_cache.public_page).
CACHED_BOUNDS = dict.fromkeys(BOUNDS, 1)


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    freeze_today(monkeypatch)


@pytest.fixture
def campaign(db):
    """The 2024 campaign with its eight focus areas and Ngày Khuyến học, and 2023's archived."""
    campaign = make_campaign(focus_areas=range(1, 9))
    make_key_dates(campaign)
    make_campaign(2023, state=CampaignState.ARCHIVED, focus_areas=())
    return campaign


@pytest.fixture
def add_activities(campaign, units):
    """add_activities(count): that many more public activities, of every shape."""
    organisers = itertools.cycle(
        [units.le_chan, units.an_bien, units.kien_an, units.department, units.association]
    )
    communes = itertools.cycle([units.an_bien, None, units.bac_son, units.du_hang_kenh])
    areas = itertools.cycle(list(campaign.focus_areas.all()))
    made = []

    def add(count):
        for _ in range(count):
            n = len(made)
            day = datetime.date(2024, 9, 5) + datetime.timedelta(days=n % 31)
            activity = write_activity(
                campaign,
                f"Hoạt động khuyến học số {n}",
                organizer=next(organisers),
                co_organizers=[units.association, units.department][: n % 3],
                focus_area=next(areas),
                kind=ActivityKind.values[n % len(ActivityKind.values)],
                starts_on=day,
                ends_on=min(day + datetime.timedelta(days=n % 3), campaign.ends_on),
                start_time=datetime.time(8, 0) if n % 2 else None,
                commune=next(communes),
                state=ActivityState.CANCELLED if n % 7 == 3 else ActivityState.PUBLISHED,
            )
            if n % 4 == 0:
                ActivityResult.objects.create(activity=activity, participants=100 + n)
            audit.record(activity, action="changed", changes={"venue": ["", "Nhà văn hóa"]})
            made.append(activity)
        return made

    return add


def _pages(units, activity):
    le_chan = units.le_chan.pk
    return {
        "home": reverse("campaigns:home"),
        "month": reverse("campaigns:calendar"),
        "list": reverse("campaigns:calendar") + "?view=list",
        "month-filtered": reverse("campaigns:calendar")
        + f"?unit={le_chan}&q=khuyen+hoc&area=&kind=",
        "list-filtered": reverse("campaigns:calendar")
        + f"?view=list&unit={le_chan}&q=khuyen&from=05/09/2024&to=2024-10-05",
        "activity": activity.get_absolute_url(),
        "activity-ics": reverse("campaigns:activity-ics", args=[activity.pk]),
        "feed": reverse("campaigns:calendar-ics"),
        "feed-filtered": reverse("campaigns:calendar-ics") + f"?unit={le_chan}&q=khuyen+hoc",
    }


def _count(client, url):
    client.get(url)  # warm per-process caches (content types, translations)
    cache.clear()  # but not the feed: it must be built each time here
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def test_public_pages_run_a_fixed_number_of_queries(anonymous_client, add_activities, units):
    activities = add_activities(3)
    few = {
        name: _count(anonymous_client, url) for name, url in _pages(units, activities[0]).items()
    }

    activities = add_activities(37)
    for activity in activities[:5]:
        for _ in range(3):
            audit.record(activity, action="changed", changes={"title": ["a", "b"]})
    many = {
        name: _count(anonymous_client, url) for name, url in _pages(units, activities[0]).items()
    }

    assert many == few
    for name, count in many.items():
        assert count <= BOUNDS[name], (name, count)


@pytest.mark.parametrize("name", ["home", "month", "list", "activity", "feed"])
def test_public_page_stays_within_its_bound(
    anonymous_client, add_activities, units, name, django_assert_max_num_queries
):
    activities = add_activities(12)
    url = _pages(units, activities[0])[name]
    anonymous_client.get(url)
    cache.clear()

    with django_assert_max_num_queries(BOUNDS[name]):
        response = anonymous_client.get(url)

    assert response.status_code == 200


def test_public_pages_from_the_cache_run_only_their_key_queries(
    anonymous_client, add_activities, units
):
    activities = add_activities(12)
    for name, url in _pages(units, activities[0]).items():
        cache.clear()
        anonymous_client.get(url)
        with CaptureQueriesContext(connection) as queries:
            response = anonymous_client.get(url)
        assert response.status_code == 200, url
        assert len(queries) <= CACHED_BOUNDS[name], (name, len(queries))
