"""The treasurers' pages of the fund, under /portal/fund/."""

from django.urls import path

from scholarships.views import imports, portal, portal_pledges, statements

app_name = "scholarships_portal"

urlpatterns = [
    # --- the books: funds, donations, receipts, reversals, pledges ---
    path("fund/", portal.fund_list, name="funds"),
    path("fund/<id:pk>/", portal.fund_detail, name="fund"),
    path("fund/<id:pk>/donations/new/", portal.donation_new, name="donation-new"),
    path("fund/receipts/<id:pk>/", portal.receipt, name="receipt"),
    path("fund/entries/<id:pk>/reverse/", portal.entry_reverse, name="entry-reverse"),
    path("fund/<id:pk>/pledges/", portal_pledges.pledge_list, name="pledges"),
    path("fund/<id:pk>/pledges/new/", portal_pledges.pledge_new, name="pledge-new"),
    path("fund/pledges/overdue/", portal_pledges.overdue, name="overdue"),
    path("fund/pledges/<id:pk>/", portal_pledges.pledge_detail, name="pledge"),
    path("fund/pledges/<id:pk>/cancel/", portal_pledges.pledge_cancel, name="pledge-cancel"),
    path("fund/pledges/<id:pk>/remind/", portal_pledges.pledge_remind, name="pledge-remind"),
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
    path("fund/imports/", imports.donation_imports, name="donation-imports"),
    path("fund/imports/<id:pk>/", imports.donation_import, name="donation-import"),
    path("fund/imports/template.xlsx", imports.donation_template, name="donation-template"),
    *[
        path(
            f"fund/funds/<id:pk>/{kind}.{fmt}",
            imports.export,
            {"kind": kind, "fmt": fmt},
            name=f"{kind}-{fmt}",
        )
        for kind in ("ledger", "donations")
        for fmt in ("xlsx", "csv")
    ],
]
