"""One renderer of a record's history, for the admin, the officers' portal and the public page.

The history stores plain values (codes, ISO dates, names); `history_rows` turns them into
what a person reads: the action's label (common.history.types), who acted, the reason,
and each change as field label, old and new value, in the portal's formats. Each app says
how its models' values read with `register_display`, in its AppConfig's ready(): this module
names no model of the portal. Each audience sees what it should:

- the admin (staff): every entry, who made it and why;
- the portal (officers, on their own records): the entries whose type the portal may read;
- the public page: only the types made public (an activity's changes after publication and
  its cancellation with the reason), only the public fields, and never who acted.
"""

from dataclasses import dataclass, field

from django.core.exceptions import FieldDoesNotExist
from django.utils.text import capfirst
from django.utils.translation import gettext

from common.formatting import format_number, format_stored
from common.history import types as history_types
from common.history.types import ADMIN, PORTAL, PUBLIC
from common.models import HistoryEntry
from common.money import format_vnd

EMPTY = "—"
CREATED_ACTIONS = frozenset({"created", "imported"})


@dataclass(frozen=True)
class HistoryDisplay:
    """How the history of one model reads: where its field labels come from, which values
    are codes with labels, which are money or counts, which fields the public may read."""

    field_models: tuple = ()
    labels: dict = field(default_factory=dict)  # history keys that are not model fields
    choices: dict = field(default_factory=dict)  # field: TextChoices.choices
    money: frozenset = frozenset()
    counts: frozenset = frozenset()
    public_fields: tuple = ()

    def field_label(self, name):
        if name in self.labels:
            return self.labels[name]
        for model in self.field_models:
            try:
                found = model._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            if hasattr(found, "verbose_name"):  # not a reverse relation
                return found.verbose_name
        return name.replace("_", " ")

    def show(self, name, value):
        """One old or new value, as a person reads it."""
        if value is None or value == "" or value == []:
            return EMPTY
        if isinstance(value, bool):
            return gettext("yes") if value else gettext("no")
        if isinstance(value, list):
            return ", ".join(str(self.show(None, item)) for item in value)
        labels = {str(code): label for code, label in self.choices.get(name, ())}
        if str(value) in labels:
            return labels[str(value)]
        if name in self.money and isinstance(value, int):
            return format_vnd(value)
        if name in self.counts and isinstance(value, int):
            return format_number(value)
        return format_stored(value)


_DISPLAYS: dict[str, HistoryDisplay] = {}


def register_display(model: str, display: HistoryDisplay):
    _DISPLAYS[model.lower()] = display


def display_for(model: str) -> HistoryDisplay:
    return _DISPLAYS.get(model, HistoryDisplay())


def history_rows(obj, *, audience=ADMIN, since=None, limit=None):
    """The entries of `obj` that `audience` may read, newest first, each as a dict: `entry`,
    `at`, `actor` (a name; None on the public page), `action` (its label), `reason`,
    `created` (the record's first entry) and `changes`, as `_change` writes them for the
    audience."""
    if audience not in (ADMIN, PORTAL, PUBLIC):
        raise ValueError(f"Unknown audience {audience!r}.")
    model = history_types.model_key(obj)
    display = display_for(model)
    entries = HistoryEntry.objects.for_object(obj).filter(
        action__in=history_types.actions_for(model, audience)
    )
    if audience != PUBLIC:
        entries = entries.select_related("actor")
    if since is not None:
        entries = entries.filter(at__gte=since)
    if limit is not None:
        entries = entries[:limit]
    return [_row(entry, display, audience) for entry in entries]


def _row(entry, display, audience):
    changes = []
    for name, pair in (entry.changes or {}).items():
        if audience == PUBLIC and name not in display.public_fields:
            continue
        old, new = ([*pair, None, None])[:2] if isinstance(pair, list | tuple) else (None, pair)
        shown_old, shown_new = display.show(name, old), display.show(name, new)
        if shown_old == shown_new:  # None → "" is no change to a reader
            continue
        changes.append(
            _change(audience, name, display.field_label(name), old, shown_old, shown_new)
        )
    if audience == PUBLIC:
        actor = None
    else:
        # The user model's own name for a person (its __str__).
        actor = str(entry.actor) if entry.actor else gettext("the portal")
    return {
        "entry": entry,
        "at": entry.at,
        "actor": actor,
        "action": entry.action_label,
        "reason": entry.reason,
        "created": entry.action in CREATED_ACTIONS,
        "changes": changes,
    }


def _change(audience, name, label, old, shown_old, shown_new):
    """One change as the audience's page shows it: the admin's table with the field's label
    as a heading and whether the value was set for the first time (no "— →" then); the
    portal's list with the label in the running text; the public log names only the field."""
    if audience == ADMIN:
        first = old in (None, "", [])
        return {"field": capfirst(label), "old": shown_old, "new": shown_new, "first": first}
    if audience == PORTAL:
        return {"label": str(label), "old": shown_old, "new": shown_new}
    return {"name": name, "field": label}
