"""The learning-model lists in the portal, as officers and reviewers see them: filtered by
year, title and state, at a fixed number of queries; the appraisal queue; the recognitions
about to expire with their days left; and what the officers' area shows as due.

The day is 15/03/2025 (tests/learning_models/portal_world.py)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from learning_models import services
from learning_models.models import Dossier
from tests.learning_models import portal_world as world
from tests.learning_models.portal_world import due_of, text_of

pytestmark = pytest.mark.usefixtures("media", "portal_day")


# --- the lists --------------------------------------------------------------------------


def test_the_list_filters_by_year_title_and_state(
    units, officer_le_chan, officer_le_chan_client, submitted_an_bien
):
    world.register(units.du_hang_kenh, officer_le_chan, year=2024)
    world.register(units.le_chan, officer_le_chan, title="learning_unit")
    url = reverse("learning_models_portal:dossiers")

    def shown(**query):
        return {d.pk for d in officer_le_chan_client.get(url, query).context["dossiers"]}

    assert len(shown()) == 3
    assert shown(year="2024") == {Dossier.objects.get(unit=units.du_hang_kenh).pk}
    assert shown(state="submitted") == {submitted_an_bien.pk}
    assert shown(title="learning_unit") == {Dossier.objects.get(unit=units.le_chan).pk}
    assert shown(year="abc") == set()
    page = officer_le_chan_client.get(url)
    body = text_of(page)
    assert "Phường An Biên" in body
    assert "Submitted" in body


def _fill_list(units, officer, count, start):
    for index in range(count):
        unit = units.an_bien if index % 2 else units.du_hang_kenh
        dossier = world.register(unit, officer, year=start + index)
        if index % 3 == 0:
            world.bring_to(dossier, "self_assessed", officer=officer)


def _list_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), len(response.context["dossiers"])


@pytest.mark.parametrize("who", ["officer_le_chan_client", "staff_client", "le_chan_reviewer"])
def test_the_list_costs_the_same_queries_for_2_or_20_dossiers(
    request, units, officer_le_chan, client_for, who
):
    client = request.getfixturevalue(who)
    if not hasattr(client, "get"):
        client = client_for(client)
    url = reverse("learning_models_portal:dossiers")
    _fill_list(units, officer_le_chan, 2, 2000)
    few, shown_few = _list_queries(client, url)
    _fill_list(units, officer_le_chan, 18, 2002)
    many, shown_many = _list_queries(client, url)
    assert (shown_few, shown_many) == (2, 20)
    assert few == many <= 8


def test_the_queue_costs_the_same_queries_for_1_or_6_dossiers(
    units, officer_le_chan, le_chan_reviewer, client_for
):
    client = client_for(le_chan_reviewer)
    url = reverse("learning_models_portal:appraisal")
    for year in (2024,):
        dossier = world.register(units.an_bien, officer_le_chan, year=year + 1)
        world.bring_to(dossier, "submitted", officer=officer_le_chan)
    few, _ = _list_queries(client, url)
    for year in range(2026, 2031):
        dossier = world.register(units.du_hang_kenh, officer_le_chan, year=year)
        world.bring_to(dossier, "submitted", officer=officer_le_chan)
    many, shown = _list_queries(client, url)
    assert shown == 6
    assert few == many <= 8


def _recognise(dossier, reviewer, *, valid_until):
    return services.recognise(
        dossier,
        by=reviewer,
        decision_number=f"{dossier.pk}/QĐ-PGDĐT",
        decision_date=datetime.date(2025, 3, 1),
        signed_by="Trần Văn Hùng",
        valid_until=valid_until,
    )


def test_expiring_recognitions_are_listed_with_their_days_left_and_are_due(
    units, officer_le_chan, officer_le_chan_client, le_chan_reviewer, officer_kien_an_client
):
    soon = world.bring_to(
        world.register(units.an_bien, officer_le_chan),
        "under_appraisal",
        officer=officer_le_chan,
        reviewer=le_chan_reviewer,
    )
    later = world.bring_to(
        world.register(units.du_hang_kenh, officer_le_chan),
        "under_appraisal",
        officer=officer_le_chan,
        reviewer=le_chan_reviewer,
    )
    _recognise(soon, le_chan_reviewer, valid_until=datetime.date(2025, 5, 14))
    _recognise(later, le_chan_reviewer, valid_until=datetime.date(2028, 12, 31))

    page = officer_le_chan_client.get(reverse("learning_models_portal:expiring"))
    listed = page.context["recognitions"]
    assert [(r.unit_id, r.days_left) for r in listed] == [(units.an_bien.pk, 60)]
    assert "Phường Dư Hàng Kênh" not in text_of(page)
    assert (
        officer_kien_an_client.get(reverse("learning_models_portal:expiring")).context[
            "recognitions"
        ]
        == []
    )

    assert due_of(officer_le_chan_client)["learning_models.expiring"] == 1


def test_the_officers_area_shows_the_menu_entry_and_what_is_due(
    units, officer_le_chan, officer_le_chan_client, le_chan_reviewer, client_for, submitted_an_bien
):
    world.register(units.du_hang_kenh, officer_le_chan)
    front = officer_le_chan_client.get(reverse("portal:dashboard"))
    assert "Learning-model dossiers" in text_of(front)
    assert due_of(officer_le_chan_client) == {"learning_models.to_submit": 1}

    reviewer = client_for(le_chan_reviewer)
    assert due_of(reviewer) == {"learning_models.to_appraise": 1}
    page = reviewer.get(reverse("portal:dashboard"))
    assert "learning-model dossier waiting for your appraisal" in text_of(page)
