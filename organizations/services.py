"""Writes to the unit tree, to people's roles, and to the pauses on signing in."""

import datetime
import logging

from axes.models import AccessAttempt
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from common.history import audit
from common.periods import Period
from common.text import trimmed
from organizations import permissions
from organizations.models import Membership, Unit, UnitAncestry, User

log = logging.getLogger(__name__)


class TreeError(ValidationError):
    """The units do not form a tree (a unit above itself)."""


def _overlap(period_a, period_b):
    """The (start, end) both periods hold (empty ends are open), or None."""
    joint = Period(*period_a).intersection(Period(*period_b))
    return None if joint is None else (joint.start, joint.end)


def compute_ancestry(units):
    """[(unit_id, ancestor_id, depth, valid_from, valid_until)] for `units`.

    `units` are (id, code, parent_code, valid_from, valid_until) tuples. A unit's parent on
    a day is the unit whose code is its parent code and which is valid that day, so one unit
    may have several parents in turn (a commune of Huyện Thủy Nguyên stayed a commune of
    Thành phố Thủy Nguyên from 1/1/2025).
    """
    by_code = {}
    for row in units:
        by_code.setdefault(row[1], []).append(row)
    memo = {}

    def ancestors(row, path):
        unit_id = row[0]
        if unit_id in memo:
            return memo[unit_id]
        if unit_id in path:
            raise TreeError(_("The unit with code %(code)s lies under itself.") % {"code": row[1]})
        own = (row[3], row[4])
        found = [(unit_id, 0, own)]
        for parent in by_code.get(row[2], []) if row[2] else []:
            link = _overlap(own, (parent[3], parent[4]))
            if link is None:
                continue
            for ancestor_id, depth, period in ancestors(parent, path | {unit_id}):
                joint = _overlap(link, period)
                if joint is not None:
                    found.append((ancestor_id, depth + 1, joint))
        memo[unit_id] = found
        return found

    rows = []
    for row in units:
        for ancestor_id, depth, (start, end) in ancestors(row, frozenset()):
            rows.append((row[0], ancestor_id, depth, start, end))
    return rows


@transaction.atomic
def rebuild_ancestry():
    """Recompute the closure table from the units' parent codes and periods."""
    units = list(Unit.objects.values_list("id", "code", "parent_code", "valid_from", "valid_until"))
    rows = compute_ancestry(units)
    UnitAncestry.objects.all().delete()
    UnitAncestry.objects.bulk_create(
        [
            UnitAncestry(unit_id=u, ancestor_id=a, depth=d, valid_from=f, valid_until=t)
            for u, a, d, f, t in rows
        ],
        batch_size=1000,
    )
    return len(rows)


def _check_may_grant(by, role, user):
    """`by` may give or end `role` for `user` (organizations.permissions.may_grant); None is
    the portal itself (a management command, the demo loader)."""
    if by is not None and not permissions.may_grant(by, role, to=user):
        raise PermissionDenied


@transaction.atomic
def grant_role(*, user, unit, role, by=None, starts_on: datetime.date | None = None, note=""):
    """Give `user` a role in `unit`, if `by` may (permissions.may_grant). Recorded in the
    person's history: who gave it, from when, and why (the note: the decision that
    appointed them)."""
    _check_may_grant(by, role, user)
    note = trimmed(note)
    membership = Membership(
        user=user,
        unit=unit,
        role=role,
        starts_on=starts_on or timezone.localdate(),
        note=note,
        granted_by=by if getattr(by, "is_authenticated", False) else None,
    )
    membership.full_clean()
    membership.save()
    audit.record(
        user,
        action="role_granted",
        by=by,
        reason=note,
        changes={
            "role": [None, membership.role],
            "unit": [None, str(unit)],
            "starts_on": [None, membership.starts_on.isoformat()],
        },
    )
    permissions.forget(user)
    return membership


@transaction.atomic
def end_role(membership, *, by=None, ends_on: datetime.date | None = None, reason=""):
    """End a role, if `by` may (permissions.may_grant); it is kept, with its period, for the
    record, and the person's history says who ended it, from when and why.

    `ends_on` is the last day the role is held. Without it the role stops at once: its last
    day is yesterday (or its first day, for a role that has only just started).
    """
    _check_may_grant(by, membership.role, membership.user)
    if ends_on is None:
        yesterday = timezone.localdate() - datetime.timedelta(days=1)
        ends_on = max(yesterday, membership.starts_on)
    if membership.ends_on is not None:
        raise ValidationError(_("This role has already ended."))
    if ends_on < membership.starts_on:
        raise ValidationError(_("The role cannot end before it starts."))
    membership.ends_on = ends_on
    membership.save(update_fields=["ends_on"])
    audit.record(
        membership.user,
        action="role_ended",
        by=by,
        reason=trimmed(reason),
        changes={
            "role": [membership.role, None],
            "unit": [str(membership.unit), None],
            "ends_on": [None, ends_on.isoformat()],
        },
    )
    permissions.forget(membership.user)
    return membership


@transaction.atomic
def change_role_note(membership, *, note, by=None):
    """Change the note of a role (the decision that appointed the person), if `by` may give
    or end that role. Recorded in the person's history with the old and the new note; the
    role and unit are kept beside them, so the entry says which role it was."""
    _check_may_grant(by, membership.role, membership.user)
    note = trimmed(note)
    old = Membership.objects.filter(pk=membership.pk).values_list("note", flat=True).get()
    membership.note = note
    if old == note:
        return membership
    membership.full_clean()
    membership.save(update_fields=["note"])
    audit.record(
        membership.user,
        action="role_note_changed",
        by=by,
        changes={
            "role": [membership.role, membership.role],
            "unit": [str(membership.unit), str(membership.unit)],
            "note": [old, note],
        },
    )
    return membership


@transaction.atomic
def lift_lockout(*, username=None, ip_address=None, by=None, reason=""):
    """Forget the failed sign-ins of a user name (from every address) or of an address (for
    every user name), so that signing in works again at once.

    Each account whose failures are forgotten gets a history entry (who lifted it, why, how
    many failures); the log line also names the address. Returns the number of failures
    forgotten.
    """
    if not username and not ip_address:
        raise ValidationError(_("Say whose sign-in lockout to lift: a user name or an address."))
    attempts = AccessAttempt.objects.all()
    if username:
        attempts = attempts.filter(username=username)
    if ip_address:
        attempts = attempts.filter(ip_address=ip_address)
    failures = {}
    for name, count in attempts.values_list("username", "failures_since_start"):
        failures[name] = failures.get(name, 0) + count
    attempts.delete()
    for user in User.objects.filter(username__in=[name for name in failures if name]):
        audit.record(
            user,
            action="lockout_lifted",
            by=by,
            reason=reason,
            changes={"failed_sign_ins": [failures[user.username], 0]},
        )
    log.info(
        "Sign-in lockout lifted by %s for user name %s, address %s (%d failures forgotten): %s",
        by,
        username or "(any)",
        ip_address or "(any)",
        sum(failures.values()),
        reason,
    )
    return sum(failures.values())


@transaction.atomic
def save_unit(unit, *, by, save):
    """Save a unit edited by hand, with `save()` (the admin's own save of the unit and its
    predecessors), all or nothing: then its history, "created" with its values or "changed"
    with the values that changed (nothing when nothing did), and the tree rebuilt."""
    from organizations.importing import unit_snapshot  # the import writes through here

    stored = Unit.objects.filter(pk=unit.pk).first() if unit.pk else None
    before = unit_snapshot(stored) if stored else None
    save()
    after = unit_snapshot(unit)
    changes = audit.changes_between(before or dict.fromkeys(after), after)
    if changes or before is None:
        audit.record(unit, action="changed" if before else "created", by=by, changes=changes)
    rebuild_ancestry()
    return unit


@transaction.atomic
def delete_units(units, *, by, delete):
    """Write a "deleted" entry for each unit, then delete them with `delete()` (the admin's
    own deletion) and rebuild the tree, all or nothing: the history outlives the rows."""
    for unit in units:
        audit.record(unit, action="deleted", by=by, changes={})
    delete()
    rebuild_ancestry()


def record_unit_imported(unit, *, by, reason, changes):
    """History of a unit written by a file import (organizations.importing)."""
    audit.record(unit, action="imported", by=by, reason=reason, changes=changes)
