"""The activities' pages of the officers' area under /portal/ (its front page is the
shell's, common.urls; the units' own pages are in organizations.urls)."""

from django.urls import path

from campaigns.views import portal, portal_bulk, portal_upload

urlpatterns = [
    path("activities/", portal.activity_list, name="portal-activities"),
    path("activities/new/", portal.activity_new, name="portal-activity-new"),
    path("activities/selected/", portal_bulk.activities_bulk, name="portal-activities-bulk"),
    path("activities/selected/done/", portal_bulk.activities_done, name="portal-activities-done"),
    path("activities/upload/", portal_upload.upload_page, name="portal-upload"),
    path(
        "activities/upload/<id:pk>/decide/",
        portal_upload.upload_decision,
        name="portal-upload-decide",
    ),
    path(
        "activities/template.xlsx",
        portal_upload.upload_template,
        name="portal-upload-template",
    ),
    path("activities/<id:pk>/", portal.activity_detail, name="portal-activity"),
    path("activities/<id:pk>/edit/", portal.activity_edit, name="portal-activity-edit"),
    path("activities/<id:pk>/submit/", portal.activity_submit, name="portal-activity-submit"),
    path("activities/<id:pk>/cancel/", portal.activity_cancel, name="portal-activity-cancel"),
    path(
        "activities/<id:pk>/discard/",
        portal_bulk.activity_discard,
        name="portal-activity-discard",
    ),
    path("activities/<id:pk>/results/", portal.activity_results, name="portal-activity-results"),
    path(
        "activities/<id:pk>/evidence/",
        portal.activity_evidence,
        name="portal-activity-evidence",
    ),
    path("evidence/<id:pk>/", portal.evidence_file, name="portal-evidence-file"),
]
