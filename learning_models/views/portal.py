"""A learning-model dossier's page in the portal (/portal/learning-models/<pk>/) and its
forms: the unit's people fill the self-assessment indicator by indicator with its
evidence, attach the report and the cover letter and submit; the competent reviewers
appraise the dossier and record the decision; staff allow a late filing. (The lists and
registering are views/portal_lists.py.)

Views are thin: they fetch and authorise (`_dossier_for`: 403 unless the person sees the
dossier's unit or may appraise it), validate a form, call one service, and either redirect
back with a message or show the page again with the service's ValidationError on the form.
A PermissionDenied from a service becomes Django's 403 page.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common import attachments
from common.history.display import history_rows
from common.history.types import PORTAL
from learning_models import results, selectors, services
from learning_models.forms.portal import (
    DecisionForm,
    FileForm,
    IndicatorRowsForm,
    ReasonForm,
    TeamForm,
    add_service_errors,
)
from learning_models.models import Criterion, Dossier, DossierFile, FileKind
from learning_models.permissions import MANAGE_CATALOGUE
from learning_models.states import CLOSED, EDITABLE, DossierState
from learning_models.workflows import BUTTONS, DOSSIER, may_appraise, may_edit
from organizations import permissions

REASON_MOVES = ("return", "refuse")


def _dossier_for(user, pk):
    """The dossier `pk` if `user` sees its unit or may appraise it: 404 if there is none,
    403 otherwise."""
    dossier = get_object_or_404(
        Dossier.objects.select_related("unit", "criteria_set", "late_filing_allowed_by"), pk=pk
    )
    if not selectors.may_see(user, dossier):
        raise PermissionDenied
    return dossier


def _back(dossier, anchor=""):
    return redirect(dossier.get_absolute_url() + anchor)


# --- the lists --------------------------------------------------------------------------


def _rows(dossier):
    return list(
        dossier.values.select_related("indicator__criterion").order_by(
            "indicator__criterion__number", "indicator__number"
        )
    )


def _evaluation(dossier, rows, *, appraisal=False):
    criteria = (
        Criterion.objects.filter(criteria_set=dossier.criteria_set_id)
        .select_related("criteria_set")
        .prefetch_related("indicators")
    )
    field = "appraised_value" if appraisal else "value"
    return results.evaluate(criteria, {row.indicator_id: getattr(row, field) for row in rows})


def _groups(rows, form, files, outcome, appraisal_outcome):
    """The indicator rows by criterion, each with its form fields and evidence files."""
    bound = {row.pk: fields for row, *fields in (form.bound_rows() if form else [])}
    met = {
        criterion_result.criterion.pk: criterion_result.met for criterion_result in outcome.criteria
    }
    appraised_met = (
        {c.criterion.pk: c.met for c in appraisal_outcome.criteria} if appraisal_outcome else {}
    )
    groups = []
    for row in rows:
        criterion = row.indicator.criterion
        if not groups or groups[-1]["criterion"].pk != criterion.pk:
            groups.append(
                {
                    "criterion": criterion,
                    "met": met.get(criterion.pk),
                    "appraised_met": appraised_met.get(criterion.pk),
                    "rows": [],
                }
            )
        value, note, evidence = bound.get(row.pk, (None, None, None))
        groups[-1]["rows"].append(
            {
                "row": row,
                "value": value,
                "note": note,
                "evidence": evidence,
                "files": [f for f in files if f.indicator_id == row.indicator_id],
            }
        )
    return groups


def _page(request, dossier, *, status=200, **forms):
    """The dossier page, with `forms` (bound ones sent back with their errors) in place of
    the empty forms."""
    user = request.user
    today = timezone.localdate()
    rows = _rows(dossier)
    files = list(dossier.files.select_related("indicator__criterion"))
    editable = dossier.state in EDITABLE and may_edit(user, dossier)
    appraising = dossier.state == DossierState.UNDER_APPRAISAL and may_appraise(user, dossier)
    names = DOSSIER.names_for(dossier, user)
    deadline = dossier.filing_deadline
    late = deadline is not None and today > deadline
    self_form = appraisal_form = None
    if editable:
        self_form = forms.get("self_form") or IndicatorRowsForm(rows=rows)
    if appraising:
        appraisal_form = forms.get("appraisal_form") or IndicatorRowsForm(rows=rows, appraisal=True)
    outcome = _evaluation(dossier, rows)
    appraisal_outcome = (
        _evaluation(dossier, rows, appraisal=True)
        if dossier.state in (DossierState.UNDER_APPRAISAL, *CLOSED)
        else None
    )
    context = {
        "dossier": dossier,
        "criteria_set": dossier.criteria_set,
        "deadline": deadline,
        "late": late,
        "editable": editable,
        "appraising": appraising,
        "buttons": [m for m in DOSSIER.moves_for(dossier, user) if m.name in BUTTONS],
        "groups": _groups(rows, self_form or appraisal_form, files, outcome, appraisal_outcome),
        "outcome": outcome,
        "appraisal_outcome": appraisal_outcome,
        "self_form": self_form,
        "appraisal_form": appraisal_form,
        "team_form": forms.get("team_form")
        or (TeamForm(initial={"team": dossier.team}) if editable else None),
        "file_form": forms.get("file_form") or (FileForm() if editable else None),
        "return_form": forms.get("return_form")
        or (ReasonForm(prefix="return") if "return" in names else None),
        "refuse_form": forms.get("refuse_form")
        or (ReasonForm(prefix="refuse") if "refuse" in names else None),
        "decision_form": forms.get("decision_form")
        or (
            DecisionForm(initial=DecisionForm.initial_for(dossier))
            if "recognise" in names or appraising
            else None
        ),
        "late_form": forms.get("late_form")
        or (
            ReasonForm(prefix="late")
            if late
            and dossier.late_filing_allowed_by_id is None
            and dossier.state in EDITABLE
            and permissions.can(user, MANAGE_CATALOGUE, dossier.unit)
            else None
        ),
        "files": files,
        "indicator_files": any(f.indicator_id is not None for f in files),
        "has_report": any(f.kind == FileKind.SELF_REPORT for f in files),
        "has_letter": any(f.kind == FileKind.COVER_LETTER for f in files),
        "recognition": getattr(dossier, "recognition", None)
        if dossier.state == DossierState.RECOGNISED
        else None,
        "history": history_rows(dossier, audience=PORTAL),
    }
    for name, form in forms.items():
        if context.get(name) is not form:  # the state changed meanwhile: say it above
            for errors in form.errors.values():
                for message in errors:
                    messages.error(request, message)
    return render(request, "learning_models/portal/dossier_detail.html", context, status=status)


@login_required
def dossier_detail(request, pk):
    dossier = _dossier_for(request.user, pk)
    return _page(request, dossier)


def _refused(request, dossier, error, **forms):
    """Show the page again with the refusal on the form that was sent."""
    form = next(iter(forms.values()))
    add_service_errors(form, error)
    messages.error(request, _("Nothing was saved. Please correct what the form says."))
    return _page(request, dossier, **forms)


@login_required
@require_POST
def dossier_team(request, pk):
    dossier = _dossier_for(request.user, pk)
    if not may_edit(request.user, dossier):
        raise PermissionDenied
    form = TeamForm(request.POST)
    if not form.is_valid():
        return _page(request, dossier, team_form=form)
    try:
        services.set_team(dossier, team=form.cleaned_data["team"], by=request.user)
    except ValidationError as error:
        return _refused(request, dossier, error, team_form=form)
    messages.success(request, _("The assessment team is saved."))
    return _back(dossier, "#team")


@login_required
@require_POST
def dossier_self_assessment(request, pk):
    dossier = _dossier_for(request.user, pk)
    if not may_edit(request.user, dossier):
        raise PermissionDenied
    form = IndicatorRowsForm(request.POST, request.FILES, rows=_rows(dossier))
    if not form.is_valid():
        messages.error(request, _("Nothing was saved. Please correct the values marked below."))
        return _page(request, dossier, self_form=form)
    try:
        outcome = services.save_self_assessment(dossier, entries=form.entries(), by=request.user)
        for indicator, upload in form.evidence():
            services.attach_file(
                dossier,
                kind=FileKind.EVIDENCE,
                upload=upload,
                by=request.user,
                indicator=indicator,
            )
    except ValidationError as error:
        return _refused(request, dossier, error, self_form=form)
    messages.success(request, _result_message(outcome))
    return _back(dossier, "#self-assessment")


def _result_message(outcome):
    if outcome.passed is None:
        return _("The self-assessment is saved; %(count)s indicators have no value yet.") % {
            "count": len(outcome.missing)
        }
    if outcome.passed:
        return _("The self-assessment is saved: the unit meets the criteria set.")
    return _("The self-assessment is saved: the unit does not meet the criteria set yet.")


@login_required
@require_POST
def dossier_attach(request, pk):
    dossier = _dossier_for(request.user, pk)
    if not may_edit(request.user, dossier):
        raise PermissionDenied
    form = FileForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, dossier, file_form=form)
    try:
        item = services.attach_file(
            dossier,
            kind=form.cleaned_data["kind"],
            upload=form.cleaned_data["file"],
            by=request.user,
        )
    except ValidationError as error:
        return _refused(request, dossier, error, file_form=form)
    messages.success(request, _("The file “%(name)s” is attached.") % {"name": item.original_name})
    return _back(dossier, "#files")


def _move_message(name):
    messages_by_move = {
        "self_assess": _(
            "The self-assessment is completed. Attach the report and the cover letter, then "
            "submit the dossier."
        ),
        "submit": _("The dossier is submitted for appraisal."),
        "resubmit": _("The dossier is submitted again for appraisal."),
        "start_appraisal": _(
            "The appraisal has started. Check each indicator's value and correct it where needed."
        ),
        "return": _("The dossier is returned to the unit for completion."),
        "refuse": _("The dossier is not recognised; the reasons are recorded."),
    }
    return messages_by_move[name]


@login_required
@require_POST
def dossier_move(request, pk, name):
    dossier = _dossier_for(request.user, pk)
    if name not in (*BUTTONS, *REASON_MOVES):
        raise Http404
    form = None
    reason = ""
    if name in REASON_MOVES:
        form = ReasonForm(request.POST, prefix=name)
        if not form.is_valid():
            if not DOSSIER.get(name).who(request.user, dossier):
                raise PermissionDenied
            return _page(request, dossier, **{f"{name}_form": form})
        reason = form.cleaned_data["reason"]
    try:
        services.make_move(dossier, name=name, by=request.user, reason=reason)
    except ValidationError as error:
        if form is not None:
            return _refused(request, dossier, error, **{f"{name}_form": form})
        for message in error.messages:
            messages.error(request, message)
        return _back(dossier)
    messages.success(request, _move_message(name))
    return _back(dossier)


@login_required
@require_POST
def dossier_appraisal(request, pk):
    dossier = _dossier_for(request.user, pk)
    if not may_appraise(request.user, dossier):
        raise PermissionDenied
    form = IndicatorRowsForm(request.POST, rows=_rows(dossier), appraisal=True)
    if not form.is_valid():
        messages.error(request, _("Nothing was saved. Please correct the values marked below."))
        return _page(request, dossier, appraisal_form=form)
    try:
        outcome = services.save_appraisal(dossier, entries=form.entries(), by=request.user)
    except ValidationError as error:
        return _refused(request, dossier, error, appraisal_form=form)
    if outcome.passed:
        note = _("The appraisal is saved: the dossier meets the criteria set.")
    elif outcome.passed is None:
        note = _("The appraisal is saved; some indicators have no value yet.")
    else:
        note = _("The appraisal is saved: the dossier does not meet the criteria set.")
    messages.success(request, note)
    return _back(dossier, "#appraisal")


@login_required
@require_POST
def dossier_decision(request, pk):
    dossier = _dossier_for(request.user, pk)
    if not may_appraise(request.user, dossier):
        raise PermissionDenied
    form = DecisionForm(request.POST)
    if not form.is_valid():
        return _page(request, dossier, decision_form=form)
    try:
        recognition = services.recognise(dossier, by=request.user, **form.cleaned_data)
    except ValidationError as error:
        return _refused(request, dossier, error, decision_form=form)
    messages.success(
        request,
        _("The recognition is recorded: decision %(number)s. Its verification code is %(code)s.")
        % {"number": recognition.decision_number, "code": recognition.code},
    )
    return _back(dossier)


@login_required
@require_POST
def dossier_late_filing(request, pk):
    dossier = _dossier_for(request.user, pk)
    if not permissions.can(request.user, MANAGE_CATALOGUE, dossier.unit):
        raise PermissionDenied
    form = ReasonForm(request.POST, prefix="late")
    if not form.is_valid():
        return _page(request, dossier, late_form=form)
    try:
        services.allow_late_filing(dossier, by=request.user, reason=form.cleaned_data["reason"])
    except ValidationError as error:
        return _refused(request, dossier, error, late_form=form)
    messages.success(request, _("Filing after the deadline is allowed for this dossier."))
    return _back(dossier)


@login_required
def dossier_file(request, pk):
    """A dossier's file, for the people who see its unit or appraise it; never run as a
    page."""
    item = get_object_or_404(DossierFile.objects.select_related("dossier__unit"), pk=pk)
    if not selectors.may_see(request.user, item.dossier):
        raise PermissionDenied
    try:
        handle = item.file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    response = FileResponse(
        handle,
        content_type=item.content_type,
        as_attachment=True,
        filename=attachments.download_name(item.original_name, item.content_type),
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
