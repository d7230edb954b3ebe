"""The unit tree as django-import-export sees it: exported in the columns the import reads
back, imported through the library's own flow with the import's whole-tree checks.

An export holds every column of the official data files, predecessors written
`CODE:Name (marker)`, so importing it again finds every unit unchanged.

An import checks the whole file before anything is written: a row is only right or wrong
with the others and the tree around it (a parent code must cover the row's period, a code
may not be used twice at once, a period may not orphan units already in the portal). So
the resource's hooks hand the file to organizations.importing: `before_import` checks every
row and plans the changes (`plan_units`), `import_row` gives each row the outcome found
for its line instead of saving it on its own, and `after_import` writes the plan in one
go (`write_units`: the units, their predecessors, the "imported" history entries, the
closure table), only when no row is wrong and not on a dry run. A file with any bad row
thereby changes nothing, and the result carries the import's report, whose errors name the
spreadsheet's lines.
"""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import F
from import_export import fields, resources
from import_export.results import Result, RowResult

from common.spreadsheets import formats
from common.spreadsheets.reading import ImportReport
from organizations.importing import (
    COLUMNS,
    REQUIRED_COLUMNS,
    format_predecessor,
    plan_units,
    predecessors_text,
    write_units,
)
from organizations.models import Unit, UnitPredecessor


class UnitCSV(formats.CSV):
    required_columns = REQUIRED_COLUMNS


class UnitXLSX(formats.XLSX):
    required_columns = REQUIRED_COLUMNS


UNIT_IMPORT_FORMATS = [UnitCSV, UnitXLSX]


class UnitImportResult(Result):
    """The library's result, with the import's report (`report.errors` by spreadsheet line)."""

    report = None


def _row_error(errors):
    by_column = {}
    for error in errors:
        by_column.setdefault(error.column or NON_FIELD_ERRORS, []).append(error.message)
    return ValidationError(by_column)


class UnitResource(resources.ModelResource):
    code = fields.Field(attribute="code", column_name="code")
    name = fields.Field(attribute="name", column_name="name")
    kind = fields.Field(attribute="kind", column_name="kind")
    parent_code = fields.Field(attribute="parent_code", column_name="parent_code")
    valid_from = fields.Field(attribute="valid_from", column_name="valid_from")
    valid_until = fields.Field(attribute="valid_until", column_name="valid_until")
    predecessors = fields.Field(column_name="predecessors")
    source = fields.Field(attribute="source", column_name="source")

    class Meta:
        model = Unit
        fields = COLUMNS
        export_order = COLUMNS
        import_id_fields = ("code", "valid_from")
        use_transactions = True
        skip_diff = True

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.report, self.plan, self._errors, self._changes = ImportReport(), [], {}, {}

    def filter_export(self, queryset, **kwargs):
        queryset = queryset.order_by(F("valid_from").asc(nulls_first=True), "code", "pk")
        # One query for every unit's predecessors, in the order they were recorded.
        self._predecessors = {}
        links = (
            UnitPredecessor.objects.filter(unit__in=queryset.order_by().values("pk"))
            .select_related("predecessor")
            .order_by("pk")
        )
        for link in links:
            self._predecessors.setdefault(link.unit_id, []).append(
                format_predecessor(link.predecessor.code, link.predecessor.name, link.share)
            )
        return queryset

    def dehydrate_predecessors(self, unit):
        found = getattr(self, "_predecessors", None)
        if found is None:  # exporting one unit, without filter_export
            return predecessors_text(unit)
        return "; ".join(found.get(unit.pk, []))

    def dehydrate_valid_from(self, unit):
        return unit.valid_from.isoformat() if unit.valid_from else ""

    def dehydrate_valid_until(self, unit):
        return unit.valid_until.isoformat() if unit.valid_until else ""

    def get_result_class(self):
        return UnitImportResult

    def before_import(self, dataset, **kwargs):
        self.report, self._errors, self._changes = ImportReport(), {}, {}
        self.plan = plan_units(dataset, self.report)
        for error in self.report.sorted_errors():
            self._errors.setdefault(error.line, []).append(error)
        for change in self.report.changes:
            self._changes[change.line] = change

    def import_row(self, row, instance_loader, **kwargs):
        # Checked with the whole file in before_import: the row only gets its outcome here.
        line = kwargs["row_number"] + 1  # the dataset's first row is the sheet's line 2
        row_result = self.get_row_result_class()()
        change = self._changes.get(line)
        if line in self._errors:
            row_result.import_type = RowResult.IMPORT_TYPE_INVALID
            row_result.validation_error = _row_error(self._errors[line])
        elif change is not None:
            row_result.import_type = (
                RowResult.IMPORT_TYPE_NEW
                if change.action == "created"
                else RowResult.IMPORT_TYPE_UPDATE
            )
            row_result.object_repr = change.label
        else:
            row_result.import_type = RowResult.IMPORT_TYPE_SKIP  # unchanged, or a blank row
        return row_result

    def after_import(self, dataset, result, **kwargs):
        result.report = self.report
        rows = range(2, len(dataset) + 2)
        for line, errors in self._errors.items():
            if line not in rows:  # about the file as a whole: its first line
                result.append_invalid_row(line, {}, _row_error(errors))
        if self.report.ok and not kwargs.get("dry_run", True):
            write_units(self.plan, by=kwargs.get("user"), filename=kwargs.get("file_name") or "")
            super().after_import(dataset, result, **kwargs)
