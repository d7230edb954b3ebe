"""Exporting the unit tree as CSV or xlsx, in the columns the import reads back.

An export holds every column of the official data files, predecessors written
`CODE:Name (marker)`, so importing it again finds every unit unchanged. Imports do not go
through django-import-export's row-by-row machinery: they need the whole file checked before
anything is written, which `organizations.importing.import_units` does (the admin's import
page calls it).
"""

from django.db.models import F
from import_export import fields, resources

from organizations.importing import COLUMNS, format_predecessor, predecessors_text
from organizations.models import Unit, UnitPredecessor


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

    def import_data(self, *args, **kwargs):
        raise NotImplementedError(
            "Units are imported with organizations.importing.import_units, which checks the "
            "whole file before writing anything."
        )
