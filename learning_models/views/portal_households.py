"""The communes' yearly counts and lists of recognised families, clans, villages and citizens
in the officers' area (/portal/learning-models/households/): what the communes one may act
on have sent, the Vietnamese templates, and the upload from Excel.

The upload is the admin's import (learning_models.resources), seen by an officer: the file
is read by read_table within its limits (anything that is not a table becomes a message),
checked whole on a dry run and previewed; only when every row is right is it kept, in the
folder where uploads wait for their confirmation (common.spreadsheets.admin_import
.PendingUploadStorage: a random name, read back no larger than read_table reads, forgotten
after a day and once used), named by a token signed for the uploader. The confirmation
reads it again and imports it whole, or nothing. The resource gets `allowed`: a row of a
commune the person may not act on (EDIT_DOSSIERS) is an error on its "Mã xã".
"""

from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from common.spreadsheets.admin_import import KEEP_SECONDS, PendingUploadStorage
from common.spreadsheets.limits import TableError, too_large
from common.spreadsheets.reading import MAX_BYTES, MAX_ROWS, read_table
from learning_models.admin.households import (
    HouseholdCountAdmin,
    RecognisedHouseholdAdmin,
    template_response,
)
from learning_models.models import HouseholdCount, RecognisedHousehold
from learning_models.permissions import EDIT_DOSSIERS, REVIEW
from learning_models.resources import (
    COUNT_COLUMNS,
    COUNT_REQUIRED,
    HOUSEHOLD_COLUMNS,
    HOUSEHOLD_REQUIRED,
    HouseholdCountResource,
    RecognisedHouseholdResource,
)
from learning_models.states import HOUSEHOLD_TITLES, Title
from organizations import permissions

_SALT = f"{__name__}.confirm"


@dataclass(frozen=True)
class Kind:
    """One of the two lists a commune sends."""

    key: str
    label: str
    resource: type
    admin: type
    columns: tuple
    required: tuple


KINDS = {
    "households": Kind(
        "households",
        gettext_lazy("List of recognised families, clans, villages and citizens"),
        RecognisedHouseholdResource,
        RecognisedHouseholdAdmin,
        HOUSEHOLD_COLUMNS,
        HOUSEHOLD_REQUIRED,
    ),
    "counts": Kind(
        "counts",
        gettext_lazy("Yearly counts (registered and recognised)"),
        HouseholdCountResource,
        HouseholdCountAdmin,
        COUNT_COLUMNS,
        COUNT_REQUIRED,
    ),
}


class HouseholdUploadForm(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("Which list"),
        choices=[(kind.key, kind.label) for kind in KINDS.values()],
        widget=forms.RadioSelect,
    )
    file = forms.FileField(
        label=gettext_lazy("The file"),
        help_text=gettext_lazy("An .xlsx workbook (its first sheet) or a .csv file in UTF-8."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise ValidationError(too_large(MAX_BYTES).message, code="too_large")
        return upload


def _require_officer(user):
    if not permissions.can(user, EDIT_DOSSIERS):
        raise PermissionDenied


def _tabs(user):
    return {
        "may_register": True,
        "may_appraise": permissions.can(user, REVIEW),
        "tab": "households",
    }


def _resource(kind, user):
    """The kind's resource, refusing every commune `user` may not act on."""
    return kind.resource(allowed=lambda commune: permissions.can(user, EDIT_DOSSIERS, commune))


def _import(kind, content, name, user, *, dry_run):
    """The import's result, or a TableError when the file is not a table read_table reads."""
    dataset = read_table(
        content, filename=name, required_columns=kind.required, max_bytes=MAX_BYTES
    )
    result = _resource(kind, user).import_data(
        dataset, dry_run=dry_run, raise_errors=False, use_transactions=True, user=user
    )
    return dataset, result


def _errors(report, dataset):
    """The report's errors, each with the value of its cell (when there is one)."""
    headers = dataset.headers or []
    rows = []
    for error in report.sorted_errors():
        value = ""
        index = error.line - 2
        if error.column in headers and 0 <= index < len(dataset):
            value = dataset[index][headers.index(error.column)]
        rows.append(
            {"line": error.line, "column": error.column, "value": value, "message": error.message}
        )
    return rows


def _failed(result):
    """A problem the report does not name (the database refused the rows): nothing was
    written."""
    return result.has_errors() or getattr(result, "report", None) is None


def _upload_context(user, form, **extra):
    return {
        "form": form,
        "kinds": list(KINDS.values()),
        "titles": [str(title.label) for title in HOUSEHOLD_TITLES],
        "max_rows": MAX_ROWS,
        "max_megabytes": MAX_BYTES // (1024 * 1024),
        **_tabs(user),
        **extra,
    }


# --- the list ----------------------------------------------------------------------------


@login_required
def household_list(request):
    """What the communes I may act on have sent: each commune, year and title, with its
    count and the number of names on its list (and how many agreed to be named)."""
    user = request.user
    _require_officer(user)
    mine = permissions.unit_filter(user, EDIT_DOSSIERS, field="commune")
    rows = {}
    for count in (
        HouseholdCount.objects.filter(mine)
        .select_related("commune")
        .only(
            "commune__name", "commune__code", "year", "title", "total", "registered", "recognised"
        )
    ):
        key = (count.year, count.commune.name, count.commune.code, count.title)
        rows[key] = {"count": count, "listed": 0, "consent": 0}
    listed = (
        RecognisedHousehold.objects.filter(mine)
        .values("year", "commune__name", "commune__code", "title")
        .annotate(listed=Count("pk"), consent=Count("pk", filter=Q(public_consent=True)))
        .order_by()
    )
    for item in listed:
        key = (item["year"], item["commune__name"], item["commune__code"], item["title"])
        row = rows.setdefault(key, {"count": None, "listed": 0, "consent": 0})
        row["listed"], row["consent"] = item["listed"], item["consent"]
    years = {}
    for (year, name, code, title), row in sorted(
        rows.items(), key=lambda item: (-item[0][0], item[0][1], item[0][3])
    ):
        years.setdefault(year, []).append(
            {"commune": name, "code": code, "title": Title(title).label, **row}
        )
    return render(
        request,
        "learning_models/portal/household_list.html",
        {
            "years": sorted(years.items(), reverse=True),
            "kinds": list(KINDS.values()),
            **_tabs(user),
        },
    )


@login_required
def household_template(request, kind):
    _require_officer(request.user)
    found = KINDS.get(kind)
    if found is None:
        raise Http404
    admin = found.admin
    return template_response(admin.columns, admin.template_rows, admin.template_name)


# --- the upload --------------------------------------------------------------------------


@login_required
def household_upload(request):
    """The form, and on a POST the preview: the rows that would be written, or every problem
    by line and column. Nothing is written here."""
    user = request.user
    _require_officer(user)
    form = HouseholdUploadForm(request.POST or None, request.FILES or None)
    if request.method != "POST" or not form.is_valid():
        return render(
            request, "learning_models/portal/household_upload.html", _upload_context(user, form)
        )
    kind, upload = KINDS[form.cleaned_data["kind"]], form.cleaned_data["file"]
    name = (upload.name or "").rsplit("/", 1)[-1][:200]
    content = upload.read(MAX_BYTES + 1)
    try:
        dataset, result = _import(kind, content, name, user, dry_run=True)
    except TableError as error:
        form.add_error("file", error.message)
        return render(
            request, "learning_models/portal/household_upload.html", _upload_context(user, form)
        )
    context = _upload_context(user, form, kind=kind, file_name=name)
    if _failed(result):
        form.add_error(None, _("The file could not be checked. Nothing was imported."))
    elif not result.report.ok:
        context["errors"] = _errors(result.report, dataset)
    else:
        report = result.report
        context["report"] = report
        context["changes"] = report.changes
        if report.changes:
            storage = PendingUploadStorage(name=None, encoding=None, read_mode="rb")
            storage.save(content)
            context["token"] = signing.dumps(
                {"stored": storage.name, "name": name, "kind": kind.key},
                salt=f"{_SALT}:{user.pk}",
            )
    return render(request, "learning_models/portal/household_preview.html", context)


@login_required
@require_POST
def household_confirm(request):
    """Import the previewed file whole, or nothing; the token names the stored file and was
    signed for the person who uploaded it."""
    user = request.user
    _require_officer(user)
    back = redirect("learning_models_portal:household-upload")
    try:
        signed = signing.loads(
            request.POST.get("token", ""), salt=f"{_SALT}:{user.pk}", max_age=KEEP_SECONDS
        )
        kind = KINDS[signed["kind"]]
        storage = PendingUploadStorage(name=signed["stored"], encoding=None, read_mode="rb")
        name = str(signed["name"])
    except (signing.BadSignature, KeyError, TypeError):
        storage = None
    if storage is None or not storage.exists():
        messages.error(request, _("That upload has expired. Please upload the file again."))
        return back
    try:
        content = storage.read()
        dataset, result = _import(kind, content, name, user, dry_run=False)
    except TableError as error:
        messages.error(request, error.message)
        return back
    finally:
        storage.remove()
    if _failed(result):
        messages.error(request, _("The file could not be imported. Nothing was written."))
        return back
    report = result.report
    if not report.ok:
        # The portal changed between the preview and the confirmation.
        form = HouseholdUploadForm()
        context = _upload_context(
            user, form, kind=kind, file_name=name, errors=_errors(report, dataset)
        )
        return render(request, "learning_models/portal/household_preview.html", context)
    messages.success(
        request,
        _(
            "%(name)s was imported: %(created)s rows added, %(updated)s updated, "
            "%(unchanged)s unchanged."
        )
        % {
            "name": name,
            "created": report.created,
            "updated": report.updated,
            "unchanged": report.unchanged,
        },
    )
    return redirect("learning_models_portal:households")
