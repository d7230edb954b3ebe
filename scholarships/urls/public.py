"""The fund's public pages, under /fund/."""

from django.urls import path

from scholarships.views import disclosure, public, receipts

app_name = "scholarships"

urlpatterns = [
    # --- the disclosure, the funds' giving pages and yearly statements ---
    path("", disclosure.index, name="disclosure"),
    path("<id:pk>/", public.fund, name="fund"),
    path("<id:pk>/statements/<int:year>/", disclosure.statement, name="statement"),
    path("<id:pk>/statements/<int:year>.xlsx", disclosure.statement_file, name="statement-xlsx"),
    # --- receipts checked by donors ---
    path("receipts/check/", receipts.receipt_check, name="receipt-check"),
    # A pledge's page is reached by its token (models.pledges.new_token): anything else is
    # a 404.
    path("pledges/<str:token>/", public.pledge, name="pledge"),
]
