"""The treasurers' pages of the fund's books, under /portal/fund/: the funds a person may
see with their balances, a fund's ledger, recording a donation, its printable receipt, and
reversing an entry. (Pledges are views/portal_pledges.py.)

Views are thin: they fetch and authorise (scholarships.access: READ for the fund's
treasurers and the association's staff, HANDLE for its treasurers only), validate a form,
call the services, and put a service's ValidationError back on the form. A PermissionDenied
becomes Django's 403 page."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from campaigns import selectors as campaign_selectors
from common.links import public_reverse
from organizations.models import Unit, UnitAncestry
from scholarships import access, selectors, services, vietqr
from scholarships.forms.portal import DonationForm, DonorSearchForm, ReasonForm, add_service_errors
from scholarships.models import EntryKind, LedgerEntry
from scholarships.words import in_words

PAGE_SIZE = 50


def require_books(user):
    if not access.may_see_books(user):
        raise PermissionDenied


@login_required
@require_safe
def fund_list(request):
    """The funds the person may see, each with its balance: in total, free, restricted."""
    require_books(request.user)
    funds = list(access.funds_for(request.user))
    balances = selectors.fund_balances(funds)
    rows = [
        {
            "fund": fund,
            **selectors.split_balance(balances.get(fund.pk, {})),
            "handles": access.may_handle(request.user, fund),
        }
        for fund in funds
    ]
    return render(
        request,
        "scholarships/portal/fund_list.html",
        {"rows": rows, "handles_any": any(row["handles"] for row in rows)},
    )


def _purposes(by_purpose):
    return [
        {"purpose": purpose, "balance": total}
        for purpose, total in sorted(by_purpose.items())
        if purpose
    ]


@login_required
@require_safe
def fund_detail(request, pk):
    """A fund's balances by purpose and its ledger, the newest entries first."""
    fund = access.get_fund_for(request.user, pk)
    by_purpose = selectors.balances(fund)
    page = Paginator(selectors.ledger(fund), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "scholarships/portal/fund_detail.html",
        {
            "fund": fund,
            **selectors.split_balance(by_purpose),
            "purposes": _purposes(by_purpose),
            "page": page,
            "entries": [_ledger_row(entry) for entry in page.object_list],
            "handles": access.may_handle(request.user, fund),
        },
    )


def _reversal_of(entry):
    try:
        return entry.reversed_by
    except LedgerEntry.reversed_by.RelatedObjectDoesNotExist:
        return None


def _donation_of(entry):
    try:
        return entry.donation
    except LedgerEntry.donation.RelatedObjectDoesNotExist:
        return None


def _ledger_row(entry):
    return {
        "entry": entry,
        "donation": _donation_of(entry),
        "reversal": _reversal_of(entry),
        "reversible": entry.kind != EntryKind.REVERSAL and _reversal_of(entry) is None,
    }


# --- recording a donation -------------------------------------------------------------------


def fund_units(fund):
    """The fund's unit and the units under it (at any time): whose fundraising activities
    its gifts may name."""
    return Unit.objects.filter(
        Q(pk=fund.unit_id)
        | Q(pk__in=UnitAncestry.objects.filter(ancestor=fund.unit_id).values("unit_id"))
    )


def donor_choices(request, bound):
    donors = selectors.donors_of(access.handled_funds(request.user))
    search = DonorSearchForm(request.GET or None)
    if not bound and search.is_valid() and search.cleaned_data["find"]:
        donors = donors.filter(name__icontains=search.cleaned_data["find"])
    return donors, search


def _purposes_in_use(fund):
    return list(
        LedgerEntry.objects.filter(fund=fund)
        .exclude(purpose="")
        .values_list("purpose", flat=True)
        .distinct()
        .order_by("purpose")
    )


def donor_for(form, *, by):
    """The donor the form names, or a new one recorded through the service."""
    details = form.new_donor()
    if details is None:
        return form.cleaned_data["donor"]
    return services.create_donor(by=by, **details)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def donation_new(request, pk):
    fund = access.get_fund_for(request.user, pk, access.HANDLE)
    bound = request.method == "POST"
    donors, search = donor_choices(request, bound)
    form = DonationForm(
        request.POST if bound else None,
        donors=donors,
        pledges=selectors.open_pledges(fund),
        activities=campaign_selectors.fundraising_activities(fund_units(fund)),
    )
    if bound and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                donation = services.donate(
                    fund,
                    donor=donor_for(form, by=request.user),
                    amount=data["amount"],
                    method=data["method"],
                    by=request.user,
                    purpose=data["purpose"],
                    in_kind=data["in_kind"],
                    occurred_on=data["occurred_on"],
                    pledge=data["pledge"],
                    activity=data["activity"],
                )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("The donation is recorded: receipt %(receipt)s.")
                % {"receipt": donation.receipt_label},
            )
            return redirect("scholarships_portal:receipt", donation.pk)
    return render(
        request,
        "scholarships/portal/donation_form.html",
        {"fund": fund, "form": form, "search": search, "purposes": _purposes_in_use(fund)},
        status=200,
    )


# --- the receipt ------------------------------------------------------------------------------


def check_address(donation=None):
    """The public receipt check's address (with the receipt filled in, when named)."""
    address = public_reverse("scholarships:receipt-check")
    if donation is None:
        return address
    return f"{address}?{urlencode({'number': donation.receipt_label, 'code': donation.code})}"


@login_required
@require_safe
def receipt(request, pk):
    """The printable receipt of a donation (A5 or A4), in Vietnamese."""
    donation = access.get_donation_for(request.user, pk)
    entry = donation.entry
    reversal = _reversal_of(entry)
    check = check_address(donation)
    return render(
        request,
        "scholarships/portal/receipt.html",
        {
            "donation": donation,
            "fund": donation.fund,
            "entry": entry,
            "reversal": reversal,
            "words": in_words(entry.amount),
            "check_page": check_address(),
            "check_qr": vietqr.svg(check, title=_("The receipt check page")),
            "handles": access.may_handle(request.user, donation.fund),
        },
    )


# --- reversing an entry -----------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def entry_reverse(request, pk):
    entry = access.get_entry_for(request.user, pk, access.HANDLE)
    form = ReasonForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.reverse(entry, by=request.user, reason=form.cleaned_data["reason"])
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The entry is reversed; both stay in the books."))
                return redirect(reverse("scholarships_portal:fund", args=[entry.fund_id]))
        if not form.is_valid():
            messages.error(request, _("Nothing was reversed. Please correct what the form says."))
    return render(
        request,
        "scholarships/portal/entry_reverse.html",
        {"entry": entry, "fund": entry.fund, "form": form, **_ledger_row(entry)},
    )
