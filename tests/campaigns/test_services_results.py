"""What came of an activity, through campaigns.services: the results entered once it has begun
(corrections keep the old value in the history) and the evidence files, checked by their
content and size. Fixtures: tests/campaigns/conftest.py.
"""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from campaigns import services
from campaigns.models import ActivityState
from common import attachments as evidence
from tests.campaigns.factories import history

pytestmark = pytest.mark.usefixtures("_english")

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.7\n" + b"0" * 64


# --- results and evidence ----------------------------------------------------------------


def test_results_only_once_the_activity_has_begun(activity_in, officer_le_chan):
    activity = activity_in(ActivityState.PUBLISHED)

    with pytest.raises(ValidationError) as refused:
        services.record_results(
            activity, by=officer_le_chan, today=datetime.date(2024, 9, 14), participants=120
        )
    assert refused.value.messages == [
        "Results can be entered once the activity has begun (15/09/2024)."
    ]

    result = services.record_results(
        activity,
        by=officer_le_chan,
        today=datetime.date(2024, 9, 15),
        participants=120,
        money_raised=15_000_000,
    )
    assert (result.participants, result.money_raised, result.entered_by) == (
        120,
        15_000_000,
        officer_le_chan,
    )
    entry = history(activity)[-1]
    assert entry.action == "results_recorded"
    assert entry.changes["participants"] == [None, 120]
    assert entry.changes["money_raised"] == [None, 15_000_000]


def test_results_refused_before_publication(activity_in, officer_le_chan):
    activity = activity_in(ActivityState.SUBMITTED)

    with pytest.raises(ValidationError, match="published activities only"):
        services.record_results(
            activity, by=officer_le_chan, today=datetime.date(2024, 10, 1), participants=1
        )


def test_correcting_results_records_the_old_value(activity_in, officer_le_chan):
    activity = activity_in(ActivityState.PUBLISHED)
    day = datetime.date(2024, 9, 20)
    services.record_results(activity, by=officer_le_chan, today=day, participants=120)

    services.record_results(activity, by=officer_le_chan, today=day, participants=135)

    assert activity.result.participants == 135
    assert history(activity)[-1].changes == {"participants": [120, 135]}


def test_evidence_accepts_photos_and_pdfs_by_their_content(activity_in, officer_le_chan, media):
    activity = activity_in(ActivityState.PUBLISHED)

    photo = services.add_evidence(
        activity,
        by=officer_le_chan,
        upload=SimpleUploadedFile("le-phat-dong.png", PNG, content_type="image/png"),
        caption=" Toàn cảnh buổi lễ ",
    )
    report = services.add_evidence(
        activity,
        by=officer_le_chan,
        upload=SimpleUploadedFile("bao-cao.pdf", PDF, content_type="application/pdf"),
    )

    assert (photo.content_type, photo.caption, photo.original_name) == (
        "image/png",
        "Toàn cảnh buổi lễ",
        "le-phat-dong.png",
    )
    assert report.content_type == "application/pdf"
    assert history(activity)[-1].changes == {"evidence": [None, "bao-cao.pdf"]}


def test_evidence_refuses_a_renamed_program(activity_in, officer_le_chan, media):
    activity = activity_in(ActivityState.PUBLISHED)

    with pytest.raises(ValidationError) as refused:
        services.add_evidence(
            activity,
            by=officer_le_chan,
            upload=SimpleUploadedFile("anh.jpg", b"MZ\x90\x00" + b"\x00" * 60, "image/jpeg"),
        )

    assert refused.value.messages == ["Only photos (JPEG, PNG, WebP) and PDF files are accepted."]
    assert not activity.evidence.exists()


def test_evidence_refuses_a_file_too_large(activity_in, officer_le_chan, media, monkeypatch):
    activity = activity_in(ActivityState.PUBLISHED)
    monkeypatch.setattr(evidence, "MAX_BYTES", 2 * 1024 * 1024)

    with pytest.raises(ValidationError) as refused:
        services.add_evidence(
            activity,
            by=officer_le_chan,
            upload=SimpleUploadedFile("lon.png", PNG + b"\x00" * (3 * 1024 * 1024), "image/png"),
        )

    assert refused.value.messages == ["The file is 3.0 MB; the largest accepted is 2 MB."]
    assert not activity.evidence.exists()


def test_evidence_refuses_an_empty_file(activity_in, officer_le_chan, media):
    activity = activity_in(ActivityState.PUBLISHED)

    with pytest.raises(ValidationError, match="The file is empty"):
        services.add_evidence(
            activity, by=officer_le_chan, upload=SimpleUploadedFile("trong.png", b"")
        )


def test_evidence_waits_for_publication(activity_in, officer_le_chan, media):
    activity = activity_in(ActivityState.DRAFT)

    with pytest.raises(ValidationError, match="once the activity is published"):
        services.add_evidence(activity, by=officer_le_chan, upload=SimpleUploadedFile("a.png", PNG))


def test_evidence_of_another_district_is_refused(activity_in, officer_kien_an, media):
    activity = activity_in(ActivityState.PUBLISHED)

    with pytest.raises(PermissionDenied):
        services.add_evidence(activity, by=officer_kien_an, upload=SimpleUploadedFile("a.png", PNG))
