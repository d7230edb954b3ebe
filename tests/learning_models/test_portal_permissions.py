"""Who may see and do what on the dossier pages: Kiến An's officer never sees Lê Chân's
dossiers (403 on the page, its file and every POST; absent from the list and the queue);
Kiến An's reviewers cannot appraise them; Lê Chân's own reviewer appraises Lê Chân's
wards but not Lê Chân's own dossier; a reviewer cannot fill the unit's self-assessment."""

import pytest
from django.urls import reverse

from learning_models import services
from learning_models.models import Dossier, DossierFile, IndicatorValue, Recognition
from learning_models.states import DossierState
from organizations.models import Role
from tests.learning_models import portal_world as world

pytestmark = pytest.mark.usefixtures("media")

POSTS = [
    ("dossier-team", {"team": "Người lạ"}),
    ("dossier-self-assessment", {}),
    ("dossier-attach", {"kind": "self_report"}),
    ("dossier-appraisal", {}),
    (
        "dossier-decision",
        {
            "decision_number": "1",
            "decision_date": "01/03/2025",
            "signed_by": "X",
            "valid_until": "31/12/2028",
        },
    ),
    ("dossier-late-filing", {"late-reason": "Vì sao không?"}),
]
MOVES = ["self_assess", "submit", "resubmit", "start_appraisal", "return", "refuse"]


@pytest.fixture(autouse=True)
def _the_day(monkeypatch, db):
    world.freeze(monkeypatch)
    services.load_catalogue()


@pytest.fixture
def reviewers(make_person, units):
    """A reviewer named in Lê Chân (its education office), one named in Kiến An."""
    return (
        make_person("reviewer_of_le_chan", Role.REVIEWER, units.le_chan),
        make_person("reviewer_of_kien_an", Role.REVIEWER, units.kien_an),
    )


@pytest.fixture
def an_bien_dossier(units, officer_le_chan, reviewers):
    """Phường An Biên's dossier under appraisal by Lê Chân's reviewer, with its files."""
    dossier = world.register(units.an_bien, officer_le_chan)
    return world.bring_to(
        dossier, "under_appraisal", officer=officer_le_chan, reviewer=reviewers[0]
    )


@pytest.fixture
def le_chan_dossier(units, officer_le_chan):
    """Quận Lê Chân's own dossier (a learning unit), submitted."""
    dossier = world.register(units.le_chan, officer_le_chan, title="learning_unit")
    return world.bring_to(dossier, "submitted", officer=officer_le_chan)


def url(dossier, name="dossier", *args):
    return reverse(f"learning_models_portal:{name}", args=[dossier.pk, *args])


def unchanged(dossier):
    """What a refused request must leave as it was."""
    dossier.refresh_from_db()
    return (
        dossier.state,
        dossier.team,
        dossier.late_filing_reason,
        list(
            IndicatorValue.objects.filter(dossier=dossier).values_list("value", "appraised_value")
        ),
        DossierFile.objects.filter(dossier=dossier).count(),
        Recognition.objects.count(),
    )


def test_kien_ans_officer_gets_403_on_the_page_its_file_and_every_post(
    an_bien_dossier, officer_kien_an_client
):
    before = unchanged(an_bien_dossier)
    assert officer_kien_an_client.get(url(an_bien_dossier)).status_code == 403
    item = DossierFile.objects.filter(dossier=an_bien_dossier).first()
    assert (
        officer_kien_an_client.get(
            reverse("learning_models_portal:file", args=[item.pk])
        ).status_code
        == 403
    )
    for name, data in POSTS:
        assert officer_kien_an_client.post(url(an_bien_dossier, name), data).status_code == 403, (
            name
        )
    for move in MOVES:
        response = officer_kien_an_client.post(
            url(an_bien_dossier, "dossier-move", move), {f"{move}-reason": "x"}
        )
        assert response.status_code == 403, move
    assert unchanged(an_bien_dossier) == before


def test_kien_ans_officer_never_sees_it_listed(
    an_bien_dossier, le_chan_dossier, officer_kien_an_client
):
    listed = officer_kien_an_client.get(reverse("learning_models_portal:dossiers"))
    assert listed.context["dossiers"] == []
    assert "Phường An Biên" not in listed.content.decode()
    assert (
        officer_kien_an_client.get(reverse("learning_models_portal:appraisal")).status_code == 403
    )


def test_kien_ans_reviewer_cannot_appraise_it_and_has_an_empty_queue(
    an_bien_dossier, reviewers, client_for
):
    client = client_for(reviewers[1])
    before = unchanged(an_bien_dossier)
    assert client.get(reverse("learning_models_portal:appraisal")).context["dossiers"] == []
    assert client.get(url(an_bien_dossier)).status_code == 403
    for name, data in POSTS:
        assert client.post(url(an_bien_dossier, name), data).status_code == 403, name
    for move in ("return", "refuse", "start_appraisal"):
        assert (
            client.post(
                url(an_bien_dossier, "dossier-move", move), {f"{move}-reason": "x"}
            ).status_code
            == 403
        )
    assert unchanged(an_bien_dossier) == before


def test_le_chans_reviewer_cannot_appraise_le_chans_own_dossier(
    le_chan_dossier, an_bien_dossier, reviewers, client_for
):
    client = client_for(reviewers[0])
    queue = client.get(reverse("learning_models_portal:appraisal")).context["dossiers"]
    assert [d.pk for d in queue] == [an_bien_dossier.pk]
    page = client.get(url(le_chan_dossier))
    assert page.status_code == 200  # they see their unit's dossier
    assert page.context["buttons"] == []
    assert page.context["return_form"] is None
    before = unchanged(le_chan_dossier)
    assert client.post(url(le_chan_dossier, "dossier-move", "start_appraisal")).status_code == 403
    assert (
        client.post(
            url(le_chan_dossier, "dossier-move", "return"), {"return-reason": "x"}
        ).status_code
        == 403
    )
    assert client.post(url(le_chan_dossier, "dossier-appraisal"), {}).status_code == 403
    assert client.post(url(le_chan_dossier, "dossier-decision"), {}).status_code == 403
    assert unchanged(le_chan_dossier) == before


def test_the_associations_reviewer_appraises_le_chans_own_dossier(le_chan_dossier, reviewer_client):
    queue = reviewer_client.get(reverse("learning_models_portal:appraisal")).context["dossiers"]
    assert [d.pk for d in queue] == [le_chan_dossier.pk]
    reviewer_client.post(url(le_chan_dossier, "dossier-move", "start_appraisal"))
    le_chan_dossier.refresh_from_db()
    assert le_chan_dossier.state == DossierState.UNDER_APPRAISAL


def test_a_reviewer_cannot_fill_the_units_self_assessment_or_attach_files(
    units, officer_le_chan, reviewers, client_for
):
    dossier = world.register(units.an_bien, officer_le_chan)
    client = client_for(reviewers[0])
    page = client.get(url(dossier))
    assert page.status_code == 200
    assert page.context["self_form"] is None
    assert page.context["file_form"] is None
    before = unchanged(dossier)
    assert client.post(url(dossier, "dossier-self-assessment"), {}).status_code == 403
    assert client.post(url(dossier, "dossier-team"), {"team": "x"}).status_code == 403
    assert client.post(url(dossier, "dossier-attach"), {"kind": "self_report"}).status_code == 403
    assert client.post(url(dossier, "dossier-move", "self_assess")).status_code == 403
    assert unchanged(dossier) == before


def test_the_unit_cannot_appraise_or_decide_its_own_dossier(
    an_bien_dossier, officer_le_chan_client
):
    before = unchanged(an_bien_dossier)
    page = officer_le_chan_client.get(url(an_bien_dossier))
    assert page.context["appraisal_form"] is None
    assert page.context["decision_form"] is None
    assert (
        officer_le_chan_client.post(url(an_bien_dossier, "dossier-appraisal"), {}).status_code
        == 403
    )
    assert (
        officer_le_chan_client.post(url(an_bien_dossier, "dossier-decision"), {}).status_code == 403
    )
    assert (
        officer_le_chan_client.post(
            url(an_bien_dossier, "dossier-move", "refuse"), {"refuse-reason": "x"}
        ).status_code
        == 403
    )
    assert unchanged(an_bien_dossier) == before


def test_the_file_is_served_as_a_download_that_never_runs(
    an_bien_dossier, officer_le_chan_client, reviewers, client_for
):
    item = DossierFile.objects.filter(dossier=an_bien_dossier).first()
    for client in (officer_le_chan_client, client_for(reviewers[0])):
        response = client.get(reverse("learning_models_portal:file", args=[item.pk]))
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith("attachment")
        assert response["X-Content-Type-Options"] == "nosniff"
        assert "sandbox" in response["Content-Security-Policy"]
        assert b"".join(response.streaming_content).startswith(b"%PDF-")


@pytest.mark.parametrize("who", ["anonymous_client", "nobody_client", "treasurer_client"])
def test_people_without_a_dossier_role_are_kept_out(request, who, an_bien_dossier):
    client = request.getfixturevalue(who)
    for name in ("dossiers", "register", "appraisal", "expiring"):
        response = client.get(reverse(f"learning_models_portal:{name}"))
        assert response.status_code in (302, 403), name
    response = client.post(url(an_bien_dossier, "dossier-move", "start_appraisal"))
    assert response.status_code in (302, 403)
    assert Dossier.objects.get().state == DossierState.UNDER_APPRAISAL


def test_an_unknown_move_or_dossier_is_not_found(an_bien_dossier, officer_le_chan_client):
    assert (
        officer_le_chan_client.post(url(an_bien_dossier, "dossier-move", "recognise")).status_code
        == 404
    )
    assert (
        officer_le_chan_client.get(
            reverse("learning_models_portal:dossier", args=[an_bien_dossier.pk + 1000])
        ).status_code
        == 404
    )
