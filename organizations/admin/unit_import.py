"""The admin's import page for units: upload, see every bad row or a preview, confirm.

It replaces django-import-export's row-by-row import with `import_units`, which checks the
whole file against the tree first and writes all rows or none. The uploaded file waits in
the temporary folder between preview and confirmation, under a random name kept in the
uploader's session, so nobody else can confirm it.
"""

import tempfile
import time
import uuid
from pathlib import Path

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from organizations.importing import (
    COLUMNS,
    REQUIRED_COLUMNS,
    TableError,
    import_units,
    read_table,
)
from organizations.models import UnitKind

SESSION_KEY = "unit_import"
_PREFIX = "portal-unit-import-"
_KEEP_SECONDS = 24 * 60 * 60


class UnitImportForm(forms.Form):
    import_file = forms.FileField(
        label=_("File to import"),
        help_text=_("An .xlsx workbook (its first sheet) or a .csv file in UTF-8."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )


class UnitConfirmForm(forms.Form):
    token = forms.RegexField(regex=r"^[0-9a-f]{32}$", widget=forms.HiddenInput)


def _pending_path(token):
    return Path(tempfile.gettempdir()) / f"{_PREFIX}{token}"


def _forget_old_uploads():
    limit = time.time() - _KEEP_SECONDS
    for path in Path(tempfile.gettempdir()).glob(f"{_PREFIX}*"):
        try:
            if path.stat().st_mtime < limit:
                path.unlink()
        except OSError:
            pass


class UnitImportViews:
    """Mixed into UnitAdmin ahead of ImportExportModelAdmin, whose URLs call these views."""

    import_template_name = "admin/import_export/import_units.html"

    def _import_context(self, request, **extra):
        context = self.admin_site.each_context(request)
        context.update(
            {
                "title": gettext("Import units"),
                "opts": self.model._meta,
                "columns": COLUMNS,
                "required_columns": REQUIRED_COLUMNS,
                "kinds": UnitKind.choices,
                "changelist_url": reverse(f"{self.admin_site.name}:organizations_unit_changelist"),
            }
        )
        context.update(extra)
        return context

    def import_action(self, request, **kwargs):
        if not self.has_import_permission(request):
            raise PermissionDenied
        request.current_app = self.admin_site.name
        form = UnitImportForm(request.POST or None, request.FILES or None)
        context = {"form": form}
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["import_file"]
            try:
                dataset = read_table(upload, required_columns=REQUIRED_COLUMNS)
            except TableError as error:
                form.add_error("import_file", error.message)
            else:
                report = import_units(dataset, by=request.user, dry_run=True)
                context["report"] = report
                if report.ok:
                    context["confirm_form"] = UnitConfirmForm(
                        initial={"token": self._keep_upload(request, upload)}
                    )
        return TemplateResponse(
            request, [self.import_template_name], self._import_context(request, **context)
        )

    @method_decorator(require_POST)
    def process_import(self, request, **kwargs):
        if not self.has_import_permission(request):
            raise PermissionDenied
        request.current_app = self.admin_site.name
        import_url = reverse(f"{self.admin_site.name}:organizations_unit_import")
        form = UnitConfirmForm(request.POST)
        pending = request.session.get(SESSION_KEY) or {}
        path = _pending_path(pending.get("token", "")) if pending else None
        if (
            not form.is_valid()
            or form.cleaned_data["token"] != pending.get("token")
            or not path.is_file()
        ):
            messages.error(
                request, gettext("That upload has expired. Please upload the file again.")
            )
            return HttpResponseRedirect(import_url)
        try:
            dataset = read_table(
                path.read_bytes(), filename=pending["name"], required_columns=REQUIRED_COLUMNS
            )
            report = import_units(dataset, by=request.user, filename=pending["name"])
        except TableError as error:
            messages.error(request, error.message)
            return HttpResponseRedirect(import_url)
        finally:
            path.unlink(missing_ok=True)
            request.session.pop(SESSION_KEY, None)
        if not report.ok:
            # The tree changed between preview and confirmation.
            context = {"form": UnitImportForm(), "report": report}
            return TemplateResponse(
                request, [self.import_template_name], self._import_context(request, **context)
            )
        messages.success(
            request,
            gettext(
                "Import finished: %(created)s units created, %(updated)s updated, "
                "%(unchanged)s unchanged."
            )
            % {"created": report.created, "updated": report.updated, "unchanged": report.unchanged},
        )
        return HttpResponseRedirect(
            reverse(f"{self.admin_site.name}:organizations_unit_changelist")
        )

    def _keep_upload(self, request, upload):
        _forget_old_uploads()
        token = uuid.uuid4().hex
        upload.seek(0)
        with _pending_path(token).open("wb") as handle:
            for chunk in upload.chunks():
                handle.write(chunk)
        request.session[SESSION_KEY] = {"token": token, "name": Path(upload.name).name}
        return token
