"""What every list and form of the staff's admin does with values it cannot use.

Django's admin reads ids, dates and filters straight from the address and from what the
browser posts. A value it cannot use there (a selection "abc", a year with twenty digits,
a search of a thousand words) would end in a server error; here it ends in the admin's own
answers instead: the list's "?e=1" invalid-filter page, or the list again with a message.
PortalAdminSite.register puts GuardedAdminMixin in front of every ModelAdmin of the site.
"""

from django.contrib import messages
from django.contrib.admin import helpers
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ChangeList
from django.contrib.admin.widgets import AutocompleteMixin
from django.db import DataError, models
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _

from common.strict import (
    StrictModelChoiceField,
    StrictModelMultipleChoiceField,
    bound_search,
    has_controls,
    parse_id,
    parse_ids,
    search_cut_message,
)

# What a database lookup raises when a value from the address cannot be used in it.
_BAD_LOOKUP = (ValueError, TypeError, OverflowError, DataError)


class GuardedChangeList(ChangeList):
    """A change list whose filters, date hierarchy and counts treat an unusable value in
    the address as an invalid lookup (Django then shows the list with "?e=1")."""

    def get_filters_params(self, params=None):
        lookup_params = super().get_filters_params(params)
        for values in lookup_params.values():
            for value in values if isinstance(values, list) else [values]:
                if isinstance(value, str) and has_controls(value):
                    raise IncorrectLookupParameters(_("A filter holds a control character."))
        return lookup_params

    def get_filters(self, request):
        try:
            return super().get_filters(request)
        except _BAD_LOOKUP as error:
            raise IncorrectLookupParameters(error) from error

    def get_queryset(self, request, exclude_parameters=None):
        try:
            return super().get_queryset(request, exclude_parameters)
        except _BAD_LOOKUP as error:
            raise IncorrectLookupParameters(error) from error

    def get_results(self, request):
        try:
            return super().get_results(request)
        except _BAD_LOOKUP as error:
            raise IncorrectLookupParameters(error) from error


class _ReadableValues:
    """An autocomplete widget shown again with a posted value that is no id (the form
    says why) leaves that value out instead of looking it up."""

    def optgroups(self, name, value, attr=None):
        if _integer_pk(self.field.remote_field.model):
            value = [item for item in value if item in ("", None) or parse_id(item) is not None]
        return super().optgroups(name, value, attr)


_GUARDED_WIDGETS = {}


def _guard_widget(formfield):
    """Give the autocomplete widget of `formfield` (whichever class the ModelAdmin chose)
    the readable-values check."""
    if formfield is None:
        return formfield
    widget = getattr(formfield.widget, "widget", formfield.widget)
    kind = type(widget)
    if isinstance(widget, AutocompleteMixin) and not isinstance(widget, _ReadableValues):
        if kind not in _GUARDED_WIDGETS:
            _GUARDED_WIDGETS[kind] = type("Strict" + kind.__name__, (_ReadableValues, kind), {})
        widget.__class__ = _GUARDED_WIDGETS[kind]
    return formfield


def _integer_pk(model) -> bool:
    return isinstance(model._meta.pk, models.IntegerField | models.AutoField)


class GuardedFieldsMixin:
    """Strict ids in the choice fields of a ModelAdmin or of an inline's rows: a posted
    value that is no id ("abc", "²", thirty digits) is a form error, not a server error."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        kwargs.setdefault("form_class", StrictModelChoiceField)
        return _guard_widget(super().formfield_for_foreignkey(db_field, request, **kwargs))

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        kwargs.setdefault("form_class", StrictModelMultipleChoiceField)
        return _guard_widget(super().formfield_for_manytomany(db_field, request, **kwargs))


_GUARDED_INLINES = {}


def _guard_inline(inline):
    """Give an inline (whichever class the ModelAdmin named) the strict choice fields."""
    kind = type(inline)
    if not isinstance(inline, GuardedFieldsMixin):
        if kind not in _GUARDED_INLINES:
            _GUARDED_INLINES[kind] = type(
                kind.__name__,
                (GuardedFieldsMixin, kind),
                {"__module__": kind.__module__, "__qualname__": kind.__qualname__},
            )
        inline.__class__ = _GUARDED_INLINES[kind]
    return inline


class GuardedAdminMixin(GuardedFieldsMixin):
    """Bounded searches, readable selections, strict ids in choice fields (the inlines'
    rows included)."""

    def get_inline_instances(self, request, obj=None):
        return [_guard_inline(inline) for inline in super().get_inline_instances(request, obj)]

    def get_changelist(self, request, **kwargs):
        changelist = super().get_changelist(request, **kwargs)
        if issubclass(changelist, GuardedChangeList):
            return changelist
        return type("Guarded" + changelist.__name__, (GuardedChangeList, changelist), {})

    def get_search_results(self, request, queryset, search_term):
        # Lists and the autocomplete alike: at most a few words, no control characters.
        term, cut = bound_search(search_term)
        if cut and not _is_autocomplete(request):
            self.message_user(request, search_cut_message(), messages.WARNING)
        return super().get_search_results(request, queryset, term)

    def response_action(self, request, queryset, **kwargs):
        selected = request.POST.getlist(helpers.ACTION_CHECKBOX_NAME)
        if _integer_pk(self.model) and parse_ids(selected) is None:
            self.message_user(
                request,
                _("The selection could not be read. Reload the page and try again."),
                messages.WARNING,
            )
            return HttpResponseRedirect(request.get_full_path())
        return super().response_action(request, queryset, **kwargs)

    def export_action(self, request, *args, **kwargs):
        # The export (django-import-export) reads the list's filters from the address too.
        try:
            return super().export_action(request, *args, **kwargs)
        except IncorrectLookupParameters:
            opts = self.model._meta
            changelist = reverse(
                f"admin:{opts.app_label}_{opts.model_name}_changelist",
                current_app=self.admin_site.name,
            )
            return HttpResponseRedirect(changelist + "?e=1")


def _is_autocomplete(request) -> bool:
    match = getattr(request, "resolver_match", None)
    return match is not None and match.url_name == "autocomplete"
