"""The benchmark's learning-model data: as many recognitions as asked for, each a unit that
existed in its year and may hold its title, and yearly counts that agree with the lists."""

import datetime

import pytest
from django.db.models import Sum

from bench.learning_models import generate
from learning_models.models import HouseholdCount, RecognisedHousehold, Recognition
from learning_models.rules import TITLE_UNITS

pytestmark = pytest.mark.django_db


def test_generate_adds_the_recognitions_asked_for(units):
    generate(400, seed=3)
    bodies, households = Recognition.objects.count(), RecognisedHousehold.objects.count()
    assert bodies > 0
    assert bodies + households == 400
    for recognition in Recognition.objects.select_related("unit"):
        assert recognition.unit.kind in TITLE_UNITS[recognition.title]
        assert recognition.unit.is_valid_on(datetime.date(recognition.year, 12, 31))
        assert recognition.decision_date.year == recognition.year + 1
    assert HouseholdCount.objects.aggregate(n=Sum("recognised"))["n"] == households
    for count in HouseholdCount.objects.all():
        assert count.recognised <= count.registered <= count.total
