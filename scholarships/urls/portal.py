"""The treasurers' pages of the fund, under /portal/fund/."""

from django.urls import path  # noqa: F401

app_name = "scholarships_portal"

urlpatterns = [
    # --- the books: funds, donations, receipts, reversals, pledges ---
    # --- bank statements ---
    # --- donation lists from Excel, and exports ---
]
