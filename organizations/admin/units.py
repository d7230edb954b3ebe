"""The unit tree in the admin: browse it as it stood on a day, edit it, import and export it.

Every change goes through the same checks as a file import (organizations.importing), writes
a history entry, and rebuilds the closure table, so "the tree on a day" stays right.
"""

import datetime

from django import forms
from django.contrib import admin
from django.utils import formats, timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportModelAdmin

from common.formatting import format_period
from common.history.display import history_rows
from common.history.types import ADMIN
from common.spreadsheets.writing import TextOnlyCSV, TextOnlyXLSX
from common.text import fold
from organizations.importing import check_unit, parse_date
from organizations.models import Unit, UnitAncestry, UnitLevel, UnitPredecessor
from organizations.resources import UnitResource
from organizations.services import delete_units, save_unit

from .unit_import import UnitImportMixin


class ValidOnFilter(admin.SimpleListFilter):
    """Units valid on a day: any date typed in, or one of the days the tree changed."""

    title = _("valid on")
    parameter_name = "valid_on"
    template = "admin/organizations/unit/valid_on_filter.html"

    def lookups(self, request, model_admin):
        today = timezone.localdate()
        days = (
            Unit.objects.filter(valid_from__isnull=False)
            .order_by("valid_from")
            .values_list("valid_from", flat=True)
            .distinct()
        )
        choices = [(today.isoformat(), _("today"))]
        choices += [
            (day.isoformat(), formats.date_format(day, "SHORT_DATE_FORMAT")) for day in days
        ]
        chosen = self.day()
        if chosen and chosen.isoformat() not in dict(choices):
            choices.append((chosen.isoformat(), formats.date_format(chosen, "SHORT_DATE_FORMAT")))
        return choices

    def day(self):
        try:
            return parse_date(self.value())
        except ValueError:
            return None

    def choices(self, changelist):
        # The filter's date form sends the other filters and the search along.
        self.hidden_params = [
            (name, value)
            for name, values in changelist.get_filters_params().items()
            if name != self.parameter_name
            for value in ([values] if isinstance(values, str) else values)
        ]
        if changelist.query:
            self.hidden_params.append(("q", changelist.query))
        self.chosen_day = self.day()
        yield from super().choices(changelist)

    def queryset(self, request, queryset):
        day = self.day()
        return queryset.valid_on(day) if day else queryset


class LevelFilter(admin.SimpleListFilter):
    title = _("level")
    parameter_name = "level"

    def lookups(self, request, model_admin):
        return UnitLevel.choices

    def queryset(self, request, queryset):
        if self.value() in UnitLevel.values:
            return queryset.of_level(self.value())
        return queryset


class UnitAdminForm(forms.ModelForm):
    class Meta:
        model = Unit
        fields = ["code", "name", "kind", "parent_code", "valid_from", "valid_until", "source"]

    def clean(self):
        data = super().clean()
        needed = ("code", "name", "kind", "parent_code", "valid_from", "valid_until")
        if self.errors or any(name not in data for name in needed):
            return data
        if data["valid_from"] and data["valid_until"] and data["valid_until"] < data["valid_from"]:
            return data  # the model's own check says so
        for field, message in check_unit(
            pk=self.instance.pk, **{name: data[name] for name in needed}
        ):
            self.add_error(field if field in self.fields else None, message)
        return data


class PredecessorFormSet(forms.BaseInlineFormSet):
    """A predecessor is a unit of the day before this one starts, as in the import files."""

    def clean(self):
        super().clean()
        start = self.instance.valid_from
        for form in self.forms:
            data = getattr(form, "cleaned_data", None) or {}
            predecessor = data.get("predecessor")
            if predecessor is None or data.get("DELETE"):
                continue
            if start is None:
                form.add_error(
                    "predecessor", gettext("A unit formed from others needs its start date.")
                )
            elif not predecessor.is_valid_on(start - datetime.timedelta(days=1)):
                form.add_error(
                    "predecessor",
                    gettext("%(unit)s was not valid on %(day)s, the day before this unit starts.")
                    % {
                        "unit": predecessor,
                        "day": formats.date_format(
                            start - datetime.timedelta(days=1), "SHORT_DATE_FORMAT"
                        ),
                    },
                )


class UnitPredecessorInline(admin.TabularInline):
    model = UnitPredecessor
    fk_name = "unit"
    formset = PredecessorFormSet
    extra = 0
    autocomplete_fields = ["predecessor"]


@admin.register(Unit)
class UnitAdmin(UnitImportMixin, ImportExportModelAdmin):
    form = UnitAdminForm
    resource_classes = [UnitResource]
    # Exports write what people typed as text; imports read through read_table
    # (UnitImportMixin.import_formats).
    formats = [TextOnlyCSV, TextOnlyXLSX]
    list_display = ["name", "code", "kind", "level_label", "parent_code", "period"]
    list_filter = [ValidOnFilter, LevelFilter, "kind"]
    search_fields = ["search_name", "=code"]
    search_help_text = _("Name without diacritics (“hong bang”) or exact code.")
    inlines = [UnitPredecessorInline]
    readonly_fields = ["ancestry", "successor_list", "history"]
    fieldsets = (
        (None, {"fields": ("code", "name", "kind", "parent_code")}),
        (_("Validity"), {"fields": ("valid_from", "valid_until", "source")}),
        (_("Place in the tree"), {"fields": ("ancestry", "successor_list")}),
        (_("History"), {"classes": ("collapse",), "fields": ("history",)}),
    )

    @admin.display(description=_("level"))
    def level_label(self, unit):
        return UnitLevel(unit.level).label if unit.level else ""

    @admin.display(description=_("validity"))
    def period(self, unit):
        return format_period(unit.valid_from, unit.valid_until)

    @admin.display(description=_("above it"))
    def ancestry(self, unit):
        rows = (
            UnitAncestry.objects.filter(unit=unit, depth__gt=0)
            .select_related("ancestor")
            .order_by("valid_from", "depth")
        )
        return format_html_join(
            "",
            "<div>{} {} <span class='quiet'>({})</span></div>",
            (
                ("›" * row.depth, row.ancestor.name, format_period(row.valid_from, row.valid_until))
                for row in rows
            ),
        ) or gettext("Nothing above it.")

    @admin.display(description=_("units formed from it"))
    def successor_list(self, unit):
        links = unit.successor_links.select_related("unit").order_by("unit__valid_from", "pk")
        return format_html_join(
            "",
            "<div>{} ({}, {})</div>",
            ((link.unit.name, link.unit.code, link.get_share_display()) for link in links),
        ) or gettext("None.")

    @admin.display(description=_("history"))
    def history(self, unit):
        if not unit.pk:
            return ""
        rows = history_rows(unit, audience=ADMIN, limit=50)
        return format_html_join(
            "",
            "<div>{} — {} — {}{}</div>",
            (
                (
                    formats.date_format(timezone.localtime(row["at"]), "SHORT_DATETIME_FORMAT"),
                    row["action"],
                    row["actor"],
                    format_html(": {}", ", ".join(str(c["field"]) for c in row["changes"]))
                    if row["changes"]
                    else "",
                )
                for row in rows
            ),
        ) or gettext("No history yet.")

    def get_search_results(self, request, queryset, search_term):
        # Names are searched in their folded form, so "hong bang" finds "Hồng Bàng".
        return super().get_search_results(request, queryset, fold(search_term))

    def has_import_permission(self, request):
        return self.has_add_permission(request) and self.has_change_permission(request)

    def has_export_permission(self, request):
        return self.has_view_permission(request)

    def save_model(self, request, obj, form, change):
        pass  # saved with its predecessors by save_related, through services.save_unit

    def save_related(self, request, form, formsets, change):
        def save():
            super(UnitAdmin, self).save_model(request, form.instance, form, change)
            super(UnitAdmin, self).save_related(request, form, formsets, change)

        save_unit(form.instance, by=request.user, save=save)

    def delete_model(self, request, obj):
        delete_units(
            [obj], by=request.user, delete=lambda: super(UnitAdmin, self).delete_model(request, obj)
        )

    def delete_queryset(self, request, queryset):
        delete_units(
            list(queryset),
            by=request.user,
            delete=lambda: super(UnitAdmin, self).delete_queryset(request, queryset),
        )
