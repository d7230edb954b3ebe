"""An officer of one district cannot see another district's drafts or change its activities
in the officers' area: not through the list, not through a guessed URL.

The persona is the officer of Quận Kiến An, trying the activities of Quận Lê Chân.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from campaigns import services
from campaigns.models import Activity, ActivityKind, ActivityState
from common.history import audit
from tests.campaigns.factories import bring_to, enter_activity, freeze_today, make_campaign

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    freeze_today(monkeypatch)


@pytest.fixture
def campaign(db):
    """The 2024 campaign with one focus area, the one every activity here is under."""
    return make_campaign(focus_areas=(1,))


@pytest.fixture
def le_chan_activities(campaign, officer_le_chan, staff, settings, tmp_path):
    """A draft, a submitted and a published activity of Lê Chân (the last with a photo)."""
    settings.MEDIA_ROOT = tmp_path

    def make(title, state):
        activity = enter_activity(campaign, by=officer_le_chan, title=title)
        return bring_to(activity, state, officer=officer_le_chan, staff=staff)

    draft = make("Bản nháp của quận Lê Chân", ActivityState.DRAFT)
    submitted = make("Chờ duyệt của quận Lê Chân", ActivityState.SUBMITTED)
    published = make("Đã công bố của quận Lê Chân", ActivityState.PUBLISHED)
    photo = services.add_evidence(
        published,
        by=officer_le_chan,
        upload=SimpleUploadedFile("anh.png", PNG, "image/png"),
    )
    return {"draft": draft, "submitted": submitted, "published": published, "photo": photo}


def test_list_of_kien_an_does_not_show_le_chans_activities(
    officer_kien_an_client, le_chan_activities
):
    response = officer_kien_an_client.get(
        reverse("campaigns_portal:activities"), {"campaign": "all"}
    )

    assert list(response.context["activities"]) == []
    assert "quận Lê Chân" not in response.content.decode()


def test_dashboard_of_kien_an_does_not_show_le_chans_drafts(
    officer_kien_an_client, le_chan_activities
):
    response = officer_kien_an_client.get(reverse("portal:dashboard"))

    assert "Bản nháp của quận Lê Chân" not in response.content.decode()
    assert all(item["count"] == 0 for item in response.context["counts"])


def test_kien_an_cannot_filter_the_list_by_a_le_chan_unit(
    officer_kien_an_client, le_chan_activities, units
):
    response = officer_kien_an_client.get(
        reverse("campaigns_portal:activities"), {"unit": units.le_chan.pk, "campaign": "all"}
    )

    assert list(response.context["activities"]) == []


@pytest.mark.parametrize("which", ["draft", "submitted", "published"])
@pytest.mark.parametrize(
    ("name", "method", "data"),
    [
        ("campaigns_portal:activity", "get", None),
        ("campaigns_portal:activity-edit", "get", None),
        ("campaigns_portal:activity-edit", "post", {"title": "Đổi tên"}),
        ("campaigns_portal:activity-submit", "post", {}),
        ("campaigns_portal:activity-cancel", "get", None),
        ("campaigns_portal:activity-cancel", "post", {"reason": "Không tổ chức"}),
        ("campaigns_portal:activity-results", "get", None),
        ("campaigns_portal:activity-results", "post", {"participants": "5"}),
        ("campaigns_portal:activity-evidence", "get", None),
        ("campaigns_portal:activity-evidence", "post", {"caption": "x"}),
    ],
)
def test_kien_an_gets_403_on_every_le_chan_activity_url(
    officer_kien_an_client, le_chan_activities, which, name, method, data
):
    activity = le_chan_activities[which]
    before = audit.history_of(activity).count()

    response = getattr(officer_kien_an_client, method)(
        reverse(name, args=[activity.pk]), data or {}
    )

    assert response.status_code == 403
    assert activity.title not in response.content.decode()
    after = Activity.objects.get(pk=activity.pk)
    assert (after.state, after.title) == (activity.state, activity.title)
    assert audit.history_of(activity).count() == before


def test_kien_an_cannot_download_le_chans_evidence(officer_kien_an_client, le_chan_activities):
    photo = le_chan_activities["photo"]

    response = officer_kien_an_client.get(
        reverse("campaigns_portal:evidence-file", args=[photo.pk])
    )

    assert response.status_code == 403
    assert not getattr(response, "streaming", False)


def test_evidence_is_served_to_the_association_but_not_to_the_public(
    staff_client, anonymous_client, le_chan_activities
):
    photo = le_chan_activities["photo"]
    url = reverse("campaigns_portal:evidence-file", args=[photo.pk])

    assert staff_client.get(url).status_code == 200
    assert anonymous_client.get(url).status_code == 302
    assert anonymous_client.get(f"/media/{photo.file.name}").status_code == 404


def test_unknown_activity_is_404_not_403(officer_kien_an_client, le_chan_activities):
    missing = Activity.objects.order_by("-pk").first().pk + 100

    response = officer_kien_an_client.get(reverse("campaigns_portal:activity", args=[missing]))

    assert response.status_code == 404


def test_a_reviewer_may_look_but_not_change(reviewer_client, le_chan_activities):
    draft = le_chan_activities["draft"]

    page = reviewer_client.get(reverse("campaigns_portal:activity", args=[draft.pk]))
    edit = reviewer_client.get(reverse("campaigns_portal:activity-edit", args=[draft.pk]))
    submit = reviewer_client.post(reverse("campaigns_portal:activity-submit", args=[draft.pk]))

    assert page.status_code == 200
    assert not any(page.context["actions"].values())
    assert (edit.status_code, submit.status_code) == (403, 403)
    draft.refresh_from_db()
    assert draft.state == ActivityState.DRAFT


def test_kien_an_cannot_create_an_activity_for_le_chan(officer_kien_an_client, campaign, units):
    response = officer_kien_an_client.post(
        reverse("campaigns_portal:activity-new"),
        {
            "title": "Hoạt động giả mạo",
            "kind": ActivityKind.OTHER.value,
            "focus_area": campaign.focus_areas.get().pk,
            "organizer": units.le_chan.pk,
            "starts_on": "2024-09-15",
            "is_public": "on",
        },
    )

    assert response.status_code == 200
    assert "organizer" in response.context["form"].errors
    assert not Activity.objects.filter(title="Hoạt động giả mạo").exists()
