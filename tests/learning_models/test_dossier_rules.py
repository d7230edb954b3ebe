"""The rules a learning-model registration keeps, through the services: one dossier per
unit, title and year; a title that fits the kind of unit; level 2 no sooner than 12 months
after level 1; and criteria versions that never change under an assessed dossier."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from learning_models import services
from learning_models.models import CriteriaSet, Dossier, Indicator, Recognition
from learning_models.models.catalogue import PublishedIsFinal
from learning_models.states import SetState, Title
from tests.learning_models.steps import values_for

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media", "english")]


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
