"""The association's staff run the campaign from the admin (/admin/campaigns/…).

The review queue, publish and return-with-a-reason (as list actions and as buttons on an
activity's page), edits that go through the services, the history on each record, the
diacritic-blind search and unit filter, and the export to Excel and CSV.
"""

import csv
import datetime
import io

import openpyxl
import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

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

ACTIVITIES = reverse("admin:campaigns_activity_changelist")
QUEUE = reverse("admin:campaigns_activitytoreview_changelist")
EXPORT = reverse("admin:campaigns_activity_export")
SEPT_15 = datetime.date(2024, 9, 15)


def change_url(activity):
    return reverse("admin:campaigns_activity_change", args=[activity.pk])


def page_messages(response):
    return [str(message) for message in response.context["messages"]]


@pytest.fixture
def campaign(db):
    campaign = Campaign.objects.create(
        year=2024,
        title="Tháng Khuyến học năm 2024",
        plan_number="204/KH-UBND",
        starts_on=datetime.date(2024, 9, 5),
        ends_on=datetime.date(2024, 10, 5),
        state=CampaignState.OPEN,
    )
    FocusArea.objects.create(
        campaign=campaign, position=1, title="Tuyên truyền", short_title="Tuyên truyền"
    )
    FocusArea.objects.create(
        campaign=campaign, position=7, title="Quỹ Khuyến học", short_title="Quỹ Khuyến học"
    )
    return campaign


@pytest.fixture
def activity(campaign, units, officer_le_chan, staff):
    """activity(state=..., by=officer of Lê Chân, **fields): brought to `state` through the
    services, so that its history is the real one."""

    def make(state=ActivityState.SUBMITTED, *, by=None, **fields):
        values = {
            "organizer": units.le_chan,
            "focus_area": campaign.focus_areas.get(position=1),
            "kind": ActivityKind.CEREMONY,
            "title": "Lễ phát động Tháng Khuyến học quận Lê Chân",
            "starts_on": SEPT_15,
            "start_time": datetime.time(8, 0),
            "end_time": datetime.time(11, 0),
            "venue": "Nhà Văn hóa quận Lê Chân",
        }
        values.update(fields)
        officer = by or officer_le_chan
        item = services.create_activity(campaign=campaign, by=officer, **values)
        if state == ActivityState.DRAFT:
            return item
        item = services.submit_activity(item, by=officer)
        if state == ActivityState.SUBMITTED:
            return item
        if state == ActivityState.RETURNED:
            return services.return_activity(item, by=staff, reason="Thiếu địa chỉ.")
        item = services.publish_activity(item, by=staff)
        if state == ActivityState.CANCELLED:
            item = services.cancel_activity(item, by=staff, reason="Hoãn vì bão.")
        return item

    return make


@pytest.fixture
def submitted(activity, staff):
    """Three submitted activities, submitted in this order."""
    first = activity(title="Hội nghị triển khai Tháng Khuyến học")
    second = activity(title="Ngày hội đọc sách phường An Biên")
    third = activity(title="Trao học bổng Hoa Phượng Đỏ")
    for minutes, item in enumerate([first, second, third]):
        Activity.objects.filter(pk=item.pk).update(
            submitted_at=datetime.datetime(2024, 9, 1, 8, minutes, tzinfo=datetime.UTC)
        )
    return first, second, third


def post_action(client, url, action, activities, **data):
    return client.post(
        url,
        {"action": action, ACTION_CHECKBOX_NAME: [str(a.pk) for a in activities], **data},
        follow=False,
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


# --- editing through the services, history, deleting ------------------------------------


def _form_values(form):
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if field.disabled or value is None:
            continue
        key = form.add_prefix(name)
        if isinstance(value, bool):
            if value:
                data[key] = "on"
        elif isinstance(value, list | tuple):
            data[key] = [str(v) for v in value]
        elif isinstance(value, datetime.date | datetime.time):
            data[key] = value.isoformat()
        else:
            data[key] = str(value)
    return data


def admin_post_data(page):
    """What the change page would send back unchanged, inline formsets included."""
    data = _form_values(page.context["adminform"].form)
    for inline in page.context["inline_admin_formsets"]:
        management = inline.formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = management[name].value()
    return data


def test_editing_a_published_activity_goes_through_the_service(staff_client, staff, activity):
    item = activity(ActivityState.PUBLISHED)
    data = admin_post_data(staff_client.get(change_url(item)))
    data["venue"] = "Cung Văn hóa Thiếu nhi Hải Phòng"

    response = staff_client.post(change_url(item), data)

    assert response.status_code == 302
    item.refresh_from_db()
    assert item.venue == "Cung Văn hóa Thiếu nhi Hải Phòng"
    assert item.sequence == 1  # calendar subscribers see the change
    entry = audit.history_of(item).first()
    assert (entry.action, entry.actor) == ("changed", staff)
    assert entry.changes == {
        "venue": ["Nhà Văn hóa quận Lê Chân", "Cung Văn hóa Thiếu nhi Hải Phòng"]
    }


def test_editing_shows_the_services_refusal_on_the_field(staff_client, activity):
    item = activity(ActivityState.RETURNED)
    data = admin_post_data(staff_client.get(change_url(item)))
    data["starts_on"] = data["ends_on"] = "2024-11-20"

    page = staff_client.post(change_url(item), data)

    assert page.status_code == 200
    assert page.context["adminform"].form.errors["starts_on"] == [
        "20/11/2024 is outside the campaign (05/09/2024 – 05/10/2024)."
    ]
    item.refresh_from_db()
    assert item.starts_on == SEPT_15


def test_a_submitted_activity_cannot_be_changed_in_the_admin(staff_client, submitted):
    item = submitted[0]
    data = admin_post_data(staff_client.get(change_url(item)))

    response = staff_client.post(change_url(item), {**data, "title": "Tiêu đề khác"})

    assert response.status_code == 403
    item.refresh_from_db()
    assert item.title == "Hội nghị triển khai Tháng Khuyến học"


def test_change_page_shows_the_activitys_history(staff_client, activity, officer_le_chan, staff):
    item = activity(ActivityState.RETURNED)
    services.update_activity(item, by=officer_le_chan, address="Số 1 Lạch Tray")

    page = staff_client.get(change_url(item))

    history = page.context["portal_history"]
    assert [row["action"] for row in history] == [
        "changed",
        "returned for changes",
        "submitted for review",
        "created",
    ]
    assert history[1]["actor"] == staff.display_name
    assert history[1]["reason"] == "Thiếu địa chỉ."
    assert history[1]["changes"] == [
        {
            "field": "State",
            "old": "submitted for review",
            "new": "returned for changes",
            "first": False,
        }
    ]
    assert history[0]["changes"][0]["field"] == "Address"
    assert "Thiếu địa chỉ." in page.text
    assert "Nguyễn Thị Thu Hà" in page.text  # the officer, by name
    history_page = staff_client.get(reverse("admin:campaigns_activity_history", args=[item.pk]))
    assert history_page.status_code == 200
    assert "Thiếu địa chỉ." in history_page.text


def test_deleting_published_activities_is_refused(staff_client, superuser_client, activity):
    published = activity(ActivityState.PUBLISHED)
    draft = activity(ActivityState.DRAFT, title="Nhập nhầm")
    delete = "admin:campaigns_activity_delete"

    assert staff_client.get(reverse(delete, args=[draft.pk])).status_code == 403
    assert superuser_client.get(reverse(delete, args=[published.pk])).status_code == 403
    assert superuser_client.get(reverse(delete, args=[draft.pk])).status_code == 200
    actions = superuser_client.get(ACTIVITIES).context["action_form"].fields["action"].choices
    assert "delete_selected" not in dict(actions)


def test_results_and_evidence_show_read_only_with_a_checked_file_link(
    staff_client, activity, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    item = activity(ActivityState.PUBLISHED)
    services.record_results(
        item, by=item.created_by, today=SEPT_15, participants=150, money_raised=25_000_000
    )
    photo = services.add_evidence(
        item,
        by=item.created_by,
        upload=SimpleUploadedFile("le-phat-dong.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64),
    )

    page = staff_client.get(change_url(item))

    assert "25.000.000" in page.text
    assert f'href="{reverse("portal-evidence-file", args=[photo.pk])}"' in page.text
    assert "le-phat-dong.png" in page.text
    assert page.context["portal_history"][0]["changes"][0]["field"] == "Evidence file"
    assert tmp_path.name not in page.text  # no direct address of the stored file
    for inline in page.context["inline_admin_formsets"]:
        assert not inline.has_add_permission
        assert not inline.has_change_permission


def test_a_draft_shows_no_empty_results_or_evidence_sections(staff_client, activity):
    page = staff_client.get(change_url(activity(ActivityState.DRAFT)))

    assert page.context["inline_admin_formsets"] == []


# --- search and filters ------------------------------------------------------------------


@pytest.fixture
def listed(activity, units, officer_kien_an):
    return {
        "ceremony": activity(title="Lễ phát động Tháng Khuyến học quận Lê Chân"),
        "ward": activity(title="Ngày hội đọc sách", organizer=units.an_bien),
        "kien_an": activity(
            by=officer_kien_an,
            title="Trao học bổng khuyến học Kiến An",
            organizer=units.kien_an,
            kind=ActivityKind.AWARD_CEREMONY,
        ),
    }


def shown(page):
    return {item.title for item in page.context["cl"].result_list}


def test_search_ignores_diacritics(staff_client, listed):
    page = staff_client.get(ACTIVITIES, {"q": "khuyen hoc"})

    assert shown(page) == {
        "Lễ phát động Tháng Khuyến học quận Lê Chân",
        "Trao học bổng khuyến học Kiến An",
    }
    assert shown(staff_client.get(ACTIVITIES, {"q": "HOC BONG kien an"})) == {
        "Trao học bổng khuyến học Kiến An"
    }


def test_unit_filter_includes_the_units_under_it(staff_client, listed, units):
    page = staff_client.get(ACTIVITIES, {"unit": units.le_chan.pk})

    assert shown(page) == {"Lễ phát động Tháng Khuyến học quận Lê Chân", "Ngày hội đọc sách"}
    assert "Quận Lê Chân" in page.text
    assert units.department.name in page.text  # bodies are listed too


def test_unit_filter_form_keeps_the_search_and_the_other_filters(staff_client, listed):
    page = staff_client.get(ACTIVITIES, {"q": "khuyen hoc", "kind__exact": "ceremony"})

    form = page.text[page.text.index('class="portal-unit-filter"') :]
    form = form[: form.index("</form>")]
    assert '<input type="hidden" name="q" value="khuyen hoc">' in form
    assert '<input type="hidden" name="kind__exact" value="ceremony">' in form
    assert '<select name="unit"' in form


def test_filters_by_kind_state_and_date(staff_client, listed):
    by_kind = staff_client.get(ACTIVITIES, {"kind__exact": ActivityKind.AWARD_CEREMONY})
    by_day = staff_client.get(
        ACTIVITIES, {"starts_on__year": "2024", "starts_on__month": "9", "starts_on__day": "15"}
    )
    by_state = staff_client.get(ACTIVITIES, {"state__exact": ActivityState.PUBLISHED})

    assert shown(by_kind) == {"Trao học bổng khuyến học Kiến An"}
    assert len(shown(by_day)) == 3
    assert shown(by_state) == set()


# --- export ------------------------------------------------------------------------------


def export(client, file_format, query=""):
    page = client.get(EXPORT + query)
    data = {"format": file_format, "resource": "0"}
    for name in page.context["form"].fields:
        if name.startswith("activityresource_"):
            data[name] = "on"
    return client.post(EXPORT + query, data)


def test_export_csv_has_the_filtered_rows_with_readable_columns(staff_client, listed, units):
    response = export(staff_client, "1", f"?q=khuyen+hoc&unit={units.le_chan.pk}")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith('attachment; filename="hoat-dong-')
    text = response.content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [row["title"] for row in rows] == ["Lễ phát động Tháng Khuyến học quận Lê Chân"]
    row = rows[0]
    assert row["organising unit"] == "Quận Lê Chân"
    assert row["unit code"] == "305"
    assert row["campaign year"] == "2024"
    assert row["kind"] == "ceremony"
    assert row["state"] == "submitted for review"
    assert row["start date"] == "15/09/2024"
    assert row["start time"] == "08:00"
    assert row["focus area"] == "1. Tuyên truyền"


def test_export_xlsx_opens_in_excel_with_the_filtered_rows(staff_client, listed, activity):
    published = activity(ActivityState.PUBLISHED, title="Lễ tuyên dương khuyến học")
    services.record_results(
        published, by=published.created_by, today=SEPT_15, participants=150, money_raised=25_000_000
    )

    response = export(staff_client, "0", f"?state__exact={ActivityState.PUBLISHED}")

    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    header, *rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 1
    row = dict(zip(header, rows[0], strict=True))
    assert row["title"] == "Lễ tuyên dương khuyến học"
    assert row["start date"] == datetime.datetime(2024, 9, 15)  # a real date cell
    assert row["participants"] == 150
    assert row["money raised (VND)"] == 25_000_000
    assert row["state"] == "published"
    assert row["published"] is not None


def test_export_page_works_under_the_strict_csp(staff_client, listed):
    page = staff_client.get(EXPORT)

    assert page.status_code == 200
    assert "Start date" in page.text  # columns named as in the file
    assert "Starts On" not in page.text
    policy = page["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    html = page.text
    assert "onchange=" not in html
    assert "onclick=" not in html
    assert ' style="' not in html
    assert "<style" not in html
    for tag in html.split("<script")[1:]:
        assert "src=" in tag.split(">")[0] or 'type="application/json"' in tag.split(">")[0]


# --- the list costs the same whatever its length -----------------------------------------


def _bulk(campaign, units, count):
    area = campaign.focus_areas.first()
    for number in range(count):
        item = Activity.objects.create(
            campaign=campaign,
            organizer=units.le_chan if number % 2 else units.kien_an,
            commune=units.an_bien,
            focus_area=area,
            kind=ActivityKind.TRAINING,
            title=f"Lớp tập huấn số {number}",
            starts_on=SEPT_15,
            ends_on=SEPT_15,
            state=ActivityState.SUBMITTED,
            submitted_at=datetime.datetime(2024, 9, 1, tzinfo=datetime.UTC),
        )
        item.co_organizers.set([units.department])


@pytest.mark.parametrize("url", [ACTIVITIES, QUEUE])
def test_lists_run_a_fixed_number_of_queries(
    staff_client, campaign, units, url, django_assert_max_num_queries
):
    staff_client.get(url)  # sessions and content types warmed up
    _bulk(campaign, units, 3)
    with CaptureQueriesContext(connection) as few:
        assert staff_client.get(url).status_code == 200
    _bulk(campaign, units, 27)
    with CaptureQueriesContext(connection) as many:
        assert len(staff_client.get(url).context["cl"].result_list) == 30

    assert len(many.captured_queries) == len(few.captured_queries)
    with django_assert_max_num_queries(16):
        staff_client.get(url, {"q": "tap huan", "unit": units.le_chan.pk})


# --- campaigns ---------------------------------------------------------------------------


def campaign_url(campaign, name="change"):
    return reverse(f"admin:campaigns_campaign_{name}", args=[campaign.pk])


def test_campaign_page_shows_focus_areas_key_dates_and_allowed_moves(staff_client, campaign):
    page = staff_client.get(campaign_url(campaign))

    assert page.status_code == 200
    assert page.context["inline_admin_formsets"][0].formset.model is FocusArea
    assert [
        form.instance.position for form in page.context["inline_admin_formsets"][0].formset.forms
    ] == [1, 7]
    assert "Possible next states: closed." in page.text
    assert 'value="closed"' in page.text
    assert 'value="archived"' not in page.text


def test_campaign_state_changes_through_the_buttons(staff_client, staff, campaign):
    response = staff_client.post(
        campaign_url(campaign, "state"), {"to": "closed", "reason": "Hết tháng."}
    )

    assert response.status_code == 302
    campaign.refresh_from_db()
    assert campaign.state == CampaignState.CLOSED
    entry = audit.history_of(campaign).first()
    assert (entry.action, entry.actor, entry.reason) == ("closed", staff, "Hết tháng.")

    refused = staff_client.post(campaign_url(campaign, "state"), {"to": "draft"}, follow=True)
    assert "“Tháng Khuyến học năm 2024”: A campaign that is “closed” cannot become “draft”." in (
        page_messages(refused)
    )
    campaign.refresh_from_db()
    assert campaign.state == CampaignState.CLOSED


def test_campaign_state_cannot_be_edited_in_the_form(staff_client, campaign):
    page = staff_client.get(campaign_url(campaign))

    assert "state" not in page.context["adminform"].form.fields


def test_campaign_actions_report_each_campaign(staff_client, campaign):
    draft = Campaign.objects.create(
        year=2025,
        title="Tháng Khuyến học năm 2025",
        starts_on=datetime.date(2025, 9, 5),
        ends_on=datetime.date(2025, 10, 5),
    )

    staff_client.post(
        reverse("admin:campaigns_campaign_changelist"),
        {"action": "close_selected", ACTION_CHECKBOX_NAME: [campaign.pk, draft.pk]},
    )

    campaign.refresh_from_db()
    draft.refresh_from_db()
    assert (campaign.state, draft.state) == (CampaignState.CLOSED, CampaignState.DRAFT)


def test_campaign_edit_is_recorded_in_its_history(staff_client, staff, campaign, units):
    page = staff_client.get(campaign_url(campaign))
    data = _form_values(page.context["adminform"].form)
    for inline in page.context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = management[name].value()
        for form in formset.forms:
            data.update(_form_values(form))
    data["plan_issuer"] = "UBND thành phố Hải Phòng"
    data["participants"] = [str(units.le_chan.pk), str(units.kien_an.pk)]

    response = staff_client.post(campaign_url(campaign), data)

    assert response.status_code == 302
    entry = audit.history_of(campaign).first()
    assert (entry.action, entry.actor) == ("changed", staff)
    assert entry.changes == {
        "plan_issuer": ["", "UBND thành phố Hải Phòng"],
        "participants": [[], ["Quận Kiến An", "Quận Lê Chân"]],
    }
    assert "UBND thành phố Hải Phòng" in staff_client.get(campaign_url(campaign)).text


def test_staff_add_a_campaign_with_its_focus_areas_and_key_dates(staff_client, staff, units):
    data = {
        "year": "2025",
        "title": "Tháng Khuyến học năm 2025",
        "plan_number": "",
        "plan_issuer": "",
        "starts_on": "2025-09-05",
        "ends_on": "2025-10-05",
        "theme": "",
        "lifelong_learning_theme": "",
        "focus_areas-TOTAL_FORMS": "2",
        "focus_areas-INITIAL_FORMS": "0",
        "focus_areas-0-position": "1",
        "focus_areas-0-short_title": "Tuyên truyền",
        "focus_areas-0-title": "Tuyên truyền về công tác khuyến học",
        "focus_areas-1-position": "2",
        "focus_areas-1-short_title": "Ban Chỉ đạo",
        "focus_areas-1-title": "Kiện toàn Ban Chỉ đạo xây dựng xã hội học tập",
        "key_dates-TOTAL_FORMS": "1",
        "key_dates-INITIAL_FORMS": "0",
        "key_dates-0-title": "Ngày Khuyến học Việt Nam",
        "key_dates-0-starts_on": "2025-10-02",
    }

    response = staff_client.post(reverse("admin:campaigns_campaign_add"), data)

    assert response.status_code == 302
    campaign = Campaign.objects.get(year=2025)
    assert campaign.state == CampaignState.DRAFT
    assert [area.short_title for area in campaign.focus_areas.all()] == [
        "Tuyên truyền",
        "Ban Chỉ đạo",
    ]
    assert campaign.key_dates.get().starts_on == datetime.date(2025, 10, 2)
    entry = audit.history_of(campaign).get()
    assert (entry.action, entry.actor) == ("created", staff)
    assert entry.changes["title"] == [None, "Tháng Khuyến học năm 2025"]
    assert "plan_number" not in entry.changes
