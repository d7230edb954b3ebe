"""The learning models in the admin: criteria sets edited only as drafts, a new draft
version and a publication each asked first and written in the set's history; dossiers and
recognitions read-only, with their history; a recognition revoked with a reason."""

import pytest
from django.urls import reverse

from common.models import HistoryEntry, PublicGeneration
from common.public_cache import current
from learning_models import services
from learning_models.models import CriteriaSet, Criterion
from learning_models.states import SetState
from tests.learning_models.factories import recognised_dossier

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("_english")]


@pytest.fixture
def catalogue(db):
    services.load_catalogue()
    return CriteriaSet.objects.get(code="tt25-commune-1", version=2)


def change_url(criteria_set):
    return reverse("admin:learning_models_criteriaset_change", args=[criteria_set.pk])


def history(obj):
    """The record's history actions, oldest first."""
    return list(
        HistoryEntry.objects.for_object(obj).order_by("pk").values_list("action", flat=True)
    )


def test_a_published_set_is_read_only_and_cannot_be_deleted(units, staff_client, catalogue):
    page = staff_client.get(change_url(catalogue))
    assert page.status_code == 200
    assert 'name="name"' not in page.content.decode()  # no field to edit, inlines neither
    assert 'name="criteria-0-name"' not in page.content.decode()
    assert "Make a new draft version" in page.content.decode()
    delete = reverse("admin:learning_models_criteriaset_delete", args=[catalogue.pk])
    assert staff_client.get(delete).status_code == 403
    posted = staff_client.post(change_url(catalogue), {"name": "Đổi tên"})
    assert posted.status_code == 403
    catalogue.refresh_from_db()
    assert catalogue.name != "Đổi tên"


def test_a_new_draft_is_asked_first_then_edited_and_published(units, staff_client, catalogue):
    url = reverse("admin:learning_models_criteriaset_new_draft", args=[catalogue.pk])
    asked = staff_client.get(url)
    assert asked.status_code == 200
    assert not CriteriaSet.objects.filter(state=SetState.DRAFT).exists()  # asking wrote nothing

    made = staff_client.post(url)
    draft = CriteriaSet.objects.get(code=catalogue.code, state=SetState.DRAFT)
    assert made["Location"] == change_url(draft)
    assert draft.version == catalogue.version + 1
    assert history(draft) == ["drafted"]
    page = staff_client.get(change_url(draft)).content.decode()
    assert 'name="name"' in page
    assert 'name="criteria-0-name"' in page
    assert "Publish" in page

    criterion = draft.criteria.first()
    criterion_url = reverse("admin:learning_models_criterion_change", args=[criterion.pk])
    assert 'name="indicators-0-text"' in staff_client.get(criterion_url).content.decode()

    publish = reverse("admin:learning_models_criteriaset_publish", args=[draft.pk])
    assert staff_client.get(publish).status_code == 200
    draft.refresh_from_db()
    assert not draft.is_published
    staff_client.post(publish)
    draft.refresh_from_db()
    assert draft.is_published
    assert history(draft) == ["drafted", "published"]
    # Published: the criterion's indicators are read-only too.
    assert 'name="indicators-0-text"' not in staff_client.get(criterion_url).content.decode()
    assert staff_client.post(criterion_url, {"name": "x"}).status_code == 403
    assert Criterion.objects.get(pk=criterion.pk).name != "x"


def test_the_reviewer_sees_the_catalogue_but_cannot_draft_or_publish(
    units, reviewer_client, catalogue
):
    assert reviewer_client.get(change_url(catalogue)).status_code == 200
    url = reverse("admin:learning_models_criteriaset_new_draft", args=[catalogue.pk])
    assert reviewer_client.post(url).status_code == 403
    assert not CriteriaSet.objects.filter(state=SetState.DRAFT).exists()


def test_the_search_ignores_diacritics(units, staff_client, catalogue):
    url = reverse("admin:learning_models_criteriaset_changelist")
    found = staff_client.get(url, {"q": "cong dong hoc tap cap xa"}).context["cl"].result_list
    assert catalogue in list(found)
    none = staff_client.get(url, {"q": "khong co bo nay"}).context["cl"].result_list
    assert list(none) == []


@pytest.fixture
def recognised(units, staff, reviewer, catalogue, media):
    """A recognised 2024 dossier of Phường An Biên, made through the services."""
    return recognised_dossier(units, staff, reviewer)


def test_the_dossier_page_is_read_only_with_its_history_and_values(staff_client, recognised):
    url = reverse("admin:learning_models_dossier_change", args=[recognised.dossier_id])
    page = staff_client.get(url)
    assert page.status_code == 200
    text = page.content.decode()
    assert "portal-history" in text
    assert "dossier submitted for appraisal" in text.lower()
    assert "bao-cao.pdf" in text
    assert 'name="state"' not in text
    assert staff_client.post(url, {"state": "registered"}).status_code == 403


def test_the_dossier_list_filters_by_district_and_searches_without_diacritics(
    units, staff_client, recognised
):
    url = reverse("admin:learning_models_dossier_changelist")
    le_chan = staff_client.get(url, {"district": units.le_chan.pk}).context["cl"].result_list
    assert [d.pk for d in le_chan] == [recognised.dossier_id]
    assert not list(staff_client.get(url, {"district": units.kien_an.pk}).context["cl"].result_list)
    assert staff_client.get(url, {"district": "abc"}).status_code in (200, 302)
    found = staff_client.get(url, {"q": "an bien"}).context["cl"].result_list
    assert [d.pk for d in found] == [recognised.dossier_id]


def test_a_recognition_is_revoked_with_a_reason_asked_first(staff_client, recognised):
    url = reverse("admin:learning_models_recognition_changelist")
    selection = {"action": "revoke_selected", "_selected_action": [recognised.pk]}
    asked = staff_client.post(url, selection)
    assert asked.status_code == 200
    recognised.refresh_from_db()
    assert recognised.revoked_at is None
    refused = staff_client.post(url, {**selection, "confirm": "yes", "reason": "  "})
    assert refused.status_code == 200
    before = current()[0]
    staff_client.post(url, {**selection, "confirm": "yes", "reason": "Hồ sơ có số liệu sai."})
    recognised.refresh_from_db()
    assert recognised.revoked_reason == "Hồ sơ có số liệu sai."
    assert history(recognised) == ["revoked"]
    assert PublicGeneration.objects.get(pk=1).value > before
    page = staff_client.get(
        reverse("admin:learning_models_recognition_change", args=[recognised.pk])
    )
    assert "Hồ sơ có số liệu sai." in page.content.decode()


def test_the_reviewer_cannot_revoke(reviewer_client, recognised):
    url = reverse("admin:learning_models_recognition_changelist")
    selection = {"action": "revoke_selected", "_selected_action": [recognised.pk]}
    reviewer_client.post(url, {**selection, "confirm": "yes", "reason": "x"})
    recognised.refresh_from_db()
    assert recognised.revoked_at is None


@pytest.mark.parametrize(
    "name",
    [
        "learning_models_dossier",
        "learning_models_recognition",
        "learning_models_householdcount",
        "learning_models_recognisedhousehold",
        "learning_models_criteriaset",
    ],
)
def test_each_list_opens_for_staff_and_reviewers(units, staff_client, reviewer_client, name):
    for client in (staff_client, reviewer_client):
        assert client.get(reverse(f"admin:{name}_changelist")).status_code == 200


def test_staff_allow_a_late_filing_with_a_reason_asked_first(units, staff_client, staff, catalogue):
    import datetime

    dossier = services.register(
        unit=units.du_hang_kenh,
        title="community_commune",
        level=1,
        year=2024,
        by=staff,
        on=datetime.date(2024, 10, 1),
    )
    url = reverse("admin:learning_models_dossier_changelist")
    selection = {"action": "allow_late_filing_selected", "_selected_action": [dossier.pk]}
    asked = staff_client.post(url, selection)
    assert asked.status_code == 200
    assert "28/02/2025" in asked.content.decode()
    staff_client.post(url, {**selection, "confirm": "yes", "reason": "Bão số 3 làm hỏng hồ sơ."})
    dossier.refresh_from_db()
    assert dossier.late_filing_reason == "Bão số 3 làm hỏng hồ sơ."
    assert history(dossier) == ["registered", "late_filing_allowed"]
