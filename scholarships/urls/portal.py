"""The treasurers' pages of the fund, under /portal/fund/."""

from django.urls import path

from scholarships.views import imports

app_name = "scholarships_portal"

urlpatterns = [
    # --- the books: funds, donations, receipts, reversals, pledges ---
    # --- bank statements ---
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
