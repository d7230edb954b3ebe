"""One funnel for every state change of a record that goes through a workflow.

An app declares its workflow once (campaigns/workflows.py): the model's states, and for
each allowed move the states it starts from, the state it leads to, the history action it
writes, whether it needs a reason, who may make it (a predicate the app writes with its own
permission rules) and what else it sets and sends. Then:

- `workflow.make(obj, to=..., by=..., reason=..., at=..., notify=...)` makes a move, always
  the same way, in one transaction: lock the row and read its state again, check who is
  acting and that the move is allowed from the state the row is in now, check the app's
  rules, set the fields and save only them, write the history entry, and leave the side
  effects (mail, …) for after the commit. `at` says when it happened if not now and
  `notify=False` sends nothing, so that loading past data takes the same path;
- `workflow.moves_for(obj, user)` answers "which moves may this person make now", for the
  buttons of every screen and the checks of bulk actions, so no screen reads the table
  itself.

A refusal raises ValidationError (a translated message; {"reason": …} when a reason is
missing) or PermissionDenied (the person may not make this move at all), and changes
nothing. Modelled on pretalx's `set_submission_state` and Zulip's `do_*` actions.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from common.history.audit import record
from common.text import trimmed


@dataclass(frozen=True)
class Change:
    """What a move's hooks are told: who acts, why, when, and the state it leaves."""

    by: object
    reason: str
    at: object
    before: str


@dataclass(frozen=True)
class Move:
    """One allowed move: from any of `sources` to `target`, written in the history as
    `action`.

    - `who(user, obj)`: whether this person may make it (the app's permission rules);
    - `condition(obj)`: a rule besides the state (a draft that was never submitted);
      `refused(obj)`: the app's words for every refusal of a move to `target`, from any
      state or by the condition (else the workflow's own message);
    - `reason_required`: the message shown when no reason is given (empty: optional);
      `note`: the history's reason when the person gives none;
    - `check(obj, by)`: rules checked on the locked row before anything changes (raises
      ValidationError); `apply(obj, change)`: sets the move's other fields and returns their
      names; `after(obj)`: the side effect queued for after the commit;
    - `label`: the button's words, for screens that show the move by name.
    """

    name: str
    sources: frozenset
    target: str
    action: str
    who: Callable
    condition: Callable | None = None
    refused: Callable | None = None
    reason_required: str = ""
    note: str = ""
    check: Callable | None = None
    apply: Callable | None = None
    after: Callable | None = None
    label: str = ""

    def starts_from(self, obj, field="state") -> bool:
        return getattr(obj, field) in self.sources and (
            self.condition is None or self.condition(obj)
        )


def move(name, sources: Iterable, target, *, action, who, **options) -> Move:
    return Move(name, frozenset(sources), target, action, who, **options)


class Workflow:
    """The states of one model and the moves between them (see the module's docstring).

    `refused(obj, to)` words the refusal of a move the table does not allow from `obj`'s
    state; `lock_related` are the relations read with the locked row (the rules and the
    predicates use them).
    """

    def __init__(self, states, moves, *, refused, field="state", lock_related=()):
        self.states = states
        self.moves = tuple(moves)
        self.field = field
        self.lock_related = tuple(lock_related)
        self._refused = refused
        names = [m.name for m in self.moves]
        if len(set(names)) != len(names):
            raise ValueError(f"Two moves share a name: {names}")
        for one in self.moves:
            if not {*one.sources, one.target} <= set(states.values):
                raise ValueError(f"The move {one.name} names a state {states} does not have.")

    # --- the table ----------------------------------------------------------------------

    @property
    def transitions(self) -> dict:
        """{state: the states reachable from it}, as the table says (whoever acts)."""
        return {
            state: {m.target for m in self.moves if state in m.sources} for state in self.states
        }

    def next_states(self, obj) -> list:
        """The states `obj` may go to from its state, in the states' order."""
        reachable = self.transitions[getattr(obj, self.field)]
        return [state for state in self.states if state in reachable]

    def sources_of(self, *names) -> set:
        """The states from which any of the named moves starts."""
        return {state for m in self.moves if m.name in names for state in m.sources}

    def get(self, name) -> Move:
        return next(m for m in self.moves if m.name == name)

    def _from(self, obj, to) -> Move | None:
        state = getattr(obj, self.field)
        return next((m for m in self.moves if m.target == to and state in m.sources), None)

    # --- who may do what now ------------------------------------------------------------

    def moves_for(self, obj, user) -> tuple[Move, ...]:
        """The moves `user` may make on `obj` in its present state: the one answer behind
        every button and bulk action."""
        return tuple(m for m in self.moves if m.starts_from(obj, self.field) and m.who(user, obj))

    def names_for(self, obj, user) -> set[str]:
        return {m.name for m in self.moves_for(obj, user)}

    def permits(self, user, obj, *, to) -> bool:
        """Whether `user` may make some move to `to` at all, whatever `obj`'s state (to a
        state no move leads to: whether they may make any move of the workflow)."""
        leading = [m for m in self.moves if m.target == to] or self.moves
        return any(m.who(user, obj) for m in leading)

    def refusal(self, obj, *, to) -> str | None:
        """Why `obj` cannot go to `to` from its state, in words for the person; None when
        the table (and the move's condition) allow it."""
        found = self._from(obj, to)
        if found is not None and found.starts_from(obj, self.field):
            return None
        worded = next((m.refused for m in self.moves if m.target == to and m.refused), None)
        return str(worded(obj) if worded else self._refused(obj, to))

    # --- the funnel ---------------------------------------------------------------------

    def lock(self, obj):
        """`obj` read again under a row lock, so that two people acting at once are
        serialised and the second one sees the state the first one left. A proxy (the
        review queue's) is read as its model, whose history it is."""
        rows = obj._meta.concrete_model._default_manager.select_for_update()
        if self.lock_related:
            rows = rows.select_related(*self.lock_related)
        return rows.get(pk=obj.pk)

    @transaction.atomic
    def make(self, obj, *, to, by, reason="", at=None, notify=True):
        """Move `obj` to the state `to` (see the module's docstring); returns the row as
        saved. Raises PermissionDenied or ValidationError and changes nothing when refused."""
        if to not in self.states.values:
            raise ValueError(f"{to!r} is not a state of {self.states.__name__}.")
        obj = self.lock(obj)
        if not self.permits(by, obj, to=to):
            raise PermissionDenied
        refusal = self.refusal(obj, to=to)
        if refusal is not None:
            raise ValidationError(refusal)
        chosen = self._from(obj, to)
        if not chosen.who(by, obj):
            raise PermissionDenied
        reason = trimmed(reason or "")
        if chosen.reason_required and not reason:
            raise ValidationError({"reason": str(chosen.reason_required)})
        if chosen.check is not None:
            chosen.check(obj, by)
        change = Change(by=by, reason=reason, at=at or timezone.now(), before=self._state(obj))
        fields = list(chosen.apply(obj, change)) if chosen.apply else []
        setattr(obj, self.field, chosen.target)
        obj.save(update_fields=[self.field, *fields, *self._stamps(obj)])
        record(
            obj,
            action=chosen.action,
            by=by,
            reason=reason or str(chosen.note),
            changes={self.field: [change.before, self._state(obj)]},
            at=change.at,
        )
        if notify and chosen.after is not None:
            # robust: a mail server that is down must not undo or break the state change.
            transaction.on_commit(partial(chosen.after, obj), robust=True)
        return obj

    def _state(self, obj) -> str:
        return str(getattr(obj, self.field))

    @staticmethod
    def _stamps(obj):
        """The model's "last changed" fields: a save of named fields skips them otherwise."""
        return [f.name for f in obj._meta.concrete_fields if getattr(f, "auto_now", False)]
