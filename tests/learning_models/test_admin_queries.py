"""The learning models' admin lists run the same number of queries whatever their length."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from learning_models import services
from learning_models.models import (
    CriteriaSet,
    Dossier,
    HouseholdCount,
    RecognisedHousehold,
    Recognition,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("_english")]


def make_rows(units, start, count):
    criteria_set = CriteriaSet.objects.get(code="tt25-commune-1", version=1)
    for year in range(start, start + count):
        for ward in (units.an_bien, units.du_hang_kenh):
            dossier = Dossier.objects.create(
                unit=ward, title="community_commune", level=1, year=year, criteria_set=criteria_set
            )
            Recognition.objects.create(
                dossier=dossier,
                unit=ward,
                title="community_commune",
                level=1,
                year=year,
                decision_number=f"{year}/QĐ",
                decision_date=datetime.date(2025, 3, 1),
                signed_by="Trưởng phòng",
                authority="Phòng Giáo dục",
                valid_until=datetime.date(2027, 12, 31),
            )
            HouseholdCount.objects.create(
                commune=ward, year=year, title="family", registered=10, recognised=5
            )
            RecognisedHousehold.objects.create(
                commune=ward, year=year, title="family", name=f"Hộ {year}"
            )


def queries(client, url, **params):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, params).status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    "name",
    [
        "dossier",
        "recognition",
        "householdcount",
        "recognisedhousehold",
        "criteriaset",
    ],
)
def test_a_list_costs_the_same_for_few_and_many_rows(units, staff_client, name):
    services.load_catalogue()
    url = reverse(f"admin:learning_models_{name}_changelist")
    make_rows(units, 2000, 2)
    few = queries(staff_client, url)
    few_searched = queries(staff_client, url, q="an bien")
    make_rows(units, 2010, 20)
    assert queries(staff_client, url) == few
    assert queries(staff_client, url, q="an bien") == few_searched
