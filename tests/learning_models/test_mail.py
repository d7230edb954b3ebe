"""Mail after a dossier's moves: the reviewers who may appraise it hear of a submission,
the unit's people of a return (with its reason), a recognition and a refusal. Nobody else,
and nothing while the move is still undone."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from learning_models import services
from learning_models.states import Title
from organizations.models import Role

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media", "english")]

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
PDF = b"%PDF-1.4\n" + b"0" * 64


def at(month, day):
    return datetime.datetime(2025, month, day, 9, tzinfo=HCM)


@pytest.fixture
def people(units, make_person, officer_le_chan, officer_kien_an, reviewer, staff):
    return {
        "le_chan_reviewer": make_person("rv_le_chan", Role.REVIEWER, units.le_chan),
        "kien_an_reviewer": make_person("rv_kien_an", Role.REVIEWER, units.kien_an),
        "ward_officer": make_person("officer_an_bien", Role.OFFICER, units.an_bien),
    }


@pytest.fixture
def submitted(units, officer_le_chan, people, mailoutbox, django_capture_on_commit_callbacks):
    services.load_catalogue()
    dossier = services.register(
        unit=units.an_bien,
        title=Title.COMMUNITY_COMMUNE,
        level=1,
        year=2024,
        by=officer_le_chan,
        on=datetime.date(2025, 1, 10),
    )
    entries = {
        row.indicator_id: (str(row.indicator.threshold or 1), "")
        for row in dossier.values.select_related("indicator")
    }
    services.save_self_assessment(dossier, entries=entries, by=officer_le_chan)
    for kind, name in (("self_report", "bao-cao.pdf"), ("cover_letter", "to-trinh.pdf")):
        upload = SimpleUploadedFile(name, PDF, content_type="application/pdf")
        services.attach_file(dossier, kind=kind, upload=upload, by=officer_le_chan)
    services.make_move(dossier, name="self_assess", by=officer_le_chan, at=at(2, 1))
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.make_move(dossier, name="submit", by=officer_le_chan, at=at(2, 2))
    return dossier


def test_a_submission_is_mailed_to_those_who_may_appraise_it(submitted, mailoutbox, people):
    [mail] = mailoutbox
    # The association's reviewer and staff, and Lê Chân's; not Kiến An's, not the officers.
    assert sorted(mail.to) == sorted(
        ["reviewer@example.com", "staff@example.com", "rv_le_chan@example.com"]
    )
    assert "Phường An Biên" in mail.subject
    assert f"/portal/learning-models/{submitted.pk}/" in mail.body


def test_a_return_tells_the_unit_why(
    submitted, mailoutbox, reviewer, django_capture_on_commit_callbacks
):
    services.make_move(submitted, name="start_appraisal", by=reviewer, at=at(2, 3))
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.make_move(
            submitted,
            name="return",
            by=reviewer,
            reason="Thiếu biên bản họp tổ đánh giá.",
            at=at(2, 4),
        )
    [mail] = mailoutbox
    assert sorted(mail.to) == ["officer_an_bien@example.com", "officer_le_chan@example.com"]
    assert "Thiếu biên bản họp tổ đánh giá." in mail.body


def test_the_decision_is_mailed_to_the_unit_once_it_is_recorded(
    submitted, mailoutbox, reviewer, django_capture_on_commit_callbacks
):
    services.make_move(submitted, name="start_appraisal", by=reviewer, at=at(2, 3))
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.recognise(
            submitted,
            by=reviewer,
            decision_number="7/QĐ-PGDĐT",
            decision_date=datetime.date(2025, 3, 1),
            signed_by="Trưởng phòng",
        )
        assert mailoutbox == []  # nothing before the commit
    assert len(callbacks) == 1
    [mail] = mailoutbox
    assert mail.subject.startswith("Đã được công nhận: Phường An Biên")  # mail is in Vietnamese
    assert "officer_kien_an@example.com" not in mail.to


def test_the_demo_path_sends_nothing(
    submitted, mailoutbox, reviewer, django_capture_on_commit_callbacks
):
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.make_move(submitted, name="start_appraisal", by=reviewer, at=at(2, 3))
        services.make_move(
            submitted, name="refuse", by=reviewer, reason="Không đạt.", at=at(2, 5), notify=False
        )
    assert mailoutbox == []
