"""What came of an activity, entered in the officers' area: results (money in whole đồng,
only once the activity has begun) and evidence files, checked by their content and size and
served to the unit only. Fixtures: tests/campaigns/fixtures_portal.py.
"""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from campaigns.models import Activity, ActivityState
from tests.campaigns import fixtures_portal
from tests.campaigns.fixtures_portal import page_text

today = fixtures_portal.today
campaign = fixtures_portal.campaign
new_activity = fixtures_portal.new_activity
activity_in = fixtures_portal.activity_in

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


# --- results and evidence ---------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["1.500.000", "1500000", "1 500 000 ₫", "1,500,000"])
def test_results_accept_money_with_or_without_separators(
    officer_le_chan_client, activity_in, typed
):
    activity = activity_in(ActivityState.PUBLISHED)

    response = officer_le_chan_client.post(
        reverse("campaigns_portal:activity-results", args=[activity.pk]),
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
        reverse("campaigns_portal:activity-results", args=[activity.pk]), {"money_raised": typed}
    )

    assert "money_raised" in response.context["form"].errors
    assert not hasattr(Activity.objects.get(pk=activity.pk), "result")


def test_results_are_refused_before_the_activity_began(officer_le_chan_client, activity_in, today):
    activity = activity_in(ActivityState.PUBLISHED)
    today(datetime.date(2024, 9, 10))

    response = officer_le_chan_client.post(
        reverse("campaigns_portal:activity-results", args=[activity.pk]), {"participants": "100"}
    )

    assert response.status_code == 200
    assert "once the activity has begun (15/09/2024)" in page_text(response)
    assert not hasattr(Activity.objects.get(pk=activity.pk), "result")


def test_evidence_photo_is_added_and_served_to_the_unit(officer_le_chan_client, activity_in, media):
    activity = activity_in(ActivityState.PUBLISHED)

    officer_le_chan_client.post(
        reverse("campaigns_portal:activity-evidence", args=[activity.pk]),
        {"file": SimpleUploadedFile("trao-hoc-bong.png", PNG, "image/png"), "caption": "Trao quà"},
    )
    item = activity.evidence.get()
    served = officer_le_chan_client.get(reverse("campaigns_portal:evidence-file", args=[item.pk]))
    download = officer_le_chan_client.get(
        reverse("campaigns_portal:evidence-file", args=[item.pk]) + "?download=1"
    )

    assert (item.content_type, item.caption) == ("image/png", "Trao quà")
    assert served.status_code == 200
    assert served["Content-Type"] == "image/png"
    assert served["Content-Disposition"].startswith("inline")
    assert "sandbox" in served["Content-Security-Policy"]
    assert b"".join(served.streaming_content) == PNG
    assert download["Content-Disposition"] == 'attachment; filename="trao-hoc-bong.png"'
    assert "/media/" not in page_text(
        officer_le_chan_client.get(reverse("campaigns_portal:activity", args=[activity.pk]))
    )


def test_evidence_program_renamed_as_png_is_refused(officer_le_chan_client, activity_in, media):
    activity = activity_in(ActivityState.PUBLISHED)

    response = officer_le_chan_client.post(
        reverse("campaigns_portal:activity-evidence", args=[activity.pk]),
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
        reverse("campaigns_portal:activity-evidence", args=[activity.pk]),
        {"file": SimpleUploadedFile("lon.png", big, "image/png")},
    )

    assert response.status_code == 200
    assert "the largest accepted is 10 MB" in page_text(response)
    assert not activity.evidence.exists()


def test_evidence_named_html_but_really_a_png_is_stored_and_served_as_png(
    officer_le_chan_client, activity_in, media
):
    activity = activity_in(ActivityState.PUBLISHED)

    officer_le_chan_client.post(
        reverse("campaigns_portal:activity-evidence", args=[activity.pk]),
        {"file": SimpleUploadedFile("x.html", PNG, "text/html")},
    )
    item = activity.evidence.get()
    url = reverse("campaigns_portal:evidence-file", args=[item.pk])
    served = officer_le_chan_client.get(url)
    download = officer_le_chan_client.get(url + "?download=1")

    assert item.file.name.endswith(".png")
    assert ".html" not in item.file.name
    assert served["Content-Type"] == "image/png"
    assert served["X-Content-Type-Options"] == "nosniff"
    assert served["Content-Disposition"] == 'inline; filename="x.png"'
    assert download["Content-Disposition"] == 'attachment; filename="x.png"'
    assert item.original_name == "x.html"  # what the unit called it, shown in the list
