"""A record's history (organizations.HistoryEntry) as the admin shows it on the record.

The history stores plain values (codes, ISO dates, names); here they become what a person
reads: field labels, state labels, dates as dd/mm/yyyy, amounts in đồng.
"""

from django.contrib.admin.utils import unquote
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.template.response import TemplateResponse
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from organizations import audit
from organizations.formatting import format_number, format_stored, format_vnd

EMPTY = "—"

# Labels of history keys that are not fields of the record itself.
EXTRA_LABELS = {
    "evidence": _("evidence file"),
}

MONEY_FIELDS = {"money_raised"}
COUNT_FIELDS = {"expected_participants", "participants", "people_supported", "awards_given"}


def _label(name, models):
    if name in EXTRA_LABELS:
        return capfirst(EXTRA_LABELS[name])
    for model in models:
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if hasattr(field, "verbose_name"):  # not a reverse relation
            return capfirst(field.verbose_name)
    return capfirst(name.replace("_", " "))


def show_value(name, value, choices):
    """One old or new value of the history, as a person reads it."""
    if value is None or value == "" or value == []:
        return EMPTY
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    if isinstance(value, list):
        return ", ".join(str(show_value(None, item, {})) for item in value)
    if name in choices and value in choices[name]:
        return choices[name][value]
    if name in MONEY_FIELDS and isinstance(value, int):
        return format_vnd(value)
    if name in COUNT_FIELDS and isinstance(value, int):
        return format_number(value)
    return format_stored(value)


def history_rows(obj, *, models, choices):
    """The entries of `obj`, newest first, ready for templates/admin/campaigns/includes/
    history.html. `models` give the field labels; `choices` map coded values to labels."""
    choices = {name: {str(k): v for k, v in pairs} for name, pairs in choices.items()}
    rows = []
    for entry in audit.history_of(obj):
        rows.append(
            {
                "at": entry.at,
                "actor": entry.actor.display_name if entry.actor else gettext("the portal"),
                "action": entry.action_label,
                "reason": entry.reason,
                "changes": [
                    {
                        "field": _label(name, models),
                        "old": show_value(name, pair[0], choices),
                        "new": show_value(name, pair[1], choices),
                        # A value set for the first time reads better without "— →".
                        "first": pair[0] in (None, "", []),
                    }
                    for name, pair in entry.changes.items()
                    if isinstance(pair, list | tuple) and len(pair) == 2
                ],
            }
        )
    return rows


class PortalHistoryMixin:
    """Shows the portal's history on the change page and as the page behind the admin's
    "History" button, instead of Django's own admin log, which misses every change made
    through the portal, the services and the admin actions."""

    history_models = ()
    history_choices = {}

    def portal_history(self, obj):
        return history_rows(
            obj, models=(self.model, *self.history_models), choices=self.history_choices
        )

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk:
            context["portal_history"] = self.portal_history(obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def history_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("History: %s") % obj,
            "subtitle": None,
            "object": obj,
            "opts": self.opts,
            "module_name": str(capfirst(self.opts.verbose_name_plural)),
            "portal_history": self.portal_history(obj),
            **(extra_context or {}),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/campaigns/object_history.html", context)
