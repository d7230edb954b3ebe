"""Learning-model dossiers through their services: a TT25 commune dossier from registration
to recognition, a TT24 unit dossier returned, resubmitted and refused, the level-2 rule of
12 months, and criteria versions that never change under an assessed dossier.

Each walk checks the result the portal computes against the indicators entered: nobody
types a result in.
"""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from common.models import HistoryEntry
from learning_models import services
from learning_models.models import Indicator, Recognition
from learning_models.states import DossierState, Title
from learning_models.workflows import DOSSIER
from tests.learning_models.steps import at, by_code, file_dossier, pdf, values_for

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media", "english")]


def test_a_tt25_commune_dossier_from_registration_to_recognition(
    catalogue, units, officer_le_chan, reviewer_of
):
    reviewer = reviewer_of(units.le_chan)
    dossier = services.register(
        unit=units.an_bien,
        title=Title.COMMUNITY_COMMUNE,
        level=1,
        year=2024,
        by=officer_le_chan,
        on=datetime.date(2025, 1, 10),
        at=at(2025, 1, 10),
    )
    assert dossier.criteria_set.code == "tt25-commune-1"
    assert dossier.criteria_set.legal_text == "25/2023/TT-BGDĐT"
    assert dossier.values.count() == 14  # five criteria, fourteen indicators
    assert dossier.filing_deadline == datetime.date(2025, 2, 28)

    services.set_team(
        dossier, team="Nguyễn Văn A, Chủ tịch UBND phường, tổ trưởng", by=officer_le_chan
    )
    outcome = services.save_self_assessment(
        dossier,
        entries=values_for(dossier, {"4.3": "98,5", "5.1": "75", "5.2": "66"}),
        by=officer_le_chan,
    )
    assert outcome.complete
    assert outcome.passed is True
    first_indicator = Indicator.objects.get(
        criterion__criteria_set=dossier.criteria_set, criterion__number=4, number=3
    )
    services.attach_file(
        dossier,
        kind="evidence",
        upload=pdf("pho-cap.pdf"),
        by=officer_le_chan,
        indicator=first_indicator,
    )
    file_dossier(dossier, officer_le_chan)

    services.make_move(dossier, name="self_assess", by=officer_le_chan, at=at(2025, 2, 10))
    services.make_move(dossier, name="submit", by=officer_le_chan, at=at(2025, 2, 20))
    dossier.refresh_from_db()
    assert dossier.state == DossierState.SUBMITTED
    assert dossier.self_result is True
    assert dossier.values.get(indicator=first_indicator).value == Decimal("98.50")

    # The district's reviewer appraises: agrees with all but one value, which it corrects.
    assert [m.name for m in DOSSIER.moves_for(dossier, reviewer)] == ["start_appraisal", "return"]
    services.make_move(dossier, name="start_appraisal", by=reviewer, at=at(2025, 3, 1))
    outcome = services.save_appraisal(
        dossier, entries=by_code(dossier, c5_1=("71", "Biên bản kiểm tra: 71%")), by=reviewer
    )
    assert outcome.passed is True  # 71% is still at least the 70% of indicator 5.1
    recognition = services.recognise(
        dossier,
        by=reviewer,
        decision_number="125/QĐ-PGDĐT",
        decision_date=datetime.date(2025, 3, 25),
        signed_by="Trưởng phòng Giáo dục và Đào tạo quận Lê Chân",
        at=at(2025, 3, 25),
    )
    dossier.refresh_from_db()
    assert dossier.state == DossierState.RECOGNISED
    assert dossier.appraised_result is True
    assert recognition.unit == units.an_bien
    assert recognition.authority == "Trưởng phòng Giáo dục và Đào tạo cấp huyện"
    assert recognition.valid_until == datetime.date(2027, 12, 31)  # 36 months after 2024
    corrected = dossier.values.get(indicator__criterion__number=5, indicator__number=1)
    assert (corrected.value, corrected.appraised_value) == (Decimal("75.00"), Decimal("71.00"))
    actions = list(
        HistoryEntry.objects.for_object(dossier).order_by("pk").values_list("action", flat=True)
    )
    assert actions[0] == "registered"
    assert actions[-3:] == ["appraisal_started", "appraisal_saved", "recognised"]
    assert actions.index("self_assessed") < actions.index("submitted")


def test_a_tt24_unit_dossier_returned_resubmitted_and_refused(
    catalogue, units, officer_department, reviewer
):
    dossier = services.register(
        unit=units.department,
        title=Title.LEARNING_UNIT,
        level=1,
        year=2024,
        by=officer_department,
        on=datetime.date(2025, 1, 3),
    )
    assert dossier.criteria_set.code == "tt24-unit-1"
    assert dossier.filing_deadline == datetime.date(2025, 1, 15)
    # 85% of members trained is under the 90% of indicator 2.1: the computed result is "not met".
    outcome = services.save_self_assessment(
        dossier, entries=values_for(dossier, {"2.1": "85"}), by=officer_department
    )
    assert outcome.passed is False
    assert [c.met for c in outcome.criteria] == [True, False, True]
    file_dossier(dossier, officer_department)
    services.make_move(dossier, name="self_assess", by=officer_department, at=at(2025, 1, 6))
    services.make_move(dossier, name="submit", by=officer_department, at=at(2025, 1, 7))
    dossier.refresh_from_db()
    assert dossier.self_result is False

    services.make_move(dossier, name="start_appraisal", by=reviewer, at=at(2025, 1, 8))
    with pytest.raises(ValidationError) as refused:
        services.make_move(dossier, name="return", by=reviewer, at=at(2025, 1, 8))
    assert "reason" in refused.value.message_dict
    services.make_move(
        dossier,
        name="return",
        by=reviewer,
        reason="Bổ sung danh sách bồi dưỡng 2024.",
        at=at(2025, 1, 8),
    )
    dossier.refresh_from_db()
    assert dossier.state == DossierState.RETURNED

    outcome = services.save_self_assessment(
        dossier,
        entries=by_code(dossier, c2_1=("92", "Theo danh sách bổ sung")),
        by=officer_department,
    )
    assert outcome.passed is True
    services.make_move(dossier, name="resubmit", by=officer_department, at=at(2025, 1, 13))
    dossier.refresh_from_db()
    assert (dossier.state, dossier.self_result, dossier.appraised_result) == (
        DossierState.RESUBMITTED,
        True,
        None,
    )

    services.make_move(dossier, name="start_appraisal", by=reviewer, at=at(2025, 1, 20))
    outcome = services.save_appraisal(
        dossier, entries=by_code(dossier, c2_1=("88", "Chỉ 88% có chứng chỉ")), by=reviewer
    )
    assert outcome.passed is False
    with pytest.raises(ValidationError, match="cannot be recognised"):
        services.recognise(
            dossier,
            by=reviewer,
            decision_number="1/QĐ",
            decision_date=datetime.date(2025, 2, 1),
            signed_by="Chủ tịch UBND",
        )
    assert not Recognition.objects.exists()
    with pytest.raises(ValidationError):
        services.make_move(dossier, name="refuse", by=reviewer)  # no reasons given
    services.make_move(
        dossier,
        name="refuse",
        by=reviewer,
        reason="Chỉ tiêu 2.1 không đạt (88% < 90%).",
        at=at(2025, 1, 30),
    )
    dossier.refresh_from_db()
    assert dossier.state == DossierState.NOT_RECOGNISED
    assert (dossier.self_result, dossier.appraised_result) == (True, False)
    assert dossier.decision_reason == "Chỉ tiêu 2.1 không đạt (88% < 90%)."
    assert not DOSSIER.moves_for(dossier, reviewer)


def test_submitting_after_the_deadline_needs_staff_to_allow_it(
    catalogue, units, officer_department, staff
):
    dossier = services.register(
        unit=units.department,
        title=Title.LEARNING_UNIT,
        level=1,
        year=2024,
        by=officer_department,
        on=datetime.date(2025, 1, 3),
    )
    services.save_self_assessment(dossier, entries=values_for(dossier), by=officer_department)
    file_dossier(dossier, officer_department)
    services.make_move(dossier, name="self_assess", by=officer_department)
    with translation.override("vi"), pytest.raises(ValidationError, match="15/01/2025"):
        services.make_move(dossier, name="submit", by=officer_department, at=at(2025, 1, 16))
    dossier.refresh_from_db()
    assert dossier.state == DossierState.SELF_ASSESSED
    with pytest.raises(PermissionDenied):
        services.allow_late_filing(dossier, by=officer_department, reason="Xin nộp muộn")
    with pytest.raises(ValidationError):
        services.allow_late_filing(dossier, by=staff, reason="  ")
    services.allow_late_filing(dossier, by=staff, reason="Công văn 12/HKH: gia hạn do bão số 3")
    services.make_move(dossier, name="submit", by=officer_department, at=at(2025, 1, 16))
    dossier.refresh_from_db()
    assert dossier.state == DossierState.SUBMITTED
    entry = HistoryEntry.objects.for_object(dossier).get(action="late_filing_allowed")
    assert (entry.actor, entry.reason) == (staff, "Công văn 12/HKH: gia hạn do bão số 3")


def test_officers_act_only_on_their_units_dossiers(
    catalogue, units, officer_le_chan, officer_kien_an, reviewer_of
):
    with pytest.raises(PermissionDenied):
        services.register(
            unit=units.an_bien,
            title=Title.COMMUNITY_COMMUNE,
            level=1,
            year=2024,
            by=officer_kien_an,
            on=datetime.date(2025, 1, 10),
        )
    dossier = services.register(
        unit=units.an_bien,
        title=Title.COMMUNITY_COMMUNE,
        level=1,
        year=2024,
        by=officer_le_chan,
        on=datetime.date(2025, 1, 10),
    )
    with pytest.raises(PermissionDenied):
        services.save_self_assessment(dossier, entries=values_for(dossier), by=officer_kien_an)
    with pytest.raises(PermissionDenied):
        services.attach_file(dossier, kind="self_report", upload=pdf("x.pdf"), by=officer_kien_an)
    with pytest.raises(PermissionDenied):
        services.set_team(dossier, team="x", by=officer_kien_an)
    assert DOSSIER.moves_for(dossier, officer_kien_an) == ()
    dossier.refresh_from_db()
    assert dossier.values.filter(value__isnull=False).count() == 0
    assert not dossier.files.exists()


def test_a_district_reviewer_appraises_the_units_under_it_only(
    catalogue, units, officer_le_chan, reviewer_of
):
    le_chan_reviewer, kien_an_reviewer = reviewer_of(units.le_chan), reviewer_of(units.kien_an)
    ward = services.register(
        unit=units.an_bien,
        title=Title.COMMUNITY_COMMUNE,
        level=1,
        year=2025,
        by=officer_le_chan,
        on=datetime.date(2025, 6, 1),
    )
    district = services.register(
        unit=units.le_chan,
        title=Title.COMMUNITY_DISTRICT,
        level=1,
        year=2024,
        by=officer_le_chan,
        on=datetime.date(2025, 3, 1),
    )
    for dossier in (ward, district):
        services.save_self_assessment(dossier, entries=values_for(dossier), by=officer_le_chan)
        file_dossier(dossier, officer_le_chan)
        services.make_move(
            dossier,
            name="self_assess",
            by=officer_le_chan,
            at=at(2025, 6, 2) if dossier is ward else at(2025, 3, 2),
        )
        services.make_move(
            dossier,
            name="submit",
            by=officer_le_chan,
            at=at(2025, 6, 3) if dossier is ward else at(2025, 3, 3),
        )
    with pytest.raises(PermissionDenied):
        services.make_move(ward, name="start_appraisal", by=kien_an_reviewer)
    with pytest.raises(PermissionDenied):
        services.make_move(district, name="start_appraisal", by=le_chan_reviewer)  # its own unit
    with pytest.raises(PermissionDenied):
        services.make_move(
            ward, name="start_appraisal", by=officer_le_chan
        )  # officers do not appraise
    services.make_move(ward, name="start_appraisal", by=le_chan_reviewer)
    with pytest.raises(PermissionDenied):
        services.save_appraisal(ward, entries={}, by=kien_an_reviewer)
    ward.refresh_from_db()
    assert ward.state == DossierState.UNDER_APPRAISAL
