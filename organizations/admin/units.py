from django.contrib import admin

from organizations.models import Unit, UnitPredecessor


class UnitPredecessorInline(admin.TabularInline):
    model = UnitPredecessor
    fk_name = "unit"
    extra = 0
    autocomplete_fields = ["predecessor"]


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "kind", "parent_code", "valid_from", "valid_until"]
    list_filter = ["kind", "valid_until"]
    search_fields = ["name", "search_name", "code"]
    inlines = [UnitPredecessorInline]
