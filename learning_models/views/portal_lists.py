"""The officers' and reviewers' lists of learning-model dossiers (their own units', the
appraisal queue, the recognitions about to expire) and registering a unit for a title.
The dossier's own page and its forms are views/portal.py."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from learning_models import selectors, services
from learning_models.forms.portal import (
    DossierFilterForm,
    RegisterForm,
    add_service_errors,
)
from learning_models.permissions import EDIT_DOSSIERS, REVIEW
from organizations import permissions

PAGE_SIZE = 50
# The moves with a reason of their own, shown as small forms beside the buttons.


def _tabs(user):
    """Which of the dossier pages' tabs the person gets."""
    return {
        "may_register": permissions.can(user, EDIT_DOSSIERS),
        "may_appraise": permissions.can(user, REVIEW),
    }


@login_required
def dossier_list(request):
    """The dossiers of my units, filtered by year, title and state, 50 a page."""
    user = request.user
    if not (permissions.can(user, EDIT_DOSSIERS) or permissions.can(user, REVIEW)):
        raise PermissionDenied
    form = DossierFilterForm(request.GET or None)
    dossiers = selectors.visible_dossiers(user).select_related("unit")
    if form.is_bound:
        if form.is_valid():
            filters = form.cleaned_data
            if filters["year"]:
                dossiers = dossiers.filter(year=filters["year"])
            if filters["title"]:
                dossiers = dossiers.filter(title=filters["title"])
            if filters["state"]:
                dossiers = dossiers.filter(state=filters["state"])
        else:
            dossiers = dossiers.none()
    page = Paginator(dossiers.order_by("-year", "unit__search_name", "title", "pk"), PAGE_SIZE)
    page = page.get_page(request.GET.get("page"))
    return render(
        request,
        "learning_models/portal/dossier_list.html",
        {
            "form": form,
            "page": page,
            "dossiers": list(page.object_list),
            **_tabs(user),
        },
    )


@login_required
def appraisal_queue(request):
    """The dossiers waiting for my appraisal, the longest waiting first."""
    user = request.user
    if not permissions.can(user, REVIEW):
        raise PermissionDenied
    dossiers = (
        selectors.awaiting_appraisal(user).select_related("unit").order_by("submitted_at", "pk")
    )
    page = Paginator(dossiers, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "learning_models/portal/appraisal_queue.html",
        {"page": page, "dossiers": list(page.object_list), **_tabs(user)},
    )


@login_required
def expiring(request):
    """Recognitions of my units that expire in the next six months, or expired last month."""
    user = request.user
    if not permissions.can(user, EDIT_DOSSIERS):
        raise PermissionDenied
    today = timezone.localdate()
    recognitions = list(
        selectors.expiring_recognitions(user, today)
        .select_related("unit")
        .order_by("valid_until", "pk")
    )
    for recognition in recognitions:
        recognition.days_left = (recognition.valid_until - today).days
    since, until = selectors.expiring_window(today)
    return render(
        request,
        "learning_models/portal/expiring.html",
        {
            "recognitions": recognitions,
            "since": since,
            "until": until,
            "today": today,
            **_tabs(user),
        },
    )


# --- registering ------------------------------------------------------------------------


@login_required
def register(request):
    user = request.user
    if not permissions.can(user, EDIT_DOSSIERS):
        raise PermissionDenied
    form = RegisterForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        values = form.cleaned_data
        try:
            dossier = services.register(
                unit=values["unit"],
                title=values["title"],
                level=values["level"],
                year=values["year"],
                by=user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _(
                    "The dossier is registered. Name the assessment team, then fill in the "
                    "self-assessment."
                ),
            )
            return redirect(dossier.get_absolute_url())
    return render(request, "learning_models/portal/register.html", {"form": form})


# --- one dossier ------------------------------------------------------------------------
