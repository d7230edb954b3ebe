"""The dossier pages, step by step as the people involved use them: an officer of Quận Lê
Chân registers Phường An Biên for "learning community, commune level", level 1, assessment
year 2025; names the team, fills every indicator (one as "92,5"), uploads evidence, the
report and the cover letter, completes the self-assessment and submits; a reviewer of Lê
Chân's education office finds it in the queue, starts the appraisal, corrects one value and
records the decision. Also: the register form's refusals, the values refused, late filing
and malformed values on every form (the lists are test_portal_lists.py).

The day is 15/03/2025 (tests/learning_models/portal_world.py): the districts still exist
and the catalogue's first versions are in force."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from common.models import HistoryEntry
from learning_models import services
from learning_models.models import Dossier, DossierFile, FileKind, IndicatorValue, Recognition
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


# --- the whole path ---------------------------------------------------------------------


def test_a_commune_is_registered_assessed_submitted_appraised_and_recognised(
    units, officer_le_chan, officer_le_chan_client, le_chan_reviewer, client_for
):
    officer = officer_le_chan_client
    page = officer.get(reverse("learning_models_portal:register"))
    assert page.status_code == 200
    offered = {unit.pk for unit in page.context["form"].fields["unit"].queryset}
    assert units.an_bien.pk in offered
    assert units.kien_an.pk not in offered

    response = officer.post(
        reverse("learning_models_portal:register"),
        {"unit": units.an_bien.pk, "title": "community_commune", "level": "1", "year": "2025"},
    )
    dossier = Dossier.objects.get(unit=units.an_bien)
    assert response.status_code == 302
    assert response.url == dossier.get_absolute_url()
    assert dossier.criteria_set.code == "tt25-commune-1"
    assert dossier.state == "registered"

    page = officer.get(dossier_url(dossier))
    body = text_of(page)
    assert "25/2023/TT-BGDĐT" in body
    assert "28/02/2026" in body
    assert page.context["self_form"] is not None
    assert "1.1" in body
    assert "Tỉ lệ người từ 15 đến 60 tuổi biết chữ" in body

    response = officer.post(
        dossier_url(dossier, "dossier-team"),
        {
            "team": "Nguyễn Văn An, Chủ tịch UBND phường, Tổ trưởng\n"
            "Lê Thị Bình, Chủ tịch Hội Khuyến học phường, thành viên"
        },
    )
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.team.startswith("Nguyễn Văn An")

    indicators = world.indicators_of(dossier)
    first = indicators[0]
    values = every_value(dossier)
    literacy = next(i for i in indicators if i.kind == IndicatorKind.THRESHOLD)
    values[literacy.code] = "92,5"
    data = self_assessment_post(
        dossier, values, **{f"note_{first.pk}": "Có kế hoạch số 12/KH-UBND"}
    )
    data[f"evidence_{first.pk}"] = world.pdf("ke-hoach.pdf")
    response = officer.post(dossier_url(dossier, "dossier-self-assessment"), data)
    assert response.status_code == 302, messages_of(response)
    row = IndicatorValue.objects.get(dossier=dossier, indicator=literacy)
    assert row.value == Decimal("92.50")
    assert row.met is True
    evidence = DossierFile.objects.get(dossier=dossier, kind=FileKind.EVIDENCE)
    assert evidence.indicator_id == first.pk
    dossier.refresh_from_db()
    assert dossier.self_result is True

    for kind, name in (
        (FileKind.SELF_REPORT, "bao-cao.pdf"),
        (FileKind.COVER_LETTER, "to-trinh.pdf"),
    ):
        response = officer.post(
            dossier_url(dossier, "dossier-attach"), {"kind": kind.value, "file": world.pdf(name)}
        )
        assert response.status_code == 302
    page = officer.get(dossier_url(dossier))
    assert [m.name for m in page.context["buttons"]] == ["self_assess"]
    assert "92.5" in text_of(page) or "92,5" in text_of(page)

    officer.post(dossier_url(dossier, "dossier-move", "self_assess"))
    response = officer.post(dossier_url(dossier, "dossier-move", "submit"), follow=True)
    assert "The dossier is submitted for appraisal." in messages_of(response)
    dossier.refresh_from_db()
    assert dossier.state == DossierState.SUBMITTED

    reviewer = client_for(le_chan_reviewer)
    queue = reviewer.get(reverse("learning_models_portal:appraisal"))
    assert [d.pk for d in queue.context["dossiers"]] == [dossier.pk]

    page = reviewer.get(dossier_url(dossier))
    assert [m.name for m in page.context["buttons"]] == ["start_appraisal"]
    assert page.context["return_form"] is not None
    reviewer.post(dossier_url(dossier, "dossier-move", "start_appraisal"))
    dossier.refresh_from_db()
    assert dossier.state == DossierState.UNDER_APPRAISAL

    page = reviewer.get(dossier_url(dossier))
    form = page.context["appraisal_form"]
    assert form[f"value_{literacy.pk}"].value() == "92.5"
    appraised = dict(every_value(dossier).items())
    appraised[literacy.code] = "91"
    data = self_assessment_post(dossier, appraised)
    data = {key.replace("evidence", "x"): value for key, value in data.items()}
    data[f"note_{literacy.pk}"] = "Theo số liệu phổ cập năm 2025: 91%."
    response = reviewer.post(dossier_url(dossier, "dossier-appraisal"), data)
    assert response.status_code == 302, messages_of(response)
    row.refresh_from_db()
    assert row.appraised_value == Decimal("91.00")
    assert row.value == Decimal("92.50")

    page = reviewer.get(dossier_url(dossier))
    decision = page.context["decision_form"]
    assert decision["authority"].value() == dossier.criteria_set.authority
    assert decision["valid_until"].value() == datetime.date(2028, 12, 31)
    response = reviewer.post(
        dossier_url(dossier, "dossier-decision"),
        {
            "decision_number": "45/QĐ-PGDĐT",
            "decision_date": "10/03/2025",
            "signed_by": "Trần Văn Hùng, Trưởng phòng Giáo dục và Đào tạo",
            "authority": decision["authority"].value(),
            "valid_until": "31/12/2028",
        },
    )
    assert response.status_code == 302
    recognition = Recognition.objects.get(dossier=dossier)
    assert recognition.decision_number == "45/QĐ-PGDĐT"
    assert recognition.valid_until == datetime.date(2028, 12, 31)

    page = officer.get(dossier_url(dossier))
    assert page.context["dossier"].state == DossierState.RECOGNISED
    assert "Recognised" in text_of(page)
    assert recognition.code in text_of(page)
    history = [row["entry"].action for row in page.context["history"]]
    assert "recognised" in history
    assert "appraisal_saved" in history


def test_the_pages_read_in_vietnamese_without_an_english_word_left(
    units, officer_le_chan, le_chan_reviewer, client_for, submitted_an_bien, staff
):
    from tests.test_translated_pages import _english_left, _english_only_words, _visible_chunks

    english_only = _english_only_words()
    late = world.register(units.du_hang_kenh, officer_le_chan, year=2024)
    appraised = world.bring_to(
        world.register(units.le_chan, officer_le_chan, title="learning_unit"),
        "under_appraisal",
        officer=officer_le_chan,
        reviewer=staff,
    )
    lists = [reverse(f"learning_models_portal:{name}") for name in ("dossiers", "register")]
    pages = {
        officer_le_chan: [
            *lists,
            reverse("learning_models_portal:expiring"),
            dossier_url(submitted_an_bien),
            dossier_url(late),
        ],
        le_chan_reviewer: [
            reverse("learning_models_portal:appraisal"),
            reverse("learning_models_portal:dossiers"),
            dossier_url(submitted_an_bien),
        ],
        staff: [dossier_url(appraised), dossier_url(late)],
    }
    for person, paths in pages.items():
        client = client_for(person, language=None)
        for path in paths:
            response = client.get(path)
            assert response.status_code == 200, path
            chunks = _visible_chunks(response)
            assert "Đăng xuất" in chunks, path
            left = _english_left(chunks, english_only, data=[person.username])
            assert left == [], (path, left)


# --- the register form ------------------------------------------------------------------


def test_registering_twice_is_refused_on_the_form(units, officer_le_chan, officer_le_chan_client):
    world.register(units.an_bien, officer_le_chan)
    response = officer_le_chan_client.post(
        reverse("learning_models_portal:register"),
        {"unit": units.an_bien.pk, "title": "community_commune", "level": "1", "year": "2025"},
    )
    assert response.status_code == 200
    assert "already has a dossier" in text_of(response)
    assert Dossier.objects.count() == 1


def test_level_two_before_twelve_months_is_refused_on_the_form(
    units, officer_le_chan, officer_le_chan_client, le_chan_reviewer, staff
):
    dossier = world.register(units.an_bien, officer_le_chan, year=2024)
    # The 2024 dossier is filed after 28/02/2025, with staff's leave.
    services.allow_late_filing(dossier, by=staff, reason="Bão số 3.")
    dossier = world.bring_to(
        dossier, "under_appraisal", officer=officer_le_chan, reviewer=le_chan_reviewer
    )
    services.recognise(
        dossier,
        by=le_chan_reviewer,
        decision_number="12/QĐ-PGDĐT",
        decision_date=datetime.date(2025, 3, 1),
        signed_by="Trần Văn Hùng",
    )
    response = officer_le_chan_client.post(
        reverse("learning_models_portal:register"),
        {"unit": units.an_bien.pk, "title": "community_commune", "level": "2", "year": "2025"},
    )
    assert response.status_code == 200
    assert "no sooner than 12 months" in text_of(response)
    assert Dossier.objects.count() == 1


@pytest.mark.parametrize(
    "data",
    [
        {"unit": "abc", "title": "community_commune", "level": "1", "year": "2025"},
        {"unit": "1e999", "title": "community_commune", "level": "1", "year": "2025"},
        {"unit": "", "title": "family", "level": "1", "year": "2025"},
        {"unit": "", "title": "community_commune", "level": "3", "year": "٣"},
        {"unit": "", "title": "community_commune", "level": "1", "year": "1e999"},
    ],
)
def test_a_malformed_registration_is_refused_on_the_form(units, officer_le_chan_client, data):
    if data["unit"] == "":
        data["unit"] = units.an_bien.pk
    response = officer_le_chan_client.post(reverse("learning_models_portal:register"), data)
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not Dossier.objects.exists()


def test_a_unit_that_may_not_ask_for_the_title_is_refused(units, officer_le_chan_client):
    response = officer_le_chan_client.post(
        reverse("learning_models_portal:register"),
        {"unit": units.an_bien.pk, "title": "community_district", "level": "1", "year": "2025"},
    )
    assert response.status_code == 200
    assert "cannot be recognised as" in text_of(response)
    assert not Dossier.objects.exists()


# --- malformed values on every form of the pages ----------------------------------------

MALFORMED = ["²", "٣", "9" * 5000, str(2**63), "-1", "a\x00b", "\x01\x08\x1b\x7f", "1.5e3", "NaN"]


def test_malformed_values_in_every_field_get_no_server_error(
    units, officer_le_chan, le_chan_reviewer, client_for, staff
):
    """Each field of each form of the pages, in turn, gets each malformed value (the others
    keep good ones); never a server error, and a refused form changes nothing."""
    editable = world.register(units.an_bien, officer_le_chan, year=2024)
    appraised = world.bring_to(
        world.register(units.du_hang_kenh, officer_le_chan),
        "under_appraisal",
        officer=officer_le_chan,
        reviewer=le_chan_reviewer,
    )
    good_values = {f"value_{i.pk}": world.passing_value(i) for i in world.indicators_of(editable)}
    forms = [
        (
            officer_le_chan,
            reverse("learning_models_portal:register"),
            {
                "unit": str(units.du_hang_kenh.pk),
                "title": "community_commune",
                "level": "2",
                "year": "2025",
            },
        ),
        (officer_le_chan, dossier_url(editable, "dossier-team"), {"team": "Tổ"}),
        (officer_le_chan, dossier_url(editable, "dossier-self-assessment"), good_values),
        (officer_le_chan, dossier_url(editable, "dossier-attach"), {"kind": "self_report"}),
        (staff, dossier_url(editable, "dossier-late-filing"), {"late-reason": "Bão."}),
        (
            le_chan_reviewer,
            dossier_url(appraised, "dossier-appraisal"),
            {f"value_{i.pk}": world.passing_value(i) for i in world.indicators_of(appraised)},
        ),
        (
            le_chan_reviewer,
            dossier_url(appraised, "dossier-decision"),
            {
                "decision_number": "1/QĐ",
                "decision_date": "01/03/2025",
                "signed_by": "Hùng",
                "authority": "",
                "valid_until": "31/12/2028",
            },
        ),
        (
            le_chan_reviewer,
            dossier_url(appraised, "dossier-move", "return"),
            {"return-reason": "x"},
        ),
        (
            le_chan_reviewer,
            dossier_url(appraised, "dossier-move", "refuse"),
            {"refuse-reason": "x"},
        ),
    ]
    clients = {}
    for person, address, good in forms:
        client = clients.setdefault(person.pk, client_for(person))
        client.raise_request_exception = False
        for name in good:
            for bad in MALFORMED:
                before = (
                    Dossier.objects.count(),
                    HistoryEntry.objects.count(),
                    Recognition.objects.count(),
                )
                response = client.post(address, {**good, name: bad})
                assert response.status_code < 500, (address, name, bad[:20])
                if response.status_code != 302:
                    after = (
                        Dossier.objects.count(),
                        HistoryEntry.objects.count(),
                        Recognition.objects.count(),
                    )
                    assert after == before, (address, name, bad[:20])
    for bad in MALFORMED[:3]:
        response = clients[officer_le_chan.pk].get(
            reverse("learning_models_portal:dossiers"), {"year": bad, "state": bad, "page": bad}
        )
        assert response.status_code == 200


def test_a_self_assessment_sent_after_the_dossier_was_submitted_is_refused_in_words(
    officer_le_chan_client, submitted_an_bien
):
    values = every_value(submitted_an_bien)
    response = officer_le_chan_client.post(
        dossier_url(submitted_an_bien, "dossier-self-assessment"),
        self_assessment_post(submitted_an_bien, values),
    )
    assert response.status_code == 200
    assert any("no longer edited by its unit" in message for message in messages_of(response))
