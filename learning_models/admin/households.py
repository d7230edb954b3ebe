"""The communes' yearly counts and lists of recognised households, families, clans,
villages and citizens, in the admin: edited one by one, or imported from a spreadsheet
through django-import-export's own flow (upload, preview, confirmation), all rows or none,
each problem named by its line and column (learning_models.resources). Each import page
offers its Vietnamese template to download."""

import tablib
from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportModelAdmin

from common.spreadsheets.admin_import import GuardedImportMixin
from common.spreadsheets.writing import TextOnlyCSV, TextOnlyXLSX, xlsx_bytes
from learning_models.models import HouseholdCount, RecognisedHousehold
from learning_models.resources import (
    COUNT_COLUMNS,
    COUNT_IMPORT_FORMATS,
    COUNT_REQUIRED,
    HOUSEHOLD_COLUMNS,
    HOUSEHOLD_IMPORT_FORMATS,
    HOUSEHOLD_REQUIRED,
    HouseholdCountResource,
    RecognisedHouseholdResource,
)
from learning_models.states import HOUSEHOLD_TITLES

from .shared import FoldedSearchMixin

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

HOUSEHOLD_EXAMPLE = [
    (
        "11383",
        "2025",
        "Gia đình học tập",
        "Nguyễn Văn An",
        "Tổ dân phố số 3",
        "125/QĐ-UBND",
        "có",
        "",
    ),
    (
        "11383",
        "2025",
        "Dòng họ học tập",
        "Dòng họ Phạm",
        "Tổ dân phố số 5",
        "125/QĐ-UBND",
        "không",
        "",
    ),
]
COUNT_EXAMPLE = [
    ("11383", "2025", "Gia đình học tập", "2450", "2100", "1860"),
    ("11383", "2025", "Dòng họ học tập", "38", "30", "27"),
]


def template_response(columns, rows, filename):
    """The Vietnamese template of a list, its columns and two example rows, as a download
    (the admin's import pages and the officers' upload page offer the same file)."""
    dataset = tablib.Dataset(*rows, headers=list(columns))
    response = HttpResponse(xlsx_bytes(dataset), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class HouseholdImportMixin(GuardedImportMixin):
    """The import pages of one kind of list: its columns, its template, its report."""

    import_template_name = "admin/learning_models/import.html"
    # The rows say who imported them (imported_by, recorded_by); the admin log would add one
    # entry a row.
    skip_admin_log = True
    template_rows = []
    template_name = ""

    def has_import_permission(self, request):
        return self.has_add_permission(request) and self.has_change_permission(request)

    def has_export_permission(self, request):
        return self.has_view_permission(request)

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "import/template/",
                self.admin_site.admin_view(self.template_view),
                name="{}_{}_import_template".format(*info),
            ),
            *super().get_urls(),
        ]

    def template_view(self, request):
        if not self.has_import_permission(request):
            raise PermissionDenied
        return template_response(self.columns, self.template_rows, self.template_name)

    def get_import_context_data(self, **kwargs):
        context = super().get_import_context_data(**kwargs)
        info = self.opts.app_label, self.opts.model_name
        context.update(
            {
                "columns": self.columns,
                "required_columns": self.required,
                "titles": [str(title.label) for title in HOUSEHOLD_TITLES],
                "template_url": reverse(
                    "admin:{}_{}_import_template".format(*info), current_app=self.admin_site.name
                ),
                "import_notes": self.import_notes,
                "what": self.opts.verbose_name_plural,
            }
        )
        return context

    def import_action(self, request, **kwargs):
        response = super().import_action(request, **kwargs)
        if getattr(response, "context_data", None) is not None:
            self._show_report(response.context_data)
        return response

    def process_result(self, result, request):
        if not result.has_errors() and not result.has_validation_errors():
            return super().process_result(result, request)
        # The data changed between the preview and the confirmation: nothing was written.
        form_class = self.get_import_form_class(request)
        form = form_class(self.get_import_formats(), self.get_import_resource_classes(request))
        context = self.get_import_context_data()
        context.update(self.admin_site.each_context(request))
        context.update(
            {"form": form, "opts": self.model._meta, "media": self.media, "result": result}
        )
        self._show_report(context)
        request.current_app = self.admin_site.name
        return TemplateResponse(request, [self.import_template_name], context)

    def add_success_message(self, result, request):
        report = result.report
        messages.success(
            request,
            gettext(
                "Import finished: %(created)s rows added, %(updated)s updated, "
                "%(unchanged)s unchanged."
            )
            % {"created": report.created, "updated": report.updated, "unchanged": report.unchanged},
        )

    def _show_report(self, context):
        context["title"] = gettext("Import %(what)s") % {"what": self.opts.verbose_name_plural}
        result = context.get("result")
        if result is not None:
            context["report"] = getattr(result, "report", None)


class HouseholdCountForm(forms.ModelForm):
    class Meta:
        model = HouseholdCount
        fields = ["commune", "year", "title", "total", "registered", "recognised"]

    def clean(self):
        data = super().clean()
        total, registered, recognised = (
            data.get("total"),
            data.get("registered"),
            data.get("recognised"),
        )
        if registered is not None and recognised is not None and recognised > registered:
            self.add_error("recognised", gettext("More recognised than registered."))
        if total is not None and registered is not None and registered > total:
            self.add_error("registered", gettext("More registered than in total."))
        return data


@admin.register(HouseholdCount)
class HouseholdCountAdmin(HouseholdImportMixin, FoldedSearchMixin, ImportExportModelAdmin):
    form = HouseholdCountForm
    resource_classes = [HouseholdCountResource]
    formats = [TextOnlyCSV, TextOnlyXLSX]
    import_formats = COUNT_IMPORT_FORMATS
    columns, required = COUNT_COLUMNS, COUNT_REQUIRED
    template_rows = COUNT_EXAMPLE
    template_name = "mau-so-lieu-mo-hinh-hoc-tap.xlsx"
    import_notes = _(
        "One line per commune, year and title. The recognised are at most the registered, "
        "and the registered at most the total (which may be left empty). A commune, year and "
        "title already in the portal get the file's numbers."
    )
    list_display = ["commune", "year", "title", "total", "registered", "recognised"]
    list_filter = ["year", "title"]
    list_select_related = ["commune"]
    search_fields = ["=commune__code"]
    folded_fields = ["commune__search_name"]
    search_help_text = _("Commune name, with or without diacritics, or exact code.")
    autocomplete_fields = ["commune"]

    def save_model(self, request, obj, form, change):
        obj.recorded_by = request.user
        super().save_model(request, obj, form, change)

    def get_export_queryset(self, request):
        return super().get_export_queryset(request).select_related("commune")


class ConsentFilter(admin.SimpleListFilter):
    title = _("agreed to be named in public")
    parameter_name = "consent"

    def lookups(self, request, model_admin):
        return [("yes", _("yes")), ("no", _("no"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(public_consent=True)
        if self.value() == "no":
            return queryset.filter(public_consent=False)
        return queryset


@admin.register(RecognisedHousehold)
class RecognisedHouseholdAdmin(HouseholdImportMixin, FoldedSearchMixin, ImportExportModelAdmin):
    resource_classes = [RecognisedHouseholdResource]
    formats = [TextOnlyCSV, TextOnlyXLSX]
    import_formats = HOUSEHOLD_IMPORT_FORMATS
    columns, required = HOUSEHOLD_COLUMNS, HOUSEHOLD_REQUIRED
    template_rows = HOUSEHOLD_EXAMPLE
    template_name = "mau-danh-sach-gia-dinh-dong-ho-hoc-tap.xlsx"
    import_notes = _(
        "One line per household, clan, village or person. Write “có” in the column "
        "“Đồng ý công khai” only when the consent is on record: an empty cell means no, and "
        "the name is then never shown in public. Importing the same list again changes nothing."
    )
    list_display = [
        "name",
        "commune",
        "year",
        "title",
        "place",
        "decision_number",
        "public_consent",
    ]
    list_filter = ["year", "title", ConsentFilter]
    list_select_related = ["commune"]
    search_fields = ["=commune__code", "decision_number"]
    folded_fields = ["commune__search_name"]
    fold_in_python = ["name", "place"]
    search_help_text = _("Name, village or commune, with or without diacritics.")
    autocomplete_fields = ["commune"]
    fields = [
        "commune",
        "year",
        "title",
        "name",
        "place",
        "decision_number",
        "public_consent",
        "consent_note",
    ]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.imported_by = request.user
        super().save_model(request, obj, form, change)

    def get_export_queryset(self, request):
        return super().get_export_queryset(request).select_related("commune")
