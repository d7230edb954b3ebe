"""What the activities bring to the officers' front page (campaigns/officers.py): each
person's due items counted in their own units only, the panels their roles open, the menu's
"Activities", and a fixed number of queries however much is waiting.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from campaigns.models import ActivityState
from tests.campaigns.factories import bring_to, enter_activity, write_activity

pytestmark = pytest.mark.usefixtures("today")

DASHBOARD = "portal:dashboard"


@pytest.fixture
def two_districts(campaign, officer_le_chan, officer_kien_an, staff):
    """Lê Chân: 1 returned, 2 drafts, 1 submitted, 1 ended without results; Kiến An: 3 drafts,
    2 submitted."""

    def make(state, by, title, **fields):
        activity = enter_activity(campaign, by=by, title=title, **fields)
        return bring_to(activity, state, officer=by, staff=staff)

    make(ActivityState.RETURNED, officer_le_chan, "Lê Chân: trả lại")
    make(ActivityState.DRAFT, officer_le_chan, "Lê Chân: nháp 1")
    make(ActivityState.DRAFT, officer_le_chan, "Lê Chân: nháp 2")
    make(ActivityState.SUBMITTED, officer_le_chan, "Lê Chân: chờ duyệt")
    make(
        ActivityState.PUBLISHED,
        officer_le_chan,
        "Lê Chân: đã xong",
        starts_on=datetime.date(2024, 9, 10),
    )
    for number in (1, 2, 3):
        make(ActivityState.DRAFT, officer_kien_an, f"Kiến An: nháp {number}")
    make(ActivityState.SUBMITTED, officer_kien_an, "Kiến An: chờ duyệt 1")
    make(ActivityState.SUBMITTED, officer_kien_an, "Kiến An: chờ duyệt 2")


def due_counts(client):
    response = client.get(reverse(DASHBOARD))
    return {item.key: item.count for item in response.context["officers_due"]}


def test_each_districts_officer_counts_only_their_own_work(
    two_districts, officer_le_chan_client, officer_kien_an_client
):
    assert due_counts(officer_le_chan_client) == {
        "campaigns.returned": 1,
        "campaigns.drafts": 2,
        "campaigns.results_missing": 1,
    }
    assert due_counts(officer_kien_an_client) == {"campaigns.drafts": 3}


def test_kien_an_sees_none_of_le_chans_work_on_the_page(two_districts, officer_kien_an_client):
    text = officer_kien_an_client.get(reverse(DASHBOARD)).content.decode()

    assert "Kiến An: nháp 1" in text
    assert "Lê Chân" not in text


def test_the_approver_also_counts_the_districts_submissions_waiting(
    two_districts, approver_le_chan_client
):
    counts = due_counts(approver_le_chan_client)

    assert counts["campaigns.submitted"] == 1  # Kiến An's two are not the approver's
    assert counts["campaigns.drafts"] == 2


def test_staff_count_the_whole_citys_review_queue_and_no_units_work(two_districts, staff_client):
    assert due_counts(staff_client) == {"campaigns.review": 3}


def test_a_due_item_leads_to_its_list_on_the_page(two_districts, officer_le_chan_client):
    response = officer_le_chan_client.get(reverse(DASHBOARD))

    links = {item.key: item.url for item in response.context["officers_due"]}
    text = response.content.decode()
    for key, anchor in [
        ("campaigns.returned", "#due-returned"),
        ("campaigns.drafts", "#due-draft"),
        ("campaigns.results_missing", "#due-published"),
    ]:
        assert links[key] == anchor
        assert f'id="{anchor[1:]}"' in text


def test_the_approvers_waiting_submissions_lead_to_the_filtered_list(
    two_districts, approver_le_chan_client
):
    response = approver_le_chan_client.get(reverse(DASHBOARD))
    url = {item.key: item.url for item in response.context["officers_due"]}["campaigns.submitted"]

    listed = approver_le_chan_client.get(url)

    assert [a.title for a in listed.context["activities"]] == ["Lê Chân: chờ duyệt"]


def test_staff_see_the_oldest_submissions_first_in_the_review_panel(two_districts, staff_client):
    response = staff_client.get(reverse(DASHBOARD))

    assert response.context["review_count"] == 3
    assert [a.title for a in response.context["review_first"]] == [
        "Lê Chân: chờ duyệt",
        "Kiến An: chờ duyệt 1",
        "Kiến An: chờ duyệt 2",
    ]
    assert not response.context["review_more"]


def test_officers_do_not_get_the_review_panel(two_districts, officer_le_chan_client):
    response = officer_le_chan_client.get(reverse(DASHBOARD))

    panels = [shown.panel.key for shown in response.context["officers_main"]]
    assert panels == ["campaigns.campaign", "campaigns.waiting"]


def test_the_waiting_panel_is_left_out_when_nothing_waits(campaign, officer_kien_an_client):
    response = officer_kien_an_client.get(reverse(DASHBOARD))

    panels = [shown.panel.key for shown in response.context["officers_main"]]
    assert panels == ["campaigns.campaign"]
    assert "Nothing is waiting for you." in response.content.decode()


# --- the menu ---------------------------------------------------------------------------


def test_the_menu_leads_to_the_activities_from_every_page_of_an_officer(officer_le_chan_client):
    for name in ("campaigns:home", "organizations_portal:my-units", DASHBOARD):
        text = officer_le_chan_client.get(reverse(name)).content.decode()
        assert f'href="{reverse("campaigns_portal:activities")}"' in text, name


def test_the_menu_marks_the_activities_on_an_activitys_page(two_districts, officer_le_chan_client):
    from campaigns.models import Activity

    activity = Activity.objects.get(title="Lê Chân: nháp 1")

    text = officer_le_chan_client.get(
        reverse("campaigns_portal:activity", args=[activity.pk])
    ).content
    text = text.decode()

    activities = f'href="{reverse("campaigns_portal:activities")}" aria-current="page"'
    assert activities in text
    assert f'href="{reverse(DASHBOARD)}" aria-current="page"' not in text


def test_someone_without_a_role_gets_no_activities_in_the_menu(nobody_client):
    text = nobody_client.get(reverse("organizations_portal:my-units")).content.decode()

    assert f'href="{reverse("campaigns_portal:activities")}"' not in text
    assert f'href="{reverse(DASHBOARD)}"' in text


# --- a fixed number of queries ------------------------------------------------------------


def _queries(client):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse(DASHBOARD))
    assert response.status_code == 200
    return len(captured.captured_queries)


def _fill(campaign, units, count):
    """`count` activities of Lê Chân in each state the dashboard counts (written straight
    to the database: what is read is the point here)."""
    for index in range(count):
        for state in (ActivityState.RETURNED, ActivityState.DRAFT, ActivityState.SUBMITTED):
            write_activity(
                campaign,
                f"Hoạt động {state} {index}",
                organizer=units.an_bien,
                state=state,
                submitted_at=timezone.now(),
                return_reason="Thiếu địa chỉ." if state == ActivityState.RETURNED else "",
            )
        write_activity(
            campaign,
            f"Hoạt động đã xong {index}",
            organizer=units.le_chan,
            starts_on=datetime.date(2024, 9, 10),
        )


# The learning models' due items (dossiers to submit or appraise, recognitions expiring)
# cost one query together (learning_models/officers.py: due_counts).
@pytest.mark.parametrize(
    ("who", "most"),
    [("officer_le_chan_client", 7), ("approver_le_chan_client", 7), ("staff_client", 8)],
)
def test_the_dashboard_costs_the_same_queries_for_3_or_40_of_each(
    request, campaign, units, who, most
):
    client = request.getfixturevalue(who)
    _fill(campaign, units, 3)
    few = _queries(client)

    _fill(campaign, units, 37)
    many = _queries(client)

    assert few == many <= most
