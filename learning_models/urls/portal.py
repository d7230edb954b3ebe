"""The officers' and reviewers' pages of learning-model dossiers, under /portal/."""

from django.urls import path

from learning_models.views import portal as views
from learning_models.views import portal_households as households
from learning_models.views import portal_lists as lists

app_name = "learning_models_portal"

urlpatterns = [
    path("learning-models/", lists.dossier_list, name="dossiers"),
    path("learning-models/register/", lists.register, name="register"),
    path("learning-models/appraisal/", lists.appraisal_queue, name="appraisal"),
    path("learning-models/expiring/", lists.expiring, name="expiring"),
    path("learning-models/households/", households.household_list, name="households"),
    path(
        "learning-models/households/upload/",
        households.household_upload,
        name="household-upload",
    ),
    path(
        "learning-models/households/upload/confirm/",
        households.household_confirm,
        name="household-confirm",
    ),
    path(
        "learning-models/households/template/list/",
        households.household_template,
        {"kind": "households"},
        name="household-template",
    ),
    path(
        "learning-models/households/template/counts/",
        households.household_template,
        {"kind": "counts"},
        name="count-template",
    ),
    path("learning-models/<id:pk>/", views.dossier_detail, name="dossier"),
    path("learning-models/<id:pk>/team/", views.dossier_team, name="dossier-team"),
    path(
        "learning-models/<id:pk>/self-assessment/",
        views.dossier_self_assessment,
        name="dossier-self-assessment",
    ),
    path("learning-models/<id:pk>/files/", views.dossier_attach, name="dossier-attach"),
    path("learning-models/<id:pk>/appraisal/", views.dossier_appraisal, name="dossier-appraisal"),
    path("learning-models/<id:pk>/decision/", views.dossier_decision, name="dossier-decision"),
    path(
        "learning-models/<id:pk>/late-filing/",
        views.dossier_late_filing,
        name="dossier-late-filing",
    ),
    path("learning-models/<id:pk>/move/<str:name>/", views.dossier_move, name="dossier-move"),
    path("learning-models/files/<id:pk>/", views.dossier_file, name="file"),
]
