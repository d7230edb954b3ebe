"""The units an activity's change page offers: the organiser, the co-organisers and the
venue's ward or commune, searched as the admin's autocomplete does, but kept to the city's
units on the activity's start date (the unit table also holds other provinces' units, such
as Hải Dương's communes before 1/7/2025, and the units of every other period).

The search answers from the activity's own address (…/<pk>/units/), which knows its date.
What is saved is checked again by rules.validate_activity on the date in the form.
"""

from django.contrib.admin.utils import unquote
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import path, reverse

from campaigns.models import Activity
from organizations.models import UnitLevel
from organizations.selectors import city_units_between

UNIT_FIELDS = ("organizer", "commune", "co_organizers")


class _ActivityUnitsUrl:
    """An autocomplete widget that asks the activity's own search (`units_url`, set for
    each page) rather than the admin's general one."""

    units_url = None

    def get_url(self):
        return self.units_url or super().get_url()


class UnitSelect(_ActivityUnitsUrl, AutocompleteSelect):
    pass


class UnitSelectMultiple(_ActivityUnitsUrl, AutocompleteSelectMultiple):
    pass


class ActivityUnitsView(AutocompleteJsonView):
    """The admin's autocomplete answers for one activity's unit fields."""

    activity = None

    def process_request(self, request):
        term, model_admin, source_field, to_field_name = super().process_request(request)
        if source_field.model is not Activity or source_field.name not in UNIT_FIELDS:
            raise PermissionDenied
        return term, model_admin, source_field, to_field_name

    def get_queryset(self):
        day = self.activity.starts_on
        units = super().get_queryset().filter(pk__in=city_units_between(day, day))
        if self.source_field.name == "commune":
            units = units.of_level(UnitLevel.COMMUNE)
        return units


class ActivityUnitsMixin:
    """For ActivityAdmin: the unit fields' widgets, their search address and view."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in UNIT_FIELDS and "widget" not in kwargs:
            kwargs["widget"] = UnitSelect(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name in UNIT_FIELDS and "widget" not in kwargs:
            kwargs["widget"] = UnitSelectMultiple(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def scope_unit_fields(self, form, obj):
        """Point the unit fields of `form` (a form class made for this request) at the
        activity's own search."""
        if obj is None:
            return
        url = reverse(
            "admin:campaigns_activity_units", args=[obj.pk], current_app=self.admin_site.name
        )
        for name in UNIT_FIELDS:
            field = form.base_fields.get(name)
            widget = getattr(field.widget, "widget", field.widget) if field else None
            if isinstance(widget, _ActivityUnitsUrl):
                widget.units_url = url

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "<path:object_id>/units/",
                self.admin_site.admin_view(self.units_view),
                name="{}_{}_units".format(*info),
            ),
            *super().get_urls(),
        ]

    def units_view(self, request, object_id):
        activity = self.get_object(request, unquote(object_id))
        if activity is None:
            raise Http404
        if not self.has_change_permission(request, activity):
            raise PermissionDenied
        view = ActivityUnitsView.as_view(admin_site=self.admin_site, activity=activity)
        return view(request)
