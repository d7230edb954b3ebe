"""Reviewing in the admin: who may enter it, the review queue, and publish, return with a
reason and cancel as list actions and as buttons on an activity's page, each through the
services. Fixtures: tests/conftest.py.
"""

from django.test import Client
from django.urls import reverse

from campaigns.models import Activity, ActivityState
from common.history import audit
from tests.campaigns.pages import (
    ACTIVITIES,
    EXPORT,
    QUEUE,
    change_url,
    page_messages,
    post_action,
)

# --- who enters ------------------------------------------------------------------------


def test_admin_index_leads_to_the_review_queue_in_one_click(staff_client, campaign):
    page = staff_client.get(reverse("admin:index"))

    assert page.status_code == 200
    assert f'href="{QUEUE}"' in page.text
    assert "Review queue" in page.text


def test_officer_is_refused_the_admin(officer_le_chan_client, activity):
    item = activity()

    for url in (reverse("admin:index"), ACTIVITIES, QUEUE, EXPORT, change_url(item)):
        assert officer_le_chan_client.get(url).status_code == 403


def test_reviewer_may_enter_the_admin_but_not_the_activities(reviewer_client, activity):
    activity()

    assert reviewer_client.get(reverse("admin:index")).status_code == 200
    assert reviewer_client.get(ACTIVITIES).status_code == 403
    assert reviewer_client.get(EXPORT).status_code == 403
    assert reviewer_client.post(EXPORT, {"format": "1", "resource": "0"}).status_code == 403


# --- the review queue and the actions ----------------------------------------------------


def test_review_queue_shows_submitted_activities_oldest_first(staff_client, submitted, activity):
    activity(ActivityState.DRAFT, title="Bản nháp chưa gửi")
    activity(ActivityState.PUBLISHED, title="Đã công bố từ trước")

    page = staff_client.get(QUEUE)

    assert page.status_code == 200
    assert list(page.context["cl"].result_list) == list(submitted)
    assert "3 activities waiting" in page.text
    assert "Bản nháp chưa gửi" not in page.text
    assert change_url(submitted[0]) in page.text


def test_activities_list_links_the_queue_with_its_count(staff_client, submitted):
    page = staff_client.get(ACTIVITIES)

    assert f'href="{QUEUE}"' in page.text
    assert "Review queue: 3 activities waiting" in page.text


def test_publish_action_publishes_each_and_reports_refusals(
    staff_client, staff, submitted, activity
):
    draft = activity(ActivityState.DRAFT, title="Bản nháp chưa gửi")

    response = post_action(staff_client, ACTIVITIES, "publish_selected", [*submitted[:2], draft])

    assert response.status_code == 302
    states = dict(Activity.objects.values_list("title", "state"))
    assert states["Hội nghị triển khai Tháng Khuyến học"] == ActivityState.PUBLISHED
    assert states["Ngày hội đọc sách phường An Biên"] == ActivityState.PUBLISHED
    assert states["Trao học bổng Hoa Phượng Đỏ"] == ActivityState.SUBMITTED
    assert states["Bản nháp chưa gửi"] == ActivityState.DRAFT
    shown = page_messages(staff_client.get(ACTIVITIES))
    assert "2 activities published." in shown
    assert "“Bản nháp chưa gửi”: An activity that is “draft” cannot be published." in shown
    entry = audit.history_of(submitted[0]).first()
    assert (entry.action, entry.actor) == ("published", staff)


def test_return_action_first_asks_for_the_reason(staff_client, submitted):
    page = post_action(staff_client, QUEUE, "return_selected", submitted[:2])

    assert page.status_code == 200
    assert page.templates[0].name == "admin/campaigns/activity/reason.html"
    assert "Hội nghị triển khai Tháng Khuyến học" in page.text
    assert "Ngày hội đọc sách phường An Biên" in page.text
    assert "Trao học bổng Hoa Phượng Đỏ" not in page.text
    assert '<textarea name="reason"' in page.text
    assert "csrfmiddlewaretoken" in page.text
    assert set(Activity.objects.values_list("state", flat=True)) == {ActivityState.SUBMITTED}


def test_return_action_refuses_an_empty_reason(staff_client, submitted):
    page = post_action(
        staff_client, QUEUE, "return_selected", submitted[:2], apply="1", reason="   "
    )

    assert page.status_code == 200
    assert page.context["form"].errors["reason"] == ["This field is required."]
    assert set(Activity.objects.values_list("state", flat=True)) == {ActivityState.SUBMITTED}


def test_return_action_returns_each_with_the_reason(
    staff_client, staff, submitted, mailoutbox, django_capture_on_commit_callbacks
):
    reason = "Bổ sung địa chỉ cụ thể và người liên hệ."

    with django_capture_on_commit_callbacks(execute=True):
        response = post_action(
            staff_client, QUEUE, "return_selected", submitted[:2], apply="1", reason=reason
        )

    assert response.status_code == 302
    for item in submitted[:2]:
        item.refresh_from_db()
        assert (item.state, item.return_reason) == (ActivityState.RETURNED, reason)
        entry = audit.history_of(item).first()
        assert (entry.action, entry.actor, entry.reason) == ("returned", staff, reason)
    submitted[2].refresh_from_db()
    assert submitted[2].state == ActivityState.SUBMITTED
    assert len(mailoutbox) == 2
    assert all(reason in mail.body for mail in mailoutbox)
    assert "2 activities returned to their units." in page_messages(staff_client.get(QUEUE))


def test_return_action_reports_each_refusal_and_does_the_rest(staff_client, submitted, activity):
    published = activity(ActivityState.PUBLISHED, title="Đã công bố từ trước")

    post_action(
        staff_client,
        ACTIVITIES,
        "return_selected",
        [submitted[0], published],
        apply="1",
        reason="Sai ngày.",
    )

    submitted[0].refresh_from_db()
    published.refresh_from_db()
    assert submitted[0].state == ActivityState.RETURNED
    assert published.state == ActivityState.PUBLISHED
    shown = page_messages(staff_client.get(ACTIVITIES))
    assert "1 activity returned to its unit." in shown
    assert (
        "“Đã công bố từ trước”: An activity that is “published” cannot be returned for changes."
        in shown
    )


def test_return_action_needs_the_csrf_token(staff, submitted):
    client = Client(enforce_csrf_checks=True)
    client.force_login(staff)

    response = post_action(client, QUEUE, "return_selected", submitted, apply="1", reason="X")

    assert response.status_code == 403
    assert set(Activity.objects.values_list("state", flat=True)) == {ActivityState.SUBMITTED}


# --- buttons on an activity's page -------------------------------------------------------


def test_change_page_of_a_submitted_activity_offers_publish_and_return(staff_client, submitted):
    item = submitted[0]

    page = staff_client.get(change_url(item))

    assert page.status_code == 200
    publish = reverse("admin:campaigns_activity_publish", args=[item.pk])
    assert f'action="{publish}"' in page.text
    assert reverse("admin:campaigns_activity_return", args=[item.pk]) in page.text
    assert reverse("admin:campaigns_activity_cancel", args=[item.pk]) not in page.text
    assert "Possible next states: returned for changes, published." in page.text
    # Under review the page is read-only: the service refuses changes now.
    assert 'name="_save"' not in page.text


def test_publish_button_publishes(staff_client, submitted):
    item = submitted[0]
    url = reverse("admin:campaigns_activity_publish", args=[item.pk])

    assert staff_client.get(url).status_code == 405
    response = staff_client.post(url)

    assert response.status_code == 302
    assert response.url == change_url(item)
    item.refresh_from_db()
    assert item.state == ActivityState.PUBLISHED


def test_publish_button_refused_by_the_service_says_why(staff_client, activity):
    item = activity(ActivityState.DRAFT)

    response = staff_client.post(
        reverse("admin:campaigns_activity_publish", args=[item.pk]), follow=True
    )

    assert "An activity that is “draft” cannot be published." in page_messages(response)
    item.refresh_from_db()
    assert item.state == ActivityState.DRAFT


def test_return_button_asks_for_a_reason_then_returns(staff_client, submitted):
    item = submitted[0]
    url = reverse("admin:campaigns_activity_return", args=[item.pk])

    page = staff_client.get(url)
    assert page.status_code == 200
    assert '<textarea name="reason"' in page.text
    refused = staff_client.post(url, {"reason": ""})
    assert refused.context["form"].errors["reason"] == ["This field is required."]

    response = staff_client.post(url, {"reason": "Ghi rõ thời gian kết thúc."})

    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.state, item.return_reason) == (
        ActivityState.RETURNED,
        "Ghi rõ thời gian kết thúc.",
    )


def test_cancel_button_cancels_a_published_activity_with_its_reason(staff_client, activity):
    item = activity(ActivityState.PUBLISHED)
    url = reverse("admin:campaigns_activity_cancel", args=[item.pk])
    assert url in staff_client.get(change_url(item)).text

    response = staff_client.post(url, {"reason": "Bão số 3, hoãn sang tuần sau."})

    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.state, item.cancel_reason, item.sequence) == (
        ActivityState.CANCELLED,
        "Bão số 3, hoãn sang tuần sau.",
        1,
    )


def test_cancel_page_of_a_draft_sends_back_with_the_reason(staff_client, activity):
    item = activity(ActivityState.DRAFT)

    response = staff_client.get(
        reverse("admin:campaigns_activity_cancel", args=[item.pk]), follow=True
    )

    assert "An activity that is “draft” cannot be cancelled." in page_messages(response)
