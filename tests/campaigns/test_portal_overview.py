"""The officers' area as a whole: its pages need signing in, the dashboard lists what is due,
the list shows my units' activities filtered and paginated, each at a fixed number of
queries. Fixtures: tests/campaigns/fixtures_portal.py.
"""

import datetime

import pytest
from django.urls import reverse

from campaigns.models import Activity, ActivityState
from tests.campaigns import fixtures_portal
from tests.campaigns.fixtures_portal import page_text

today = fixtures_portal.today
campaign = fixtures_portal.campaign
new_activity = fixtures_portal.new_activity
activity_in = fixtures_portal.activity_in


# --- signing in ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("portal:dashboard", []),
        ("campaigns_portal:activities", []),
        ("campaigns_portal:activity-new", []),
        ("campaigns_portal:upload", []),
        ("campaigns_portal:upload-template", []),
        ("campaigns_portal:activity", [1]),
        ("campaigns_portal:activity-edit", [1]),
        ("campaigns_portal:activity-results", [1]),
        ("campaigns_portal:evidence-file", [1]),
    ],
)
def test_portal_pages_send_anonymous_visitors_to_sign_in(anonymous_client, name, args):
    url = reverse(name, args=args)

    response = anonymous_client.get(url)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:login')}?next={url}"


def test_signed_in_officer_finds_the_officers_area_from_any_page(officer_le_chan_client):
    for page in (
        reverse("campaigns:home"),
        reverse("campaigns:calendar"),
        reverse("organizations_portal:my-units"),
    ):
        response = officer_le_chan_client.get(page)

        assert f'href="{reverse("portal:dashboard")}"' in response.text, page


def test_visitors_see_no_officers_area_in_the_menu(anonymous_client):
    response = anonymous_client.get(reverse("campaigns:home"))

    assert f'href="{reverse("portal:dashboard")}"' not in response.text


# --- the dashboard --------------------------------------------------------------------------


def test_dashboard_lists_what_is_due_returned_first_with_the_reason(
    officer_le_chan_client, activity_in
):
    activity_in(ActivityState.DRAFT, title="Bản nháp chưa gửi")
    activity_in(ActivityState.RETURNED, title="Hoạt động bị trả lại")
    activity_in(
        ActivityState.PUBLISHED,
        title="Hoạt động đã xong chưa có kết quả",
        starts_on=datetime.date(2024, 9, 10),
        start_time=None,
        end_time=None,
    )
    activity_in(
        ActivityState.PUBLISHED, title="Hoạt động sắp tới", starts_on=datetime.date(2024, 9, 25)
    )

    response = officer_le_chan_client.get(reverse("portal:dashboard"))

    due = {item["state"]: [a.title for a in item["activities"]] for item in response.context["due"]}
    assert due == {
        "returned": ["Hoạt động bị trả lại"],
        "draft": ["Bản nháp chưa gửi"],
        "published": ["Hoạt động đã xong chưa có kết quả"],
    }
    text = page_text(response)
    assert text.index("Hoạt động bị trả lại") < text.index("Bản nháp chưa gửi")
    assert "Thiếu địa chỉ cụ thể của nhà văn hóa." in text
    counts = {item["state"]: item["count"] for item in response.context["counts"]}
    assert counts == {
        "draft": 1,
        "submitted": 0,
        "returned": 1,
        "published": 2,
        "cancelled": 0,
    }
    assert reverse("campaigns_portal:activity-new") in text
    assert reverse("campaigns_portal:upload") in text


def test_dashboard_shows_the_current_campaign(officer_le_chan_client, campaign):
    response = officer_le_chan_client.get(reverse("portal:dashboard"))

    text = page_text(response)
    assert "Tháng Khuyến học năm 2024" in text
    assert "05/09/2024" in text
    assert "05/10/2024" in text
    assert reverse("organizations_portal:my-units") in text


def test_dashboard_explains_itself_to_a_user_without_a_role(nobody_client, campaign):
    response = nobody_client.get(reverse("portal:dashboard"))

    assert response.status_code == 200
    assert "no role in any unit" in page_text(response)
    assert reverse("campaigns_portal:activity-new") not in page_text(response)


def test_dashboard_shows_staff_the_review_queue(staff_client, activity_in):
    activity_in(ActivityState.SUBMITTED)

    response = staff_client.get(reverse("portal:dashboard"))

    assert response.context["review_count"] == 1
    assert "1 activity is waiting for review" in page_text(response)
    assert staff_client.get(response.context["review_url"]).status_code == 200


# --- the list ---------------------------------------------------------------------------------


def test_list_shows_my_units_activities_with_their_state(officer_le_chan_client, activity_in):
    activity_in(ActivityState.DRAFT, title="Bản nháp")
    activity_in(ActivityState.PUBLISHED, title="Đã công bố")

    response = officer_le_chan_client.get(reverse("campaigns_portal:activities"))

    titles = [activity.title for activity in response.context["activities"]]
    assert sorted(titles) == ["Bản nháp", "Đã công bố"]
    text = page_text(response)
    assert "badge--ok" in text
    assert "Published" in text


def test_list_filters_by_state_unit_and_search(officer_le_chan_client, activity_in, units):
    activity_in(ActivityState.DRAFT, title="Hội thảo khuyến học", organizer=units.an_bien)
    activity_in(ActivityState.PUBLISHED, title="Lễ trao học bổng")

    def titles(**params):
        response = officer_le_chan_client.get(reverse("campaigns_portal:activities"), params)
        return [activity.title for activity in response.context["activities"]]

    assert titles(state="draft") == ["Hội thảo khuyến học"]
    assert titles(unit=units.an_bien.pk) == ["Hội thảo khuyến học"]
    assert titles(q="hoc bong") == ["Lễ trao học bổng"]
    assert titles(campaign="all", state="cancelled") == []


def test_list_is_sorted_by_date_and_paginated_by_50(officer_le_chan_client, new_activity):
    for index in range(55):
        new_activity(
            title=f"Hoạt động {index:02d}",
            starts_on=datetime.date(2024, 10, 5) - datetime.timedelta(days=index % 30),
        )

    first = officer_le_chan_client.get(reverse("campaigns_portal:activities"))
    second = officer_le_chan_client.get(reverse("campaigns_portal:activities"), {"page": 2})

    days = [activity.starts_on for activity in first.context["activities"]]
    assert len(days) == 50
    assert days == sorted(days)
    assert len(second.context["activities"]) == 5
    assert "page=2" in page_text(first)


def _make_many(new_activity, units, count):
    wards = [units.le_chan, units.an_bien, units.du_hang_kenh]
    for index in range(count):
        new_activity(
            title=f"Hoạt động số {index}",
            organizer=wards[index % 3],
            commune=units.an_bien,
            starts_on=datetime.date(2024, 9, 5) + datetime.timedelta(days=index % 30),
        )


@pytest.mark.parametrize("count", [3, 40])
def test_list_runs_a_fixed_number_of_queries(
    officer_le_chan_client, new_activity, units, count, django_assert_max_num_queries
):
    _make_many(new_activity, units, count)
    for activity in Activity.objects.all()[:2]:
        activity.co_organizers.add(units.department)

    with django_assert_max_num_queries(9):
        response = officer_le_chan_client.get(reverse("campaigns_portal:activities"))

    assert len(response.context["activities"]) == count


@pytest.mark.parametrize("count", [3, 40])
def test_dashboard_runs_a_fixed_number_of_queries(
    officer_le_chan_client, new_activity, activity_in, units, count, django_assert_max_num_queries
):
    _make_many(new_activity, units, count)
    for _index in range(count):
        activity_in(ActivityState.RETURNED)
        activity_in(ActivityState.PUBLISHED, starts_on=datetime.date(2024, 9, 10))

    with django_assert_max_num_queries(8):
        response = officer_le_chan_client.get(reverse("portal:dashboard"))

    assert [len(item["activities"]) for item in response.context["due"]] == [min(count, 10)] * 3
    assert response.context["total"] == 3 * count
