"""The public receipt check (/fund/receipts/check/): a donor types the number and the check
code printed on their receipt and sees whether the fund recorded it, as they chose to
appear. Nothing else is told: a wrong number or code says only that no such receipt was
found, never whether the number exists; no address, phone or e-mail is ever shown."""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from scholarships import selectors
from scholarships.forms.public import ReceiptCheckForm


@require_safe
def receipt_check(request):
    asked = "number" in request.GET or "code" in request.GET
    form = ReceiptCheckForm(request.GET if asked else None)
    found = None
    context = {"form": form, "asked": asked, "found": None}
    if asked and form.is_valid():
        found = selectors.receipt(form.cleaned_data["number"], form.cleaned_data["code"])
        if found is not None:
            context["found"] = {
                "donation": found,
                "fund": found.fund,
                "entry": found.entry,
                "name": selectors.public_name(found),
                "amount": selectors.public_amount(found),
                "reversed": selectors.is_reversed(found),
            }
    response = render(request, "scholarships/public/receipt_check.html", context)
    response["X-Robots-Tag"] = "noindex"
    if asked:
        response["Cache-Control"] = "private, no-store"
    return response
