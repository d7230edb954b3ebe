"""The treasurers' bank statement import (/portal/fund/<id>/statements/): the fund's imported
statements, the upload, the preview of every credit with its match, the confirmation, and
the summary of an import.

The upload is read and matched (scholarships.statements) and nothing is written. The file
then waits for the confirmation where the officers' uploads wait (common.spreadsheets
.admin_import.PendingUploadStorage: a random name, read back no larger than the reader
reads, forgotten after a day and once used), named by a token signed for the treasurer and
the fund with the file's SHA-256 and the layout. The confirmation reads the file again,
matches it again, and records what the treasurer chose in one transaction
(services.import_statement). Only a treasurer of the fund's unit (HANDLE_MONEY) sees them.
"""

import hashlib

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.spreadsheets.admin_import import KEEP_SECONDS, PendingUploadStorage
from common.spreadsheets.limits import TableError
from common.spreadsheets.reading import MAX_BYTES, MAX_ROWS
from common.strict import without_controls
from organizations import permissions
from scholarships import services
from scholarships.forms.statements import (
    StatementConfirmForm,
    StatementUploadForm,
    fund_donors,
    layout_of,
)
from scholarships.models import BankStatement, Fund, StatementCredit
from scholarships.permissions import HANDLE_MONEY
from scholarships.statements import (
    LAYOUTS,
    StatementError,
    propose,
    read_statement,
    totals,
)

_SALT = f"{__name__}.confirm"


def _fund(request, pk) -> Fund:
    fund = get_object_or_404(Fund.objects.select_related("unit"), pk=pk)
    if not permissions.can(request.user, HANDLE_MONEY, fund.unit):
        raise PermissionDenied
    return fund


def _layout_name(key) -> str:
    layout = LAYOUTS.get(key)
    return layout.name if layout else _("column mapping")


def _upload_page(request, fund, form):
    return render(
        request,
        "scholarships/portal/statement_upload.html",
        {
            "fund": fund,
            "form": form,
            "max_megabytes": MAX_BYTES // (1024 * 1024),
            "max_rows": MAX_ROWS,
        },
    )


def _preview_page(request, fund, form, *, statement, name, status=200):
    return render(
        request,
        "scholarships/portal/statement_preview.html",
        {
            "fund": fund,
            "form": form,
            "statement": statement,
            "file_name": name,
            "totals": totals(form.proposals),
        },
        status=status,
    )


def _read(content, spec, fund, name):
    """The statement and its proposals, or the message saying why the file is refused."""
    try:
        statement = read_statement(content, layout_of(spec), fund, filename=name)
    except (TableError, StatementError) as error:
        return None, None, error.message
    return statement, propose(fund, statement.credits), None


# --- the list and the summary ----------------------------------------------------------------


@login_required
def statement_list(request, pk):
    fund = _fund(request, pk)
    statements = list(BankStatement.objects.filter(fund=fund).select_related("imported_by"))
    for statement in statements:
        statement.layout_name = _layout_name(statement.layout)
    return render(
        request,
        "scholarships/portal/statement_list.html",
        {"fund": fund, "statements": statements},
    )


@login_required
def statement_detail(request, pk, statement):
    fund = _fund(request, pk)
    statement = get_object_or_404(
        BankStatement.objects.select_related("imported_by"), pk=statement, fund=fund
    )
    credits = StatementCredit.objects.filter(statement=statement).select_related(
        "donation__donor", "donation__entry", "donation__pledge__fund"
    )
    return render(
        request,
        "scholarships/portal/statement_detail.html",
        {
            "fund": fund,
            "statement": statement,
            "layout_name": _layout_name(statement.layout),
            "credits": credits,
            "total": sum(credit.amount for credit in credits),
        },
    )


# --- the upload, the preview and the confirmation ------------------------------------------


@login_required
def statement_upload(request, pk):
    """The form, and on a POST the preview of every credit. Nothing is written here."""
    fund = _fund(request, pk)
    form = StatementUploadForm(request.POST or None, request.FILES or None)
    if request.method != "POST" or not form.is_valid():
        return _upload_page(request, fund, form)
    upload = form.cleaned_data["file"]
    name = without_controls((upload.name or "").rsplit("/", 1)[-1])[:200]
    content = upload.read(MAX_BYTES + 1)
    spec = form.spec()
    statement, proposals, problem = _read(content, spec, fund, name)
    if problem:
        form.add_error("file", problem)
        return _upload_page(request, fund, form)
    storage = PendingUploadStorage(name=None, encoding=None, read_mode="rb")
    storage.save(content)
    token = signing.dumps(
        {
            "stored": storage.name,
            "name": name,
            "sha256": hashlib.sha256(content).hexdigest(),
            "layout": spec,
            "fund": fund.pk,
        },
        salt=f"{_SALT}:{request.user.pk}",
    )
    confirm = StatementConfirmForm(
        initial={"token": token}, proposals=proposals, donors=fund_donors(fund)
    )
    return _preview_page(request, fund, confirm, statement=statement, name=name)


def _signed(request, fund):
    """The token's contents and the stored file, or None when it is not one of ours."""
    try:
        signed = signing.loads(
            request.POST.get("token", ""),
            salt=f"{_SALT}:{request.user.pk}",
            max_age=KEEP_SECONDS,
        )
        if signed["fund"] != fund.pk:
            return None, None
        storage = PendingUploadStorage(name=signed["stored"], encoding=None, read_mode="rb")
    except (signing.BadSignature, KeyError, TypeError):
        return None, None
    if not storage.exists():
        return None, None
    return signed, storage


@login_required
@require_POST
def statement_confirm(request, pk):
    """Record what the treasurer chose, in one transaction, or nothing."""
    fund = _fund(request, pk)
    back = redirect("scholarships_portal:statement-upload", pk=fund.pk)
    signed, storage = _signed(request, fund)
    if signed is None:
        messages.error(request, _("That upload has expired. Please upload the file again."))
        return back
    content = storage.read()
    name = str(signed["name"])
    if hashlib.sha256(content).hexdigest() != signed["sha256"]:
        storage.remove()
        messages.error(request, _("That upload has expired. Please upload the file again."))
        return back
    statement, proposals, problem = _read(content, signed["layout"], fund, name)
    if problem:
        storage.remove()
        messages.error(request, problem)
        return back
    form = StatementConfirmForm(request.POST, proposals=proposals, donors=fund_donors(fund))
    if not form.is_valid():
        return _preview_page(request, fund, form, statement=statement, name=name, status=400)
    try:
        summary = services.import_statement(
            fund,
            file_name=name,
            sha256=signed["sha256"],
            layout=statement.layout.key,
            rows=statement.rows,
            credits=form.confirmed(),
            by=request.user,
        )
    except ValidationError as error:
        for message in error.messages:
            form.add_error(None, message)
        return _preview_page(request, fund, form, statement=statement, name=name, status=400)
    storage.remove()
    messages.success(
        request,
        _("%(name)s was imported: %(recorded)s credits recorded, %(skipped)s already recorded.")
        % {"name": name, "recorded": summary["recorded"], "skipped": summary["skipped"]},
    )
    return redirect("scholarships_portal:statement", pk=fund.pk, statement=summary["statement"].pk)
