"""The admin's import of units: django-import-export's own upload, preview and confirmation.

The pages and their steps are the library's (ImportMixin's import and process_import views,
its ConfirmImportForm and temporary storage), held to read_table's limits and bound to the
uploader by common.spreadsheets.admin_import. UnitResource's hooks check the whole file
against the tree and write all rows or none; this mixin shows their report: every bad row
with its spreadsheet line, or what confirming will create and update, and after a confirmed
import the same counts as a message. Who may import is the admin's add and change
permissions on units (UnitAdmin.has_import_permission).
"""

from django.contrib import messages
from django.template.response import TemplateResponse
from django.utils.translation import gettext

from common.spreadsheets.admin_import import GuardedImportMixin
from organizations.importing import COLUMNS
from organizations.models import UnitKind
from organizations.resources import UNIT_IMPORT_FORMATS


class UnitImportMixin(GuardedImportMixin):
    """Mixed into UnitAdmin ahead of ImportExportModelAdmin."""

    import_template_name = "admin/import_export/import_units.html"
    import_formats = UNIT_IMPORT_FORMATS
    # The import writes the portal's own history ("imported from a file") for each unit.
    skip_admin_log = True

    def get_import_context_data(self, **kwargs):
        context = super().get_import_context_data(**kwargs)
        context.update({"columns": COLUMNS, "kinds": UnitKind.choices})
        return context

    def import_action(self, request, **kwargs):
        response = super().import_action(request, **kwargs)
        if getattr(response, "context_data", None) is not None:
            self._show_report(response.context_data)
        return response

    def process_result(self, result, request):
        if not result.has_errors() and not result.has_validation_errors():
            return super().process_result(result, request)
        # The tree changed between the preview and the confirmation: nothing was written.
        form_class = self.get_import_form_class(request)
        form = form_class(self.get_import_formats(), self.get_import_resource_classes(request))
        context = self.get_import_context_data()
        context.update(self.admin_site.each_context(request))
        context.update(
            {
                "form": form,
                "opts": self.model._meta,
                "media": self.media + form.media,
                "result": result,
            }
        )
        self._show_report(context)
        request.current_app = self.admin_site.name
        return TemplateResponse(request, [self.import_template_name], context)

    def add_success_message(self, result, request):
        report = result.report
        messages.success(
            request,
            gettext(
                "Import finished: %(created)s units created, %(updated)s updated, "
                "%(unchanged)s unchanged."
            )
            % {"created": report.created, "updated": report.updated, "unchanged": report.unchanged},
        )

    def _show_report(self, context):
        context["title"] = gettext("Import units")
        result = context.get("result")
        if result is not None:
            context["report"] = result.report
