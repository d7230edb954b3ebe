"""The learning models' admin pages, as the association's staff use them on a tablet: each
passes axe-core's WCAG 2.2 A and AA rules in the admin's default Vietnamese, under the
strict CSP: the criteria sets (list, a published version, a draft, a criterion, the
publish page), the dossiers (list, a dossier), the recognitions, the communes' lists and
counts with their import pages, and an import's preview and its refusal."""

import pytest
from django.urls import reverse

from learning_models import services
from learning_models.models import CriteriaSet
from learning_models.resources import HOUSEHOLD_COLUMNS
from tests.e2e.conftest import WCAG22_TAGS
from tests.learning_models.factories import recognised_dossier
from tests.organizations.unit_tables import table_csv

pytestmark = pytest.mark.e2e

TABLET = {"width": 820, "height": 1180}


@pytest.fixture
def catalogue_world(units, staff, reviewer, media):
    services.load_catalogue()
    published = CriteriaSet.objects.get(code="tt25-commune-1", version=1)
    draft = services.new_draft(CriteriaSet.objects.get(code="tt25-commune-1", version=2), by=staff)
    recognition = recognised_dossier(units, staff, reviewer)
    return {"published": published, "draft": draft, "recognition": recognition}


def pages(world):
    draft, published = world["draft"], world["published"]
    recognition = world["recognition"]
    return [
        ("sets", reverse("admin:learning_models_criteriaset_changelist")),
        ("set-published", reverse("admin:learning_models_criteriaset_change", args=[published.pk])),
        ("set-draft", reverse("admin:learning_models_criteriaset_change", args=[draft.pk])),
        ("set-publish", reverse("admin:learning_models_criteriaset_publish", args=[draft.pk])),
        (
            "criterion-draft",
            reverse("admin:learning_models_criterion_change", args=[draft.criteria.first().pk]),
        ),
        ("dossiers", reverse("admin:learning_models_dossier_changelist")),
        (
            "dossier",
            reverse("admin:learning_models_dossier_change", args=[recognition.dossier_id]),
        ),
        ("recognitions", reverse("admin:learning_models_recognition_changelist")),
        (
            "recognition",
            reverse("admin:learning_models_recognition_change", args=[recognition.pk]),
        ),
        ("households", reverse("admin:learning_models_recognisedhousehold_changelist")),
        ("households-import", reverse("admin:learning_models_recognisedhousehold_import")),
        ("counts", reverse("admin:learning_models_householdcount_changelist")),
        ("counts-import", reverse("admin:learning_models_householdcount_import")),
    ]


def test_learning_model_admin_pages_pass_wcag_22_on_a_tablet(
    open_page,
    visit,
    log_in,
    staff,
    persona_password,
    catalogue_world,
    assert_accessible,
    screenshot,
    tmp_path,
):
    page = open_page(**TABLET, mobile=True)
    log_in(page, staff, persona_password)
    failures = []

    def check(name):
        screenshot(page, f"learning-models-admin-{name}")
        try:
            assert_accessible(page, tags=WCAG22_TAGS)
        except AssertionError as error:
            failures.append(f"{name}: {error}")

    for name, path in pages(catalogue_world):
        visit(page, path)
        check(name)

    for name, rows in (
        (
            "import-preview",
            [("11371", "2024", "Gia đình học tập", "Nguyễn Văn An", "", "", "có", "")],
        ),
        (
            "import-refused",
            [("99999", "2024", "Gia đình học tập", "Lê Thị Hoa", "", "", "có lẽ", "")],
        ),
    ):
        upload = tmp_path / f"{name}.csv"
        upload.write_bytes(table_csv(rows, HOUSEHOLD_COLUMNS))
        visit(page, reverse("admin:learning_models_recognisedhousehold_import"))
        page.set_input_files("input[name=import_file]", str(upload))
        page.locator("input[type=submit]").last.click()
        page.wait_for_load_state()
        check(name)

    assert not failures, "\n\n".join(failures)
