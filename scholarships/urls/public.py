"""The fund's public pages, under /fund/."""

from django.urls import path

from scholarships.views import public, receipts

app_name = "scholarships"

urlpatterns = [
    # --- the disclosure, the funds' giving pages and yearly statements ---
    # --- receipts checked by donors ---
    path("receipts/check/", receipts.receipt_check, name="receipt-check"),
    # A pledge's page is reached by its token (models.pledges.new_token): anything else is
    # a 404.
    path("pledges/<str:token>/", public.pledge, name="pledge"),
]
