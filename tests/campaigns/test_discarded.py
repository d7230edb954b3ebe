"""A discarded draft is nowhere but in the record: not on the public calendar, its feed, the
home page's figures or the review queue, and not in the admin's list unless staff ask for
discarded activities; its page in the admin (read-only) keeps its history.
Fixtures: tests/campaigns/fixtures_calendar.py.
"""

import datetime
import re

import pytest
from django.urls import reverse

from campaigns import services
from campaigns.models import Activity, ActivityState
from tests.campaigns import fixtures_calendar
from tests.campaigns.factories import enter_activity
from tests.campaigns.fixtures_admin import ACTIVITIES, QUEUE, change_url
from tests.campaigns.fixtures_calendar import get

today = fixtures_calendar.today
campaign = fixtures_calendar.campaign
make_activity = fixtures_calendar.make_activity

DISCARDED_TITLE = "Hội thảo khuyến học nhập trùng"
# After "today" (20/09/2024), so that the home page lists what is coming up on that day.
DAY = datetime.date(2024, 9, 25)


@pytest.fixture
def discarded(campaign, officer_le_chan):
    """A public draft of Lê Chân, entered twice by mistake and discarded, beside a published
    activity of the same day."""
    draft = enter_activity(campaign, by=officer_le_chan, title=DISCARDED_TITLE, starts_on=DAY)
    services.discard_activity(draft, by=officer_le_chan, reason="Nhập trùng.")
    draft.refresh_from_db()
    assert draft.is_public
    return draft


@pytest.fixture
def published(make_activity):
    return make_activity("Hội thảo khuyến học quận Lê Chân", starts_on=DAY)


@pytest.mark.parametrize(
    ("path", "params"),
    [
        (reverse("campaigns:calendar"), {}),
        (reverse("campaigns:calendar"), {"view": "list"}),
        (reverse("campaigns:calendar"), {"view": "list", "q": "hoi thao khuyen hoc"}),
        (reverse("campaigns:calendar-ics"), {}),
        (reverse("campaigns:home"), {}),
    ],
    ids=["month", "list", "search", "feed", "home"],
)
def test_a_discarded_draft_is_never_public(anonymous_client, discarded, published, path, params):
    page = get(anonymous_client, path, **params)

    assert published.title in page
    assert DISCARDED_TITLE not in page


def test_a_discarded_draft_has_no_public_page(anonymous_client, discarded):
    assert anonymous_client.get(discarded.get_absolute_url()).status_code == 404
    ics = reverse("campaigns:activity-ics", args=[discarded.pk])
    assert anonymous_client.get(ics).status_code == 404


def test_the_home_page_counts_no_discarded_draft(anonymous_client, discarded, published):
    page = get(anonymous_client, reverse("campaigns:home"))

    figures = re.search(r"public activities</dt><dd>(\d+)</dd>", page)
    assert figures is not None
    assert figures.group(1) == "1"


def test_the_review_queue_has_no_discarded_draft(
    staff_client, discarded, campaign, officer_le_chan
):
    waiting = enter_activity(
        campaign,
        by=officer_le_chan,
        title="Hội nghị chờ duyệt",
        starts_on=datetime.date(2024, 9, 20),
    )
    services.submit_activity(waiting, by=officer_le_chan)

    queue = staff_client.get(QUEUE)

    assert [a.title for a in queue.context["cl"].result_list] == ["Hội nghị chờ duyệt"]
    dashboard = staff_client.get(reverse("portal:dashboard"))
    assert dashboard.context["review_count"] == 1


def test_the_admin_lists_discarded_drafts_only_when_asked(staff_client, discarded, published):
    def titles(**params):
        return {a.title for a in staff_client.get(ACTIVITIES, params).context["cl"].result_list}

    assert titles() == {published.title}
    assert titles(state__exact="discarded") == {DISCARDED_TITLE}
    assert titles(state__exact="published") == {published.title}
    page = staff_client.get(ACTIVITIES).content.decode()
    assert "All but discarded" in page
    assert "?state__exact=discarded" in page


def test_the_admin_shows_a_discarded_draft_read_only_with_its_history(
    staff_client, discarded, officer_le_chan
):
    page = staff_client.get(change_url(discarded))

    assert page.status_code == 200
    text = page.content.decode()
    assert "Discarded" in text
    assert "Nhập trùng." in text
    assert 'name="title"' not in text  # nothing to edit


def test_the_campaign_counts_no_discarded_draft(staff_client, discarded, published, campaign):
    page = staff_client.get(reverse("admin:campaigns_campaign_changelist"))

    (row,) = page.context["cl"].result_list
    assert row.activity_count == 1
    assert Activity.objects.filter(campaign=campaign).count() == 2
    assert Activity.objects.get(pk=discarded.pk).state == ActivityState.DISCARDED


def test_the_officers_list_says_its_default_leaves_out_discarded_drafts(
    client_for, officer_le_chan, discarded, published
):
    page = client_for(officer_le_chan, language="vi").get(reverse("campaigns_portal:activities"))
    state = re.search(r'<select name="state".*?</select>', page.content.decode(), re.S).group(0)

    assert '<option value="" selected>Tất cả, trừ đã loại bỏ</option>' in state
    assert DISCARDED_TITLE not in page.content.decode()
