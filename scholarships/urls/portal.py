"""The treasurers' pages of the fund, under /portal/fund/."""

from django.urls import path

from scholarships.views import statements

app_name = "scholarships_portal"

urlpatterns = [
    # --- the books: funds, donations, receipts, reversals, pledges ---
    # --- bank statements ---
    path("fund/<id:pk>/statements/", statements.statement_list, name="statements"),
    path("fund/<id:pk>/statements/upload/", statements.statement_upload, name="statement-upload"),
    path(
        "fund/<id:pk>/statements/confirm/",
        statements.statement_confirm,
        name="statement-confirm",
    ),
    path(
        "fund/<id:pk>/statements/<id:statement>/",
        statements.statement_detail,
        name="statement",
    ),
    # --- donation lists from Excel, and exports ---
]
