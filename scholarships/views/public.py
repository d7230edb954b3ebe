"""The fund's public pages: a pledge's page with its VietQR code."""

import re

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from scholarships import selectors, vietqr
from scholarships.models import Pledge, PledgeState

# A pledge's token: what models.pledges.new_token writes (22 URL-safe characters).
TOKEN = re.compile(r"[A-Za-z0-9_-]{16,32}")


def transfer_qr(fund, *, amount=None, reference=""):
    """The VietQR code of a transfer to `fund` (payload and SVG), or None when the fund has
    no bank account on record."""
    if not (fund.bank_bin and fund.account_number):
        return None
    text = vietqr.payload(
        bin=fund.bank_bin,
        account=fund.account_number,
        amount=amount,
        reference=reference,
        account_name=fund.account_name,
    )
    return {"payload": text, "svg": vietqr.svg(text, title=_("VietQR code for the transfer"))}


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
