"""The treasurers' pages of pledges (cam kết): a fund's pledges with what is paid and left,
the overdue pledges of every fund the person handles, a new pledge, a pledge's page with its
payments and history, cancelling it and sending the pledger a reminder."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from campaigns import selectors as campaign_selectors
from common.history.display import history_rows
from common.history.types import PORTAL
from common.links import public_reverse
from scholarships import access, selectors, services
from scholarships.forms.portal import PledgeForm, ReasonForm, add_service_errors
from scholarships.models import Pledge, PledgeState
from scholarships.views.portal import donor_choices, donor_for, fund_units, require_books


def _rows(pledges, today):
    rows = []
    for pledge in pledges:
        left = max(pledge.amount - pledge.paid, 0)
        rows.append(
            {
                "pledge": pledge,
                "paid": pledge.paid,
                "left": left,
                "overdue": pledge.state == PledgeState.OPEN and left > 0 and pledge.due_on < today,
            }
        )
    return rows


@login_required
@require_safe
def pledge_list(request, pk):
    fund = access.get_fund_for(request.user, pk)
    pledges = selectors.with_paid(
        Pledge.objects.filter(fund=fund).select_related("donor", "fund")
    ).order_by("state", "due_on", "pk")
    return render(
        request,
        "scholarships/portal/pledge_list.html",
        {
            "fund": fund,
            "rows": _rows(pledges, timezone.localdate()),
            "handles": access.may_handle(request.user, fund),
        },
    )


@login_required
@require_safe
def overdue(request):
    """The overdue pledges of every fund the person handles (staff: of every fund)."""
    require_books(request.user)
    today = timezone.localdate()
    funds = access.funds_for(request.user)
    return render(
        request,
        "scholarships/portal/overdue.html",
        {"rows": _rows(selectors.overdue_pledges(funds, today), today)},
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def pledge_new(request, pk):
    fund = access.get_fund_for(request.user, pk, access.HANDLE)
    bound = request.method == "POST"
    donors, search = donor_choices(request, bound)
    form = PledgeForm(
        request.POST if bound else None,
        donors=donors,
        activities=campaign_selectors.fundraising_activities(fund_units(fund)),
    )
    if bound and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                made = services.pledge(
                    fund,
                    donor=donor_for(form, by=request.user),
                    amount=data["amount"],
                    due_on=data["due_on"],
                    by=request.user,
                    purpose=data["purpose"],
                    activity=data["activity"],
                    note=data["note"],
                )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("Pledge %(reference)s is recorded.") % {"reference": made.reference}
            )
            return redirect("scholarships_portal:pledge", made.pk)
    return render(
        request,
        "scholarships/portal/pledge_form.html",
        {"fund": fund, "form": form, "search": search},
    )


def _pledge_page(request, pledge, **forms):
    payments = list(
        pledge.payments.select_related("entry__reversed_by", "entry").order_by(
            "entry__occurred_on", "pk"
        )
    )
    standing = [p for p in payments if not hasattr(p.entry, "reversed_by")]
    paid = sum(p.entry.amount for p in standing)
    handles = access.may_handle(request.user, pledge.fund)
    is_open = pledge.state == PledgeState.OPEN
    return render(
        request,
        "scholarships/portal/pledge_detail.html",
        {
            "pledge": pledge,
            "fund": pledge.fund,
            "payments": [
                {"donation": p, "reversed": hasattr(p.entry, "reversed_by")} for p in payments
            ],
            "paid": paid,
            "left": max(pledge.amount - paid, 0),
            "overdue": is_open and paid < pledge.amount and pledge.due_on < timezone.localdate(),
            "handles": handles,
            "may_cancel": handles and is_open,
            "may_remind": handles and is_open and paid < pledge.amount,
            "public_page": public_reverse("scholarships:pledge", args=[pledge.token]),
            "history": history_rows(pledge, audience=PORTAL),
            **forms,
        },
    )


@login_required
@require_safe
def pledge_detail(request, pk):
    return _pledge_page(request, access.get_pledge_for(request.user, pk))


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def pledge_cancel(request, pk):
    pledge = access.get_pledge_for(request.user, pk, access.HANDLE)
    form = ReasonForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.cancel_pledge(pledge, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The pledge is cancelled."))
            return redirect("scholarships_portal:pledge", pledge.pk)
    return render(
        request,
        "scholarships/portal/pledge_cancel.html",
        {"pledge": pledge, "fund": pledge.fund, "form": form},
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def pledge_remind(request, pk):
    pledge = access.get_pledge_for(request.user, pk, access.HANDLE)
    errors = []
    if request.method == "POST":
        try:
            services.remind(pledge, by=request.user)
        except ValidationError as error:
            errors = error.messages
            for message in errors:
                messages.error(request, message)
        else:
            messages.success(
                request,
                _("A reminder is on its way to %(email)s.") % {"email": pledge.donor.email},
            )
            return redirect("scholarships_portal:pledge", pledge.pk)
    return render(
        request,
        "scholarships/portal/pledge_remind.html",
        {
            "pledge": pledge,
            "fund": pledge.fund,
            "left": selectors.pledge_left(pledge),
            "errors": errors,
        },
    )
