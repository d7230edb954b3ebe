"""Learning-model dossiers through their services: a TT25 commune dossier from registration
to recognition, a TT24 unit dossier returned, resubmitted and refused, the level-2 rule of
12 months, and criteria versions that never change under an assessed dossier.

Each walk checks the result the portal computes against the indicators entered: nobody
types a result in.
"""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from common.models import HistoryEntry
from learning_models import services
from learning_models.models import CriteriaSet, Dossier, Indicator, Recognition
from learning_models.models.catalogue import PublishedIsFinal
from learning_models.states import DossierState, SetState, Title
from learning_models.workflows import DOSSIER
from organizations.models import Role

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media", "english")]

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
PDF = b"%PDF-1.4\n" + b"0" * 64


def at(year, month, day, hour=9):
    return datetime.datetime(year, month, day, hour, tzinfo=HCM)


def pdf(name):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


@pytest.fixture
def catalogue(db):
    return services.load_catalogue()


@pytest.fixture
def reviewer_of(units, make_person):
    """reviewer_of(unit): a reviewer named in `unit` (a district's education office)."""

    def make(unit):
        return make_person(
            f"reviewer_{unit.code}", Role.REVIEWER, unit, full_name=f"Thẩm định viên {unit.name}"
        )

    return make


def values_for(dossier, overrides=None):
    """Every indicator of the dossier's set: met (1) for the "met" ones, the threshold
    itself for the others, and `overrides` by code ("2.1": "85")."""
    overrides = overrides or {}
    entries = {}
    for row in dossier.values.select_related("indicator__criterion"):
        indicator = row.indicator
        default = indicator.threshold if indicator.threshold is not None else 1
        entries[indicator.pk] = (overrides.get(indicator.code, str(default)), "")
    return entries


def by_code(dossier, **codes):
    """{indicator id: (value, note)} for the given codes ("c4_3": "98")."""
    rows = {
        row.indicator.code: row for row in dossier.values.select_related("indicator__criterion")
    }
    return {rows[code[1:].replace("_", ".")].indicator_id: value for code, value in codes.items()}


def file_dossier(dossier, by):
    services.attach_file(dossier, kind="self_report", upload=pdf("bao-cao-tu-danh-gia.pdf"), by=by)
    services.attach_file(dossier, kind="cover_letter", upload=pdf("to-trinh.pdf"), by=by)


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


def test_one_dossier_per_unit_title_and_year(catalogue, units, officer_le_chan):
    services.register(
        unit=units.an_bien,
        title=Title.COMMUNITY_COMMUNE,
        level=1,
        year=2024,
        by=officer_le_chan,
        on=datetime.date(2025, 1, 2),
    )
    with pytest.raises(ValidationError, match="already has a dossier"):
        services.register(
            unit=units.an_bien,
            title=Title.COMMUNITY_COMMUNE,
            level=2,
            year=2024,
            by=officer_le_chan,
            on=datetime.date(2025, 1, 2),
        )


def test_a_title_fits_its_kind_of_unit(catalogue, units, officer_le_chan):
    with pytest.raises(ValidationError, match="cannot be recognised as"):
        services.register(
            unit=units.an_bien,
            title=Title.LEARNING_UNIT,
            level=1,
            year=2024,
            by=officer_le_chan,
            on=datetime.date(2025, 1, 2),
        )
    with pytest.raises(ValidationError, match="in bulk"):
        services.register(
            unit=units.an_bien,
            title=Title.FAMILY,
            level=1,
            year=2024,
            by=officer_le_chan,
            on=datetime.date(2025, 1, 2),
        )


def _level_one(unit, decided):
    """A level-1 recognition decided on `decided` (arranged directly: the test is about
    what follows it)."""
    return Recognition.objects.create(
        unit=unit,
        title=Title.COMMUNITY_COMMUNE,
        level=1,
        year=decided.year - 1,
        decision_number="88/QĐ-PGDĐT",
        decision_date=decided,
        signed_by="Trưởng phòng",
        authority="Phòng Giáo dục và Đào tạo",
        valid_until=datetime.date(decided.year + 2, 12, 31),
    )


def test_level_two_no_sooner_than_twelve_months_after_level_one(catalogue, units, officer_le_chan):
    _level_one(units.an_bien, datetime.date(2024, 3, 20))
    eleven_months = datetime.date(2025, 2, 20)
    with translation.override("vi"), pytest.raises(ValidationError) as refused:
        services.register(
            unit=units.an_bien,
            title=Title.COMMUNITY_COMMUNE,
            level=2,
            year=2025,
            by=officer_le_chan,
            on=eleven_months,
        )
    message = refused.value.messages[0]
    assert "20/03/2025" in message  # the first possible day
    assert "88/QĐ-PGDĐT" in message
    assert not Dossier.objects.exists()
    twelve_months = datetime.date(2025, 3, 20)
    dossier = services.register(
        unit=units.an_bien,
        title=Title.COMMUNITY_COMMUNE,
        level=2,
        year=2025,
        by=officer_le_chan,
        on=twelve_months,
    )
    assert dossier.level == 2
    assert dossier.criteria_set.code == "tt25-commune-2"
    # Level 2 uses the same criteria with higher thresholds.
    literacy = dossier.values.get(indicator__criterion__number=4, indicator__number=3).indicator
    assert literacy.threshold == Decimal("95.00")


def test_level_two_needs_a_level_one_first(catalogue, units, officer_le_chan):
    with pytest.raises(ValidationError, match="level-1 recognition"):
        services.register(
            unit=units.an_bien,
            title=Title.COMMUNITY_COMMUNE,
            level=2,
            year=2024,
            by=officer_le_chan,
            on=datetime.date(2025, 1, 5),
        )


def test_a_new_version_changes_nothing_of_a_dossier_already_assessed(
    catalogue, units, officer_le_chan, staff
):
    dossier = services.register(
        unit=units.an_bien,
        title=Title.COMMUNITY_COMMUNE,
        level=1,
        year=2024,
        by=officer_le_chan,
        on=datetime.date(2025, 1, 10),
    )
    services.save_self_assessment(
        dossier, entries=values_for(dossier, {"4.3": "92"}), by=officer_le_chan
    )
    dossier.refresh_from_db()
    shown_before = [
        (v.indicator.code, v.indicator.text, v.indicator.threshold, v.value, v.met)
        for v in dossier.values.select_related("indicator__criterion")
    ]
    assert dossier.self_result is True
    old = dossier.criteria_set

    draft = services.new_draft(old, by=staff)
    assert (draft.state, draft.version, draft.code) == (SetState.DRAFT, 3, old.code)
    literacy = Indicator.objects.get(criterion__criteria_set=draft, criterion__number=4, number=3)
    literacy.threshold = Decimal(95)
    literacy.text = "Tỉ lệ người từ 15 đến 60 tuổi biết chữ mức độ 2"
    literacy.save()
    services.publish(draft, by=staff)

    dossier.refresh_from_db()
    assert dossier.criteria_set_id == old.pk
    services.save_self_assessment(dossier, entries={}, by=officer_le_chan)  # recomputes
    dossier.refresh_from_db()
    assert dossier.self_result is True  # 92% still meets the 90% of the version assessed against
    shown_after = [
        (v.indicator.code, v.indicator.text, v.indicator.threshold, v.value, v.met)
        for v in dossier.values.select_related("indicator__criterion")
    ]
    assert shown_after == shown_before
    # A new registration takes the newest published version.
    other = services.register(
        unit=units.du_hang_kenh,
        title=Title.COMMUNITY_COMMUNE,
        level=1,
        year=2024,
        by=officer_le_chan,
        on=datetime.date(2025, 1, 10),
    )
    assert other.criteria_set_id == draft.pk


def test_a_published_version_never_changes(catalogue):
    published = CriteriaSet.objects.get(code="tt25-commune-1", version=1)
    indicator = Indicator.objects.filter(criterion__criteria_set=published).first()
    indicator.threshold = Decimal(1)
    with pytest.raises(PublishedIsFinal):
        indicator.save()
    with pytest.raises(PublishedIsFinal):
        indicator.delete()
    published.name = "Khác"
    with pytest.raises(PublishedIsFinal):
        published.save()
    with pytest.raises(PublishedIsFinal):
        published.criteria.first().delete()
    assert Indicator.objects.get(pk=indicator.pk).threshold != Decimal(1)


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
