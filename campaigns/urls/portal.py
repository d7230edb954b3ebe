"""The activities' pages of the officers' area under /portal/ (its front page is the
shell's, common.urls; the units' own pages are in organizations.urls)."""

from django.urls import path

from campaigns.views import portal, portal_bulk, portal_upload

app_name = "campaigns_portal"

urlpatterns = [
    path("activities/", portal.activity_list, name="activities"),
    path("activities/new/", portal.activity_new, name="activity-new"),
    path("activities/selected/", portal_bulk.activities_bulk, name="activities-bulk"),
    path("activities/selected/done/", portal_bulk.activities_done, name="activities-done"),
    path("activities/upload/", portal_upload.upload_page, name="upload"),
    path(
        "activities/upload/<id:pk>/decide/",
        portal_upload.upload_decision,
        name="upload-decide",
    ),
    path(
        "activities/template.xlsx",
        portal_upload.upload_template,
        name="upload-template",
    ),
    path("activities/<id:pk>/", portal.activity_detail, name="activity"),
    path("activities/<id:pk>/edit/", portal.activity_edit, name="activity-edit"),
    path("activities/<id:pk>/submit/", portal.activity_submit, name="activity-submit"),
    path("activities/<id:pk>/cancel/", portal.activity_cancel, name="activity-cancel"),
    path(
        "activities/<id:pk>/discard/",
        portal_bulk.activity_discard,
        name="activity-discard",
    ),
    path("activities/<id:pk>/results/", portal.activity_results, name="activity-results"),
    path(
        "activities/<id:pk>/evidence/",
        portal.activity_evidence,
        name="activity-evidence",
    ),
    path("evidence/<id:pk>/", portal.evidence_file, name="evidence-file"),
]
