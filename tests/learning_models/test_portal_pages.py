"""The dossier pages, step by step as the people involved use them: an officer of Quận Lê
Chân registers Phường An Biên for "learning community, commune level", level 1, assessment
year 2025; names the team, fills every indicator (one as "92,5"), uploads evidence, the
report and the cover letter, completes the self-assessment and submits; a reviewer of Lê
Chân's education office finds it in the queue, starts the appraisal, corrects one value and
records the decision. Also: the register form's refusals, the values refused, late filing,
the expiring recognitions, the officers' area, and the list's fixed number of queries.

The day is 15/03/2025 (tests/learning_models/portal_world.py): the districts still exist
and the catalogue's first versions are in force."""

import datetime
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from common.models import HistoryEntry
from learning_models import services
from learning_models.models import Dossier, DossierFile, FileKind, IndicatorValue, Recognition
from learning_models.states import DossierState, IndicatorKind
from organizations.models import Role
from tests.learning_models import portal_world as world

pytestmark = pytest.mark.usefixtures("media")


@pytest.fixture(autouse=True)
def _day_and_catalogue(monkeypatch, db):
    world.freeze(monkeypatch)
    services.load_catalogue()


@pytest.fixture
def le_chan_reviewer(make_person, units):
    return make_person(
        "reviewer_le_chan",
        Role.REVIEWER,
        units.le_chan,
        full_name="Phạm Thị Lan",
        position="Chuyên viên Phòng Giáo dục và Đào tạo quận Lê Chân",
    )


@pytest.fixture
def submitted_an_bien(units, officer_le_chan):
    dossier = world.register(units.an_bien, officer_le_chan)
    return world.bring_to(dossier, "submitted", officer=officer_le_chan)


def dossier_url(dossier, name="dossier", *args):
    return reverse(f"learning_models_portal:{name}", args=[dossier.pk, *args])


def text_of(response):
    return re.sub(r"\s+", " ", response.content.decode())


def messages_of(response):
    return [str(message) for message in response.context["messages"]] if response.context else []


def due_of(client):
    """The officers' area's due items for the client's person: {key: count}, ours only."""
    response = client.get(reverse("portal:dashboard"))
    return {
        item.key: item.count
        for item in response.context["officers_due"]
        if item.key.startswith("learning_models.")
    }


def self_assessment_post(dossier, values, **extra):
    data = {}
    for row in dossier.values.select_related("indicator"):
        data[f"value_{row.indicator_id}"] = values.get(row.indicator.code, "")
        data[f"note_{row.indicator_id}"] = ""
    data.update(extra)
    return data


def every_value(dossier):
    return {
        indicator.code: world.passing_value(indicator) for indicator in world.indicators_of(dossier)
    }


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
