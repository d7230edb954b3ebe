"""The portal's URL names carry their app's namespace: `portal:` for the officers' area's
front page, `accounts:` for signing in, `organizations_portal:` and `campaigns_portal:` for
the apps' officers' pages, `campaigns:` for the public pages. Each name reverses to its
address and the address resolves back to the name; the names before the namespaces are gone."""

import importlib

import pytest
from django.urls import NoReverseMatch, resolve, reverse

NAMES = [
    ("portal:dashboard", [], "/portal/"),
    ("accounts:login", [], "/accounts/login/"),
    ("accounts:logout", [], "/accounts/logout/"),
    ("accounts:password_change", [], "/accounts/password/change/"),
    ("accounts:password_change_done", [], "/accounts/password/change/done/"),
    ("accounts:password_reset", [], "/accounts/password/reset/"),
    ("accounts:password_reset_done", [], "/accounts/password/reset/sent/"),
    ("accounts:password_reset_confirm", ["MQ", "token"], "/accounts/password/reset/MQ/token/"),
    ("accounts:password_reset_complete", [], "/accounts/password/reset/done/"),
    ("organizations_portal:my-units", [], "/portal/units/"),
    ("organizations_portal:unit-detail", [7], "/portal/units/7/"),
    ("campaigns_portal:activities", [], "/portal/activities/"),
    ("campaigns_portal:activity-new", [], "/portal/activities/new/"),
    ("campaigns_portal:activities-bulk", [], "/portal/activities/selected/"),
    ("campaigns_portal:activities-done", [], "/portal/activities/selected/done/"),
    ("campaigns_portal:upload", [], "/portal/activities/upload/"),
    ("campaigns_portal:upload-decide", [3], "/portal/activities/upload/3/decide/"),
    ("campaigns_portal:upload-template", [], "/portal/activities/template.xlsx"),
    ("campaigns_portal:activity", [5], "/portal/activities/5/"),
    ("campaigns_portal:activity-edit", [5], "/portal/activities/5/edit/"),
    ("campaigns_portal:activity-submit", [5], "/portal/activities/5/submit/"),
    ("campaigns_portal:activity-cancel", [5], "/portal/activities/5/cancel/"),
    ("campaigns_portal:activity-discard", [5], "/portal/activities/5/discard/"),
    ("campaigns_portal:activity-results", [5], "/portal/activities/5/results/"),
    ("campaigns_portal:activity-evidence", [5], "/portal/activities/5/evidence/"),
    ("campaigns_portal:evidence-file", [9], "/portal/evidence/9/"),
    ("learning_models_portal:dossiers", [], "/portal/learning-models/"),
    ("learning_models_portal:register", [], "/portal/learning-models/register/"),
    ("learning_models_portal:appraisal", [], "/portal/learning-models/appraisal/"),
    ("learning_models_portal:expiring", [], "/portal/learning-models/expiring/"),
    ("learning_models_portal:dossier", [4], "/portal/learning-models/4/"),
    ("learning_models_portal:dossier-team", [4], "/portal/learning-models/4/team/"),
    (
        "learning_models_portal:dossier-self-assessment",
        [4],
        "/portal/learning-models/4/self-assessment/",
    ),
    ("learning_models_portal:dossier-attach", [4], "/portal/learning-models/4/files/"),
    ("learning_models_portal:dossier-appraisal", [4], "/portal/learning-models/4/appraisal/"),
    ("learning_models_portal:dossier-decision", [4], "/portal/learning-models/4/decision/"),
    (
        "learning_models_portal:dossier-late-filing",
        [4],
        "/portal/learning-models/4/late-filing/",
    ),
    (
        "learning_models_portal:dossier-move",
        [4, "submit"],
        "/portal/learning-models/4/move/submit/",
    ),
    ("learning_models_portal:file", [8], "/portal/learning-models/files/8/"),
    ("learning_models_portal:households", [], "/portal/learning-models/households/"),
    ("learning_models_portal:household-upload", [], "/portal/learning-models/households/upload/"),
    (
        "learning_models_portal:household-confirm",
        [],
        "/portal/learning-models/households/upload/confirm/",
    ),
    (
        "learning_models_portal:household-template",
        [],
        "/portal/learning-models/households/template/list/",
    ),
    (
        "learning_models_portal:count-template",
        [],
        "/portal/learning-models/households/template/counts/",
    ),
    ("scholarships_portal:statements", [2], "/portal/fund/2/statements/"),
    ("scholarships_portal:statement-upload", [2], "/portal/fund/2/statements/upload/"),
    ("scholarships_portal:statement-confirm", [2], "/portal/fund/2/statements/confirm/"),
    ("scholarships_portal:statement", [2, 6], "/portal/fund/2/statements/6/"),
    ("learning_models:register", [], "/learning-models/"),
    ("learning_models:unit", [7], "/learning-models/units/7/"),
    ("learning_models:households", [7, 2024], "/learning-models/households/7/2024/"),
    ("learning_models:recognition", ["08EA4811"], "/learning-models/08EA4811/"),
    ("learning_models:certificate", ["08EA4811"], "/learning-models/08EA4811/certificate/"),
    ("scholarships_portal:donation-imports", [], "/portal/fund/imports/"),
    ("scholarships_portal:donation-import", [6], "/portal/fund/imports/6/"),
    ("scholarships_portal:donation-template", [], "/portal/fund/imports/template.xlsx"),
    ("scholarships_portal:ledger-xlsx", [2], "/portal/fund/funds/2/ledger.xlsx"),
    ("scholarships_portal:ledger-csv", [2], "/portal/fund/funds/2/ledger.csv"),
    ("scholarships_portal:donations-xlsx", [2], "/portal/fund/funds/2/donations.xlsx"),
    ("scholarships_portal:donations-csv", [2], "/portal/fund/funds/2/donations.csv"),
    ("campaigns:home", [], "/"),
    ("campaigns:calendar", [], "/calendar/"),
    ("campaigns:calendar-ics", [], "/calendar.ics"),
    ("campaigns:activity-detail", [5], "/activities/5/"),
    ("campaigns:activity-ics", [5], "/activities/5.ics"),
    ("scholarships_portal:funds", [], "/portal/fund/"),
    ("scholarships_portal:fund", [3], "/portal/fund/3/"),
    ("scholarships_portal:donation-new", [3], "/portal/fund/3/donations/new/"),
    ("scholarships_portal:receipt", [6], "/portal/fund/receipts/6/"),
    ("scholarships_portal:entry-reverse", [6], "/portal/fund/entries/6/reverse/"),
    ("scholarships_portal:pledges", [3], "/portal/fund/3/pledges/"),
    ("scholarships_portal:pledge-new", [3], "/portal/fund/3/pledges/new/"),
    ("scholarships_portal:overdue", [], "/portal/fund/pledges/overdue/"),
    ("scholarships_portal:pledge", [2], "/portal/fund/pledges/2/"),
    ("scholarships_portal:pledge-cancel", [2], "/portal/fund/pledges/2/cancel/"),
    ("scholarships_portal:pledge-remind", [2], "/portal/fund/pledges/2/remind/"),
    ("scholarships:receipt-check", [], "/fund/receipts/check/"),
    ("scholarships:pledge", ["tok-en_0123456789ab"], "/fund/pledges/tok-en_0123456789ab/"),
    ("scholarships:disclosure", [], "/fund/"),
    ("scholarships:fund", [3], "/fund/3/"),
    ("scholarships:statement", [3, 2024], "/fund/3/statements/2024/"),
    ("scholarships:statement-xlsx", [3, 2024], "/fund/3/statements/2024.xlsx"),
    ("healthz", [], "/healthz"),
    ("switch-language", ["en"], "/language/en/"),
]

URL_MODULES = {
    "common.urls": "portal",
    "organizations.urls.accounts": "accounts",
    "organizations.urls.portal": "organizations_portal",
    "campaigns.urls.portal": "campaigns_portal",
    "learning_models.urls.portal": "learning_models_portal",
    "scholarships.urls.portal": "scholarships_portal",
    "campaigns.urls.public": "campaigns",
    "learning_models.urls.public": "learning_models",
    "scholarships.urls.public": "scholarships",
}


@pytest.mark.parametrize(("name", "args", "path"), NAMES, ids=[name for name, *_ in NAMES])
def test_each_name_reverses_to_its_address_and_back(name, args, path):
    assert reverse(name, args=args) == path
    assert resolve(path).view_name == name


GONE = ["portal-dashboard", "portal-activity", "my-units", "home"]  # old URL names


@pytest.mark.parametrize("old", GONE)
def test_the_names_without_a_namespace_are_gone(old):
    with pytest.raises(NoReverseMatch):
        reverse(old)


@pytest.mark.parametrize(("module", "namespace"), URL_MODULES.items())
def test_each_urls_module_names_its_namespace(module, namespace):
    assert importlib.import_module(module).app_name == namespace


def test_signing_in_and_out_lead_to_namespaced_pages(settings):
    assert reverse(settings.LOGIN_URL) == "/accounts/login/"
    assert reverse(settings.LOGIN_REDIRECT_URL) == "/portal/"
    assert reverse(settings.LOGOUT_REDIRECT_URL) == "/"
