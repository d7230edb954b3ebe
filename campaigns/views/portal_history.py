"""The history of an activity as the officers' area shows it (campaigns.views.portal's
activity page): each change with its field's label and the old and new values in words,
dates and money as people write them.
"""

import datetime

from django.core.exceptions import FieldDoesNotExist
from django.utils import formats
from django.utils.translation import gettext as _

from campaigns.models import Activity, ActivityKind, ActivityResult, ActivityState
from organizations import audit
from organizations.formatting import format_number, format_vnd

_FIELD_SOURCES = (Activity, ActivityResult)


def _field_label(name):
    for model in _FIELD_SOURCES:
        try:
            label = getattr(model._meta.get_field(name), "verbose_name", None)
        except FieldDoesNotExist:
            continue
        if label:
            return str(label)
    if name == "evidence":
        return _("evidence file")
    return name.replace("_", " ")


def _day(text):
    try:
        return formats.date_format(datetime.date.fromisoformat(text), "SHORT_DATE_FORMAT")
    except (TypeError, ValueError):
        return text


def _show(name, value):
    """A history value as the page shows it."""
    if value in (None, "", []):
        return "—"
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if name == "state" and value in ActivityState.values:
        return ActivityState(value).label
    if name == "kind" and value in ActivityKind.values:
        return ActivityKind(value).label
    if name in {"starts_on", "ends_on"}:
        return _day(value)
    if name in {"start_time", "end_time"} and isinstance(value, str):
        return value[:5]
    if name == "money_raised":
        return format_vnd(value)
    if isinstance(value, int):  # the counts: people expected, taking part, supported
        return format_number(value)
    return str(value)


def history_rows(activity):
    """The activity's history, newest first, each change with its label and old → new."""
    rows = []
    for entry in audit.history_of(activity):
        changes = []
        for name, pair in (entry.changes or {}).items():
            old, new = ([*pair, None, None])[:2] if isinstance(pair, list) else (None, pair)
            shown_old, shown_new = _show(name, old), _show(name, new)
            if shown_old != shown_new:  # None → "" is no change to a reader
                changes.append({"label": _field_label(name), "old": shown_old, "new": shown_new})
        rows.append(
            {"entry": entry, "changes": changes, "created": entry.action in {"created", "imported"}}
        )
    return rows
