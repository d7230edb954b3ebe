"""The fund's public pages that take money: each fund's "Ủng hộ Quỹ" giving page, and a
pledge's page, both with a VietQR code of the transfer (the disclosure and the yearly
statements are in views/disclosure.py)."""

import re

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from common.public_cache import public_page
from scholarships import selectors, vietqr
from scholarships.forms.public import GiveForm
from scholarships.models import Fund, Pledge, PledgeState
from scholarships.selectors import public as public_selectors

# A pledge's token: what models.pledges.new_token writes (22 URL-safe characters).
TOKEN = re.compile(r"[A-Za-z0-9_-]{16,32}")


def transfer_qr(fund, *, amount=None, reference=""):
    """The VietQR code of a transfer to `fund` (payload and SVG), or None when the fund has
    no bank account on record."""
    if not (fund.bank_bin and fund.account_number):
        return None
    fields = {
        "bin": fund.bank_bin,
        "account": fund.account_number,
        "amount": amount,
        "reference": reference,
    }
    try:
        text = vietqr.payload(**fields, account_name=fund.account_name)
    except ValueError:
        # The name is longer than the code's field holds (25 letters): banking apps show
        # the name NAPAS gives them for the account anyway, so the code goes without it.
        text = vietqr.payload(**fields)
    drawing = vietqr.svg(text, title=_("VietQR code for the transfer"))
    # An image to assistive technology, named by its <title>.
    drawing = drawing.replace("<svg ", '<svg role="img" ', 1)
    return {"payload": text, "svg": drawing}


def giving_reference(fund) -> str:
    """What a gift without a pledge writes in the transfer's description: the fund's prefix
    and "UNG HO" (ủng hộ, without diacritics, as banks carry it)."""
    return f"{fund.reference_prefix} UNG HO"


@require_safe
def fund(request, pk):
    """A fund's giving page. With an amount typed (?amount=), the page is the giver's own and
    is not kept in the shared cache; without one, it is served from it."""
    if request.GET:
        return _fund_page(request, pk)
    return _cached_fund_page(request, pk)


def _fund_page(request, pk):
    chosen = get_object_or_404(Fund.objects.select_related("unit"), pk=pk)
    today = timezone.localdate()
    form = GiveForm(request.GET or None)
    amount = form.cleaned_data["amount"] if form.is_valid() else None
    reference = giving_reference(chosen)
    context = {
        "fund": chosen,
        "form": form,
        "amount": amount,
        "reference": reference,
        "qr": transfer_qr(chosen, amount=amount, reference=reference),
        "year": today.year,
        "figures": public_selectors.fund_year(chosen, today.year),
    }
    response = render(request, "scholarships/public/fund.html", context)
    if request.GET:
        response["Cache-Control"] = "private, no-store"
        response["X-Robots-Tag"] = "noindex"
    return response


_cached_fund_page = public_page(_fund_page)


@require_safe
def pledge(request, token):
    if not TOKEN.fullmatch(token):
        raise Http404
    promised = get_object_or_404(Pledge.objects.select_related("fund", "donor"), token=token)
    left = selectors.pledge_left(promised)
    is_open = promised.state == PledgeState.OPEN and left > 0
    context = {
        "pledge": promised,
        "fund": promised.fund,
        "paid": promised.amount - left,
        "left": left,
        "is_open": is_open,
        "qr": transfer_qr(promised.fund, amount=left, reference=promised.reference)
        if is_open
        else None,
    }
    response = render(request, "scholarships/public/pledge.html", context)
    response["X-Robots-Tag"] = "noindex"
    response["Cache-Control"] = "private, no-store"
    return response
