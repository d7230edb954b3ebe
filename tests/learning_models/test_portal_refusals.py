"""What the dossier pages refuse, and say so beside the field: a bad number, a value an
indicator does not take, a bad appraised value or decision, a file that is no photo or PDF,
a submission without its report, a return or a refusal without reasons; and a late filing
that staff allow with a reason. Each refusal changes nothing.

The day is 15/03/2025 (tests/learning_models/portal_world.py)."""

import pytest

from common.models import HistoryEntry
from learning_models import services
from learning_models.models import DossierFile, IndicatorValue, Recognition
from learning_models.states import DossierState, IndicatorKind
from tests.learning_models import portal_world as world
from tests.learning_models.portal_world import (
    dossier_url,
    every_value,
    messages_of,
    self_assessment_post,
    text_of,
)

pytestmark = pytest.mark.usefixtures("media", "portal_day")


# --- bad values -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("abc", "write a number"),
        ("1e999", "at most 100%"),
        ("-5", "cannot be negative"),
        ("101", "at most 100%"),
        ("NaN", "write a number"),
        ("9" * 40, "at most 30 characters"),
    ],
)
def test_a_bad_number_is_refused_beside_its_indicator_and_nothing_changes(
    units, officer_le_chan, officer_le_chan_client, typed, said
):
    dossier = world.register(units.an_bien, officer_le_chan)
    literacy = next(i for i in world.indicators_of(dossier) if i.kind == IndicatorKind.THRESHOLD)
    values = every_value(dossier)
    values[literacy.code] = typed
    before = HistoryEntry.objects.count()
    response = officer_le_chan_client.post(
        dossier_url(dossier, "dossier-self-assessment"), self_assessment_post(dossier, values)
    )
    assert response.status_code == 200
    errors = response.context["self_form"].errors[f"value_{literacy.pk}"]
    assert any(said in error for error in errors), errors
    assert "Nothing was saved" in text_of(response)
    assert not IndicatorValue.objects.filter(dossier=dossier, value__isnull=False).exists()
    assert HistoryEntry.objects.count() == before


def test_a_met_indicator_takes_only_met_or_not_met(units, officer_le_chan, officer_le_chan_client):
    dossier = world.register(units.an_bien, officer_le_chan)
    first = world.indicators_of(dossier)[0]
    values = every_value(dossier)
    values[first.code] = "0,5"
    response = officer_le_chan_client.post(
        dossier_url(dossier, "dossier-self-assessment"), self_assessment_post(dossier, values)
    )
    assert response.status_code == 200
    assert response.context["self_form"].errors[f"value_{first.pk}"]
    assert not IndicatorValue.objects.filter(dossier=dossier, value__isnull=False).exists()


@pytest.mark.parametrize("typed", ["abc", "1e999", "-5", "101"])
def test_a_bad_appraised_number_is_refused_and_nothing_changes(
    units, officer_le_chan, le_chan_reviewer, client_for, typed
):
    dossier = world.bring_to(
        world.register(units.an_bien, officer_le_chan),
        "under_appraisal",
        officer=officer_le_chan,
        reviewer=le_chan_reviewer,
    )
    literacy = next(i for i in world.indicators_of(dossier) if i.kind == IndicatorKind.THRESHOLD)
    kept = IndicatorValue.objects.get(dossier=dossier, indicator=literacy).appraised_value
    values = every_value(dossier)
    values[literacy.code] = typed
    data = dict(self_assessment_post(dossier, values).items())
    response = client_for(le_chan_reviewer).post(dossier_url(dossier, "dossier-appraisal"), data)
    assert response.status_code == 200
    assert response.context["appraisal_form"].errors[f"value_{literacy.pk}"]
    assert IndicatorValue.objects.get(dossier=dossier, indicator=literacy).appraised_value == kept


@pytest.mark.parametrize(
    ("field", "typed"),
    [
        ("decision_date", "31/02/2025"),
        ("decision_date", "2025-03-10"),
        ("valid_until", "abc"),
        ("decision_date", "16/03/2025"),
        ("decision_number", ""),
    ],
)
def test_a_bad_decision_is_refused_on_the_form_and_nothing_changes(
    units, officer_le_chan, le_chan_reviewer, client_for, field, typed
):
    dossier = world.bring_to(
        world.register(units.an_bien, officer_le_chan),
        "under_appraisal",
        officer=officer_le_chan,
        reviewer=le_chan_reviewer,
    )
    data = {
        "decision_number": "45/QĐ-PGDĐT",
        "decision_date": "10/03/2025",
        "signed_by": "Trần Văn Hùng",
        "authority": "",
        "valid_until": "31/12/2028",
        field: typed,
    }
    response = client_for(le_chan_reviewer).post(dossier_url(dossier, "dossier-decision"), data)
    assert response.status_code == 200
    assert response.context["decision_form"].errors
    assert not Recognition.objects.exists()
    dossier.refresh_from_db()
    assert dossier.state == DossierState.UNDER_APPRAISAL


def test_a_file_that_is_no_photo_or_pdf_is_refused(units, officer_le_chan, officer_le_chan_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    dossier = world.register(units.an_bien, officer_le_chan)
    response = officer_le_chan_client.post(
        dossier_url(dossier, "dossier-attach"),
        {"kind": "self_report", "file": SimpleUploadedFile("bao-cao.pdf", b"<html>hi</html>")},
    )
    assert response.status_code == 200
    assert "Only photos" in text_of(response)
    assert not DossierFile.objects.exists()


def test_submitting_without_the_report_says_what_is_missing(
    units, officer_le_chan, officer_le_chan_client
):
    dossier = world.register(units.an_bien, officer_le_chan)
    entries = {i.pk: (world.passing_value(i), "") for i in world.indicators_of(dossier)}
    services.save_self_assessment(dossier, entries=entries, by=officer_le_chan)
    services.make_move(dossier, name="self_assess", by=officer_le_chan)
    response = officer_le_chan_client.post(
        dossier_url(dossier, "dossier-move", "submit"), follow=True
    )
    assert any("Attach the" in message for message in messages_of(response))
    dossier.refresh_from_db()
    assert dossier.state == DossierState.SELF_ASSESSED


def test_return_needs_a_reason_and_then_returns(
    submitted_an_bien, le_chan_reviewer, client_for, officer_le_chan_client
):
    reviewer = client_for(le_chan_reviewer)
    url = dossier_url(submitted_an_bien, "dossier-move", "return")
    response = reviewer.post(url, {"return-reason": "  "})
    assert response.status_code == 200
    assert response.context["return_form"].errors
    submitted_an_bien.refresh_from_db()
    assert submitted_an_bien.state == DossierState.SUBMITTED

    reviewer.post(url, {"return-reason": "Thiếu biên bản họp tổ đánh giá."})
    submitted_an_bien.refresh_from_db()
    assert submitted_an_bien.state == DossierState.RETURNED
    page = officer_le_chan_client.get(dossier_url(submitted_an_bien))
    assert "Thiếu biên bản họp tổ đánh giá." in text_of(page)
    assert [m.name for m in page.context["buttons"]] == ["resubmit"]


def test_not_recognising_records_the_reasons(units, officer_le_chan, le_chan_reviewer, client_for):
    dossier = world.bring_to(
        world.register(units.an_bien, officer_le_chan),
        "under_appraisal",
        officer=officer_le_chan,
        reviewer=le_chan_reviewer,
    )
    client_for(le_chan_reviewer).post(
        dossier_url(dossier, "dossier-move", "refuse"),
        {"refuse-reason": "Số liệu phổ cập chưa được xác nhận."},
    )
    dossier.refresh_from_db()
    assert dossier.state == DossierState.NOT_RECOGNISED
    assert dossier.decision_reason == "Số liệu phổ cập chưa được xác nhận."


# --- late filing ------------------------------------------------------------------------


def test_staff_allow_a_late_filing_with_a_reason_and_the_unit_submits(
    units, officer_le_chan, officer_le_chan_client, staff_client
):
    dossier = world.bring_to(
        world.register(units.an_bien, officer_le_chan, year=2024),
        "self_assessed",
        officer=officer_le_chan,
    )
    response = officer_le_chan_client.post(
        dossier_url(dossier, "dossier-move", "submit"), follow=True
    )
    assert any("28/02/2025" in message for message in messages_of(response))
    assert officer_le_chan_client.get(dossier_url(dossier)).context["late_form"] is None
    assert (
        officer_le_chan_client.post(
            dossier_url(dossier, "dossier-late-filing"), {"late-reason": "x"}
        ).status_code
        == 403
    )

    page = staff_client.get(dossier_url(dossier))
    assert page.context["late_form"] is not None
    response = staff_client.post(dossier_url(dossier, "dossier-late-filing"), {"late-reason": ""})
    assert response.status_code == 200
    assert response.context["late_form"].errors
    staff_client.post(
        dossier_url(dossier, "dossier-late-filing"),
        {"late-reason": "Phường bị ảnh hưởng bởi bão số 3."},
    )
    dossier.refresh_from_db()
    assert dossier.late_filing_reason == "Phường bị ảnh hưởng bởi bão số 3."

    officer_le_chan_client.post(dossier_url(dossier, "dossier-move", "submit"))
    dossier.refresh_from_db()
    assert dossier.state == DossierState.SUBMITTED
