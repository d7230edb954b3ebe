"""The learning models' demo (`manage.py load_demo`): dossiers in every state, made through
the services on the days they happened, recognitions (some about to expire, some expired),
a district reviewer, counts and household lists; a second run adds nothing."""

import datetime
import io

import pytest
from django.utils import timezone

from common.models import HistoryEntry
from learning_models import demo
from learning_models.models import (
    Dossier,
    HouseholdCount,
    RecognisedHousehold,
    Recognition,
)
from learning_models.states import DossierState
from organizations import demo as organizations_demo
from organizations.models import Membership, Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(settings, media):
    settings.DEMO_MODE = True
    organizations_demo.load(io.StringIO())
    out = io.StringIO()
    demo.load(out)
    return out.getvalue()


def entries_of(model):
    from django.contrib.contenttypes.models import ContentType

    kind = ContentType.objects.get_for_model(model)
    return HistoryEntry.objects.filter(content_type=kind).order_by("pk")


def test_the_demo_has_dossiers_in_every_state_and_both_years(loaded):
    states = set(Dossier.objects.values_list("state", flat=True))
    assert states == set(DossierState.values)
    assert set(Dossier.objects.values_list("year", flat=True)) == {2024, 2025}
    assert "Learning-model dossiers" in loaded


def test_the_demo_has_recognitions_expiring_and_expired(loaded):
    today = timezone.localdate()
    recognitions = Recognition.objects.all()
    assert recognitions.count() == Dossier.objects.filter(state=DossierState.RECOGNISED).count()
    statuses = {r.status_on(today) for r in recognitions}
    assert {"valid", "expired"} <= statuses
    soon = today + datetime.timedelta(days=183)
    assert recognitions.in_force_on(today).filter(valid_until__lte=soon).exists()


def test_the_demo_has_a_district_reviewer_and_the_communes_lists(loaded):
    reviewer = Membership.objects.get(user__username="reviewer.lechan")
    assert (reviewer.role, reviewer.unit.code) == (Role.REVIEWER, "305")
    assert HouseholdCount.objects.count() > 100
    households = RecognisedHousehold.objects
    assert 200 <= households.count() <= 1000
    assert households.filter(public_consent=True).exists()
    assert households.filter(public_consent=False).exists()


def test_the_history_says_when_each_step_happened(loaded):
    moments = {}
    for entry in entries_of(Dossier):
        moments.setdefault(entry.object_id, []).append(entry)
    assert moments
    for dossier in Dossier.objects.all():
        entries = moments[str(dossier.pk)]
        ats = [entry.at for entry in entries]
        assert ats == sorted(ats), dossier  # written in the order they happened
        assert ats[0].date() == dossier.registered_on
        assert all(at.year <= dossier.year + 1 for at in ats), dossier
        submitted = [e.at for e in entries if e.action in ("submitted", "resubmitted")]
        if dossier.submitted_at:
            assert dossier.submitted_at == submitted[-1]
            if dossier.filing_deadline is not None:  # the 2025 sets have none confirmed
                assert dossier.submitted_at.date() <= dossier.filing_deadline
    for recognition in Recognition.objects.select_related("dossier"):
        entry = next(e for e in moments[str(recognition.dossier_id)] if e.action == "recognised")
        assert entry.at == recognition.recorded_at
        assert entry.at.date() == recognition.decision_date


def test_a_second_run_adds_nothing(loaded):
    counts = (
        Dossier.objects.count(),
        Recognition.objects.count(),
        HouseholdCount.objects.count(),
        RecognisedHousehold.objects.count(),
        HistoryEntry.objects.count(),
    )
    demo.load(io.StringIO())
    assert (
        Dossier.objects.count(),
        Recognition.objects.count(),
        HouseholdCount.objects.count(),
        RecognisedHousehold.objects.count(),
        HistoryEntry.objects.count(),
    ) == counts
