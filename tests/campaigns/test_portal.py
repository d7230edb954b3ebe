"""The officers' area (/portal/): an official of Quận Lê Chân enters the district's
activities, follows them through review, and records what came of them.

The pages call the same services as the admin; these tests check what an officer sees and
what lands in the database when they use the forms.
"""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from campaigns import services
from campaigns.models import (
    Activity,
    ActivityKind,
    ActivityState,
    Campaign,
    CampaignState,
    FocusArea,
)
from organizations import audit

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
DAY_IN_CAMPAIGN = datetime.date(2024, 9, 20)


@pytest.fixture(autouse=True)
def today(monkeypatch):
    """The portal's "today" is 20/09/2024, inside the 2024 campaign, unless a test moves it."""
    state = {"day": DAY_IN_CAMPAIGN}
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: state["day"])

    def move(day):
        state["day"] = day

    return move


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def campaign(db):
    """Tháng Khuyến học 2024 (Kế hoạch 204/KH-UBND, 5/9–5/10/2024), open for entries."""
    campaign = Campaign.objects.create(
        year=2024,
        title="Tháng Khuyến học năm 2024",
        plan_number="204/KH-UBND",
        starts_on=datetime.date(2024, 9, 5),
        ends_on=datetime.date(2024, 10, 5),
        state=CampaignState.OPEN,
    )
    FocusArea.objects.create(
        campaign=campaign,
        position=1,
        title="Tuyên truyền về công tác khuyến học, khuyến tài, xây dựng xã hội học tập",
        short_title="Tuyên truyền",
    )
    FocusArea.objects.create(
        campaign=campaign,
        position=7,
        title="Phát triển Quỹ Khuyến học, khuyến tài",
        short_title="Quỹ Khuyến học",
    )
    return campaign


@pytest.fixture
def new_activity(campaign, units, officer_le_chan):
    """new_activity(by=officer of Lê Chân, **fields): a draft entered through the service."""

    def make(by=None, **fields):
        values = {
            "organizer": units.le_chan,
            "focus_area": campaign.focus_areas.get(position=1),
            "kind": ActivityKind.CEREMONY,
            "title": "Lễ phát động Tháng Khuyến học quận Lê Chân",
            "starts_on": datetime.date(2024, 9, 15),
            "start_time": datetime.time(8, 0),
            "end_time": datetime.time(11, 0),
            "venue": "Nhà Văn hóa quận Lê Chân",
        }
        values.update(fields)
        return services.create_activity(campaign=campaign, by=by or officer_le_chan, **values)

    return make


@pytest.fixture
def activity_in(new_activity, officer_le_chan, staff):
    """activity_in(state, **fields): an activity brought to `state` by the allowed moves."""

    def make(state, **fields):
        activity = new_activity(**fields)
        if state == ActivityState.DRAFT:
            return activity
        activity = services.submit_activity(activity, by=officer_le_chan)
        if state == ActivityState.RETURNED:
            return services.return_activity(
                activity, by=staff, reason="Thiếu địa chỉ cụ thể của nhà văn hóa."
            )
        if state in {ActivityState.PUBLISHED, ActivityState.CANCELLED}:
            activity = services.publish_activity(activity, by=staff)
        if state == ActivityState.CANCELLED:
            activity = services.cancel_activity(activity, by=staff, reason="Mưa bão.")
        return activity

    return make


def form_data(units, campaign, **overrides):
    data = {
        "title": "Hội thi “Gia đình học tập” phường An Biên",
        "kind": ActivityKind.COMPETITION.value,
        "focus_area": str(campaign.focus_areas.get(position=1).pk),
        "description": "Các gia đình trong phường thi tìm hiểu về xây dựng xã hội học tập.",
        "audience": "Hội viên khuyến học, các gia đình",
        "expected_participants": "200",
        "organizer": str(units.le_chan.pk),
        "co_organizers": [str(units.department.pk)],
        "starts_on": "2024-09-21",
        "start_time": "08:00",
        "ends_on": "",
        "end_time": "11:30",
        "venue": "Nhà văn hóa phường An Biên",
        "address": "Số 2 Trần Nguyên Hãn, An Biên, Lê Chân",
        "commune": str(units.an_bien.pk),
        "contact_name": "Nguyễn Thị Thu Hà",
        "contact_phone": "0225 3856 123",
        "contact_email": "khuyenhoc.lechan@example.vn",
        "is_public": "on",
    }
    data.update(overrides)
    return data


def page_text(response):
    return response.content.decode()


# --- signing in ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("portal-dashboard", []),
        ("portal-activities", []),
        ("portal-activity-new", []),
        ("portal-upload", []),
        ("portal-upload-template", []),
        ("portal-activity", [1]),
        ("portal-activity-edit", [1]),
        ("portal-activity-results", [1]),
        ("portal-evidence-file", [1]),
    ],
)
def test_portal_pages_send_anonymous_visitors_to_sign_in(anonymous_client, name, args):
    url = reverse(name, args=args)

    response = anonymous_client.get(url)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={url}"


# --- entering an activity ------------------------------------------------------------------


def test_new_activity_form_offers_only_my_units_and_the_campaigns_communes(
    officer_le_chan_client, units, campaign
):
    response = officer_le_chan_client.get(reverse("portal-activity-new"))

    form = response.context["form"]
    organizers = set(form.fields["organizer"].queryset)
    assert units.le_chan in organizers
    assert units.an_bien in organizers
    assert units.kien_an not in organizers
    assert units.department not in organizers
    assert set(form.fields["focus_area"].queryset) == set(campaign.focus_areas.all())
    text = page_text(response)
    assert '<optgroup label="Quận Lê Chân">' in text
    assert '<optgroup label="Quận Kiến An">' in text
    assert 'type="date"' in text
    assert 'type="time"' in text
    assert "leave both times empty" in text.lower()


def test_officer_creates_an_activity_as_a_draft(
    officer_le_chan_client, officer_le_chan, units, campaign
):
    response = officer_le_chan_client.post(
        reverse("portal-activity-new"), form_data(units, campaign), follow=True
    )

    activity = Activity.objects.get()
    assert response.redirect_chain[-1][0] == reverse("portal-activity", args=[activity.pk])
    assert activity.state == ActivityState.DRAFT
    assert activity.organizer == units.le_chan
    assert activity.ends_on == datetime.date(2024, 9, 21)
    assert activity.commune == units.an_bien
    assert list(activity.co_organizers.all()) == [units.department]
    assert activity.created_by == officer_le_chan
    assert [entry.action for entry in audit.history_of(activity)] == ["created"]
    assert "is saved" in page_text(response)


def test_an_activity_without_times_is_all_day(officer_le_chan_client, units, campaign):
    officer_le_chan_client.post(
        reverse("portal-activity-new"),
        form_data(units, campaign, start_time="", end_time="", ends_on="2024-09-22"),
    )

    activity = Activity.objects.get()
    assert activity.all_day
    assert (activity.starts_on, activity.ends_on) == (
        datetime.date(2024, 9, 21),
        datetime.date(2024, 9, 22),
    )


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"starts_on": "2024-09-21", "ends_on": "2024-09-20"},
            "ends_on",
            "The end date is before the start date.",
        ),
        (
            {"starts_on": "2024-10-20"},
            "starts_on",
            "20/10/2024 is outside the campaign (05/09/2024 – 05/10/2024).",
        ),
        (
            {"start_time": "14:00", "end_time": "09:00"},
            "end_time",
            "The end time is before the start time.",
        ),
    ],
)
def test_new_activity_is_refused_with_the_reason_and_nothing_saved(
    officer_le_chan_client, units, campaign, overrides, field, message
):
    response = officer_le_chan_client.post(
        reverse("portal-activity-new"), form_data(units, campaign, **overrides)
    )

    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    assert "Nothing was saved" in page_text(response)
    assert not Activity.objects.exists()


def test_new_activity_for_a_unit_not_mine_is_refused(officer_le_chan_client, units, campaign):
    response = officer_le_chan_client.post(
        reverse("portal-activity-new"), form_data(units, campaign, organizer=units.kien_an.pk)
    )

    assert response.status_code == 200
    assert "organizer" in response.context["form"].errors
    assert not Activity.objects.exists()


def test_new_activity_form_explains_when_no_campaign_is_open(officer_le_chan_client, campaign):
    Campaign.objects.filter(pk=campaign.pk).update(state=CampaignState.CLOSED)

    response = officer_le_chan_client.get(reverse("portal-activity-new"))

    assert response.status_code == 200
    assert "No campaign is open for entries" in page_text(response)


def test_officer_changes_a_draft_and_the_history_shows_old_and_new(
    officer_le_chan_client, new_activity, units, campaign
):
    activity = new_activity()
    data = form_data(
        units,
        campaign,
        title="Lễ phát động Tháng Khuyến học năm 2024",
        kind=ActivityKind.CONFERENCE.value,
        starts_on="2024-09-15",
    )

    response = officer_le_chan_client.post(
        reverse("portal-activity-edit", args=[activity.pk]), data, follow=True
    )

    activity.refresh_from_db()
    assert activity.title == "Lễ phát động Tháng Khuyến học năm 2024"
    assert [entry.action for entry in audit.history_of(activity)] == ["changed", "created"]
    history = response.context["history"]
    title_change = next(c for c in history[0]["changes"] if c["label"] == "title")
    assert title_change == {
        "label": "title",
        "old": "Lễ phát động Tháng Khuyến học quận Lê Chân",
        "new": "Lễ phát động Tháng Khuyến học năm 2024",
    }
    kind_change = next(c for c in history[0]["changes"] if c["label"] == "kind")
    assert (kind_change["old"], kind_change["new"]) == ("ceremony", "conference or meeting")
    text = page_text(response)
    assert "The changes are saved." in text
    assert "Lễ phát động Tháng Khuyến học quận Lê Chân" in text


def test_edit_form_starts_with_the_activitys_values(officer_le_chan_client, new_activity):
    activity = new_activity()

    response = officer_le_chan_client.get(reverse("portal-activity-edit", args=[activity.pk]))

    text = page_text(response)
    assert 'value="2024-09-15"' in text
    assert 'value="08:00"' in text
    assert activity.title in text


def test_editing_a_submitted_activity_is_refused_while_it_is_reviewed(
    officer_le_chan_client, activity_in
):
    activity = activity_in(ActivityState.SUBMITTED)

    response = officer_le_chan_client.get(
        reverse("portal-activity-edit", args=[activity.pk]), follow=True
    )

    assert response.redirect_chain[-1][0] == reverse("portal-activity", args=[activity.pk])
    assert "being reviewed" in page_text(response)


# --- submitting, returning, cancelling -------------------------------------------------------


def test_officer_submits_a_draft(officer_le_chan_client, new_activity):
    activity = new_activity()

    response = officer_le_chan_client.post(
        reverse("portal-activity-submit", args=[activity.pk]), follow=True
    )

    activity.refresh_from_db()
    assert activity.state == ActivityState.SUBMITTED
    assert "submitted for review" in page_text(response)


def test_submit_needs_a_post(officer_le_chan_client, new_activity):
    activity = new_activity()

    response = officer_le_chan_client.get(reverse("portal-activity-submit", args=[activity.pk]))

    assert response.status_code == 405
    activity.refresh_from_db()
    assert activity.state == ActivityState.DRAFT


def test_submitting_in_a_closed_campaign_says_why(officer_le_chan_client, new_activity, campaign):
    activity = new_activity()
    Campaign.objects.filter(pk=campaign.pk).update(state=CampaignState.CLOSED)

    response = officer_le_chan_client.post(
        reverse("portal-activity-submit", args=[activity.pk]), follow=True
    )

    activity.refresh_from_db()
    assert activity.state == ActivityState.DRAFT
    assert "is not open for entries" in page_text(response)


def test_returned_activity_shows_why_and_can_be_submitted_again(
    officer_le_chan_client, activity_in
):
    activity = activity_in(ActivityState.RETURNED)

    page = officer_le_chan_client.get(reverse("portal-activity", args=[activity.pk]))
    response = officer_le_chan_client.post(
        reverse("portal-activity-submit", args=[activity.pk]), follow=True
    )

    text = page_text(page)
    assert "Thiếu địa chỉ cụ thể của nhà văn hóa." in text
    assert "Submit again for review" in text
    activity.refresh_from_db()
    assert activity.state == ActivityState.SUBMITTED
    assert "submitted again" in page_text(response)


def test_activity_page_offers_the_actions_of_its_state(officer_le_chan_client, activity_in):
    draft = activity_in(ActivityState.DRAFT)
    published = activity_in(ActivityState.PUBLISHED, title="Hội thảo khuyến học")

    draft_actions = officer_le_chan_client.get(reverse("portal-activity", args=[draft.pk])).context[
        "actions"
    ]
    published_actions = officer_le_chan_client.get(
        reverse("portal-activity", args=[published.pk])
    ).context["actions"]

    assert {name for name, on in draft_actions.items() if on} == {"edit", "submit"}
    assert {name for name, on in published_actions.items() if on} == {
        "edit",
        "cancel",
        "results",
        "evidence",
    }


def test_cancelling_needs_a_reason(officer_le_chan_client, activity_in):
    activity = activity_in(ActivityState.PUBLISHED)
    url = reverse("portal-activity-cancel", args=[activity.pk])

    refused = officer_le_chan_client.post(url, {"reason": "  "})
    done = officer_le_chan_client.post(url, {"reason": "Trùng lịch họp của quận."}, follow=True)

    assert refused.status_code == 200
    assert "reason" in refused.context["form"].errors
    activity.refresh_from_db()
    assert activity.state == ActivityState.CANCELLED
    assert activity.cancel_reason == "Trùng lịch họp của quận."
    assert "is cancelled" in page_text(done)


def test_a_draft_cannot_be_cancelled(officer_le_chan_client, activity_in):
    activity = activity_in(ActivityState.DRAFT)

    response = officer_le_chan_client.post(
        reverse("portal-activity-cancel", args=[activity.pk]), {"reason": "Không tổ chức nữa."}
    )

    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    activity.refresh_from_db()
    assert activity.state == ActivityState.DRAFT


# --- results and evidence ---------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["1.500.000", "1500000", "1 500 000 ₫", "1,500,000"])
def test_results_accept_money_with_or_without_separators(
    officer_le_chan_client, activity_in, typed
):
    activity = activity_in(ActivityState.PUBLISHED)

    response = officer_le_chan_client.post(
        reverse("portal-activity-results", args=[activity.pk]),
        {"participants": "250", "money_raised": typed, "people_supported": "12", "notes": ""},
        follow=True,
    )

    activity.result.refresh_from_db()
    assert activity.result.money_raised == 1_500_000
    assert activity.result.participants == 250
    assert "1.500.000" in page_text(response)


@pytest.mark.parametrize("typed", ["1,5", "1.500.000,50", "một triệu", "-200000"])
def test_results_refuse_money_that_is_not_whole_dong(officer_le_chan_client, activity_in, typed):
    activity = activity_in(ActivityState.PUBLISHED)

    response = officer_le_chan_client.post(
        reverse("portal-activity-results", args=[activity.pk]), {"money_raised": typed}
    )

    assert "money_raised" in response.context["form"].errors
    assert not hasattr(Activity.objects.get(pk=activity.pk), "result")


def test_results_are_refused_before_the_activity_began(officer_le_chan_client, activity_in, today):
    activity = activity_in(ActivityState.PUBLISHED)
    today(datetime.date(2024, 9, 10))

    response = officer_le_chan_client.post(
        reverse("portal-activity-results", args=[activity.pk]), {"participants": "100"}
    )

    assert response.status_code == 200
    assert "once the activity has begun (15/09/2024)" in page_text(response)
    assert not hasattr(Activity.objects.get(pk=activity.pk), "result")


def test_evidence_photo_is_added_and_served_to_the_unit(officer_le_chan_client, activity_in, media):
    activity = activity_in(ActivityState.PUBLISHED)

    officer_le_chan_client.post(
        reverse("portal-activity-evidence", args=[activity.pk]),
        {"file": SimpleUploadedFile("trao-hoc-bong.png", PNG, "image/png"), "caption": "Trao quà"},
    )
    item = activity.evidence.get()
    served = officer_le_chan_client.get(reverse("portal-evidence-file", args=[item.pk]))
    download = officer_le_chan_client.get(
        reverse("portal-evidence-file", args=[item.pk]) + "?download=1"
    )

    assert (item.content_type, item.caption) == ("image/png", "Trao quà")
    assert served.status_code == 200
    assert served["Content-Type"] == "image/png"
    assert served["Content-Disposition"].startswith("inline")
    assert "sandbox" in served["Content-Security-Policy"]
    assert b"".join(served.streaming_content) == PNG
    assert download["Content-Disposition"] == 'attachment; filename="trao-hoc-bong.png"'
    assert "/media/" not in page_text(
        officer_le_chan_client.get(reverse("portal-activity", args=[activity.pk]))
    )


def test_evidence_program_renamed_as_png_is_refused(officer_le_chan_client, activity_in, media):
    activity = activity_in(ActivityState.PUBLISHED)

    response = officer_le_chan_client.post(
        reverse("portal-activity-evidence", args=[activity.pk]),
        {"file": SimpleUploadedFile("anh.png", b"MZ\x90\x00" + b"\x00" * 200, "image/png")},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [
        "Only photos (JPEG, PNG, WebP) and PDF files are accepted."
    ]
    assert not activity.evidence.exists()


def test_evidence_larger_than_10_mb_is_refused(officer_le_chan_client, activity_in, media):
    activity = activity_in(ActivityState.PUBLISHED)
    big = PNG + b"\x00" * (11 * 1024 * 1024)

    response = officer_le_chan_client.post(
        reverse("portal-activity-evidence", args=[activity.pk]),
        {"file": SimpleUploadedFile("lon.png", big, "image/png")},
    )

    assert response.status_code == 200
    assert "the largest accepted is 10 MB" in page_text(response)
    assert not activity.evidence.exists()


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

    response = officer_le_chan_client.get(reverse("portal-dashboard"))

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
    assert reverse("portal-activity-new") in text
    assert reverse("portal-upload") in text


def test_dashboard_shows_the_current_campaign(officer_le_chan_client, campaign):
    response = officer_le_chan_client.get(reverse("portal-dashboard"))

    text = page_text(response)
    assert "Tháng Khuyến học năm 2024" in text
    assert "05/09/2024" in text
    assert "05/10/2024" in text
    assert reverse("my-units") in text


def test_dashboard_explains_itself_to_a_user_without_a_role(nobody_client, campaign):
    response = nobody_client.get(reverse("portal-dashboard"))

    assert response.status_code == 200
    assert "no role in any unit" in page_text(response)
    assert reverse("portal-activity-new") not in page_text(response)


def test_dashboard_shows_staff_the_review_queue(staff_client, activity_in):
    activity_in(ActivityState.SUBMITTED)

    response = staff_client.get(reverse("portal-dashboard"))

    assert response.context["review_count"] == 1
    assert "1 activity is waiting for review" in page_text(response)
    assert staff_client.get(response.context["review_url"]).status_code == 200


# --- the list ---------------------------------------------------------------------------------


def test_list_shows_my_units_activities_with_their_state(officer_le_chan_client, activity_in):
    activity_in(ActivityState.DRAFT, title="Bản nháp")
    activity_in(ActivityState.PUBLISHED, title="Đã công bố")

    response = officer_le_chan_client.get(reverse("portal-activities"))

    titles = [activity.title for activity in response.context["activities"]]
    assert sorted(titles) == ["Bản nháp", "Đã công bố"]
    text = page_text(response)
    assert "badge--ok" in text
    assert "Published" in text


def test_list_filters_by_state_unit_and_search(officer_le_chan_client, activity_in, units):
    activity_in(ActivityState.DRAFT, title="Hội thảo khuyến học", organizer=units.an_bien)
    activity_in(ActivityState.PUBLISHED, title="Lễ trao học bổng")

    def titles(**params):
        response = officer_le_chan_client.get(reverse("portal-activities"), params)
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

    first = officer_le_chan_client.get(reverse("portal-activities"))
    second = officer_le_chan_client.get(reverse("portal-activities"), {"page": 2})

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
        response = officer_le_chan_client.get(reverse("portal-activities"))

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
        response = officer_le_chan_client.get(reverse("portal-dashboard"))

    assert [len(item["activities"]) for item in response.context["due"]] == [min(count, 10)] * 3
    assert response.context["total"] == 3 * count
