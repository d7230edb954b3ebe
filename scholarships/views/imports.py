"""The treasurers' donation lists from Excel and the exports of a fund's books, in the
officers' area (/portal/fund/imports/).

A treasurer uploads a list for a fund whose money they handle (a district's treasurer: the
district's funds only); the file waits in a DonationImport and a task
(scholarships.tasks.import_donations) checks every row and records them all or none, while
the import's page shows how far it has gone (it reloads itself every two seconds while the
import runs: no script) and then the problems by line and column, or the receipts given.
Treasurers and the association's staff download each fund's ledger and donations as xlsx
or CSV, the donors' private details included: no public page offers these files."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from common.spreadsheets.limits import TableError, too_large
from common.spreadsheets.reading import table_format
from common.strict import StrictModelChoiceField, parse_id
from organizations import permissions
from scholarships import access, exports, services
from scholarships.donation_rows import (
    COLUMNS,
    DISPLAY_WORDS,
    KIND_WORDS,
    MAX_BYTES,
    MAX_ROWS,
    METHOD_WORDS,
    REQUIRED,
)
from scholarships.models import DonationImport
from scholarships.permissions import HANDLE_MONEY

RECENT = 20


class DonationListForm(forms.Form):
    fund = StrictModelChoiceField(label=_("Fund"), queryset=None)
    file = forms.FileField(
        label=_("The donation list"),
        help_text=_("An .xlsx workbook (its first sheet) or a .csv file in UTF-8."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )

    def __init__(self, *args, user, chosen=None, **kwargs):
        super().__init__(*args, **kwargs)
        funds = access.money_funds(user).order_by("name")
        self.fields["fund"].queryset = funds
        ids = [fund.pk for fund in funds]
        if chosen in ids:  # the fund whose page the treasurer came from
            self.fields["fund"].initial = chosen
        elif len(ids) == 1:
            self.fields["fund"].initial = ids[0]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise ValidationError(too_large(MAX_BYTES).message, code="too_large")
        upload.seek(0)
        head = upload.read(4)
        upload.seek(0)
        try:
            table_format(upload.name, head)
        except TableError as error:
            raise ValidationError(error.message, code="not_a_table") from error
        return upload


def _require_books(user):
    if not (access.is_staff(user) or permissions.can(user, HANDLE_MONEY)):
        raise PermissionDenied


def _recent(user):
    funds = access.readable_funds(user).values("pk")
    return list(
        DonationImport.objects.filter(fund__in=funds)
        .select_related("fund", "created_by")
        .defer("content", "errors")
        .order_by("-created_at", "-pk")[:RECENT]
    )


@login_required
def donation_imports(request):
    """The upload form, the exports of each fund one may read, the recent imports."""
    user = request.user
    _require_books(user)
    may_import = permissions.can(user, HANDLE_MONEY)
    form = None
    if may_import:
        form = DonationListForm(
            request.POST or None,
            request.FILES or None,
            user=user,
            chosen=parse_id(request.GET.get("fund")),
        )
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            made = services.start_donation_import(
                form.cleaned_data["fund"],
                content=upload.read(MAX_BYTES + 1),
                file_name=(upload.name or "").rsplit("/", 1)[-1],
                by=user,
                language=translation.get_language() or "vi",
            )
            return redirect("scholarships_portal:donation-import", pk=made.pk)
    elif request.method == "POST":
        raise PermissionDenied
    return render(
        request,
        "scholarships/imports/donation_imports.html",
        {
            "form": form,
            "funds": list(access.readable_funds(user).order_by("name")),
            "imports": _recent(user),
            "columns": COLUMNS,
            "required_columns": REQUIRED,
            "kind_words": KIND_WORDS,
            "method_words": METHOD_WORDS,
            "display_words": DISPLAY_WORDS,
            "max_rows": MAX_ROWS,
            "max_megabytes": MAX_BYTES // (1024 * 1024),
        },
    )


@login_required
@require_safe
def donation_import(request, pk):
    """How far an import has gone, then its problems or what it recorded."""
    made = access.get_import_for(request.user, pk)
    return render(
        request,
        "scholarships/imports/donation_import.html",
        {
            "made": made,
            "result": made.result or {},
            "error_count": (made.result or {}).get("error_count") or len(made.errors),
            "refresh": made.running,
        },
    )


@login_required
@require_safe
def donation_template(request):
    _require_books(request.user)
    return exports.template_response()


@login_required
@require_safe
def export(request, pk, kind, fmt):
    """A fund's ledger or donations, as xlsx or CSV, for its treasurers and staff."""
    fund = access.get_fund_for(request.user, pk)
    native = fmt == "xlsx"
    if kind == "ledger":
        dataset = exports.ledger_dataset(fund, native=native)
    else:
        dataset = exports.donations_dataset(fund, private=True, native=native)
    return exports.export_response(dataset, kind=kind, fund=fund, fmt=fmt)
