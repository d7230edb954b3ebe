"""Writing history entries (common.models.HistoryEntry). Only the apps' services call
`record` (tests/test_architecture.py).
"""

import datetime
from decimal import Decimal

from django.db import models

from common.history import types as history_types
from common.models import HistoryEntry


def _plain(value):
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, list | tuple | set):
        return [_plain(item) for item in value]
    return value


def snapshot(obj, fields):
    """The values of `fields` on `obj`, as they would be written to the history."""
    return {name: _plain(getattr(obj, name)) for name in fields}


def changes_between(before: dict, after: dict) -> dict:
    """{field: [old, new]} for the fields whose value changed."""
    return {
        name: [before.get(name), after.get(name)]
        for name in after
        if before.get(name) != after.get(name)
    }


def record(obj, *, action: str, by=None, reason: str = "", changes: dict | None = None, at=None):
    """Add a history entry to `obj`: who (`by`, None for the system), what, why; `at` when
    it happened, if not now (the demo's 2024 month). `action` is one of the history types
    registered for `obj`'s model."""
    model = history_types.model_key(obj)
    if history_types.get(model, action) is None:
        raise LookupError(f"No history type {model}.{action} is registered.")
    return HistoryEntry.objects.create(
        **({} if at is None else {"at": at}),
        content_type_id=_content_type_id(obj),
        object_id=str(obj.pk),
        action=action,
        actor=by if getattr(by, "is_authenticated", False) else None,
        reason=reason,
        changes=changes or {},
    )


def _content_type_id(obj):
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(type(obj)).pk


def history_of(obj):
    return HistoryEntry.objects.for_object(obj).select_related("actor")
