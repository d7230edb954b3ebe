"""An activity's page in the admin: edits that go through the services, the record's history,
no deleting of published activities, results and evidence shown read-only. Fixtures:
tests/campaigns/fixtures_admin.py.
"""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from campaigns import services
from campaigns.models import ActivityState
from common.history import audit
from tests.admin_forms import admin_post_data
from tests.campaigns import fixtures_admin
from tests.campaigns.fixtures_admin import ACTIVITIES, SEPT_15, change_url

campaign = fixtures_admin.campaign
activity = fixtures_admin.activity
submitted = fixtures_admin.submitted


# --- editing through the services, history, deleting ------------------------------------


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


def test_editing_shows_every_problem_at_once(staff_client, activity):
    item = activity(ActivityState.RETURNED)
    data = admin_post_data(staff_client.get(change_url(item)))
    data.update(title="", starts_on="2024-11-20", ends_on="2024-11-20", contact_phone="0912 345")

    page = staff_client.post(change_url(item), data)

    assert page.status_code == 200
    errors = page.context["adminform"].form.errors
    assert set(errors) == {"title", "starts_on", "ends_on", "contact_phone"}
    assert errors["starts_on"] == ["20/11/2024 is outside the campaign (05/09/2024 – 05/10/2024)."]
    item.refresh_from_db()
    assert item.starts_on == SEPT_15


def test_an_end_before_the_start_is_said_once_in_the_admin(staff_client, activity):
    item = activity(ActivityState.RETURNED)
    data = admin_post_data(staff_client.get(change_url(item)))
    data.update(starts_on="2024-09-21", ends_on="2024-09-20")

    page = staff_client.post(change_url(item), data)

    form = page.context["adminform"].form
    assert form.errors["ends_on"] == ["The end date is before the start date."]
    assert form.non_field_errors() == []


def test_a_phone_typed_in_the_admin_is_stored_in_one_form(staff_client, activity):
    item = activity(ActivityState.RETURNED)
    data = admin_post_data(staff_client.get(change_url(item)))
    data["contact_phone"] = "+84 225 3856 123"

    assert staff_client.post(change_url(item), data).status_code == 302

    item.refresh_from_db()
    assert item.contact_phone == "0225 3856 123"


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
    assert f'href="{reverse("campaigns_portal:evidence-file", args=[photo.pk])}"' in page.text
    assert "le-phat-dong.png" in page.text
    assert page.context["portal_history"][0]["changes"][0]["field"] == "Evidence file"
    assert tmp_path.name not in page.text  # no direct address of the stored file
    for inline in page.context["inline_admin_formsets"]:
        assert not inline.has_add_permission
        assert not inline.has_change_permission


def test_a_draft_shows_no_empty_results_or_evidence_sections(staff_client, activity):
    page = staff_client.get(change_url(activity(ActivityState.DRAFT)))

    assert page.context["inline_admin_formsets"] == []
