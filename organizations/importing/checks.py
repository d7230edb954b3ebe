"""The checks of the unit tree that an import makes before it writes anything.

`merge` builds the tree as it would stand after the import: the units in the database with
the file's rows over them (a row replaces the unit with its code and start date). Each
`check_*` function then adds row errors to the report: codes used twice in one period,
parent codes that leave a gap, periods that would orphan units already in the portal, units
under themselves, predecessors that do not name exactly one unit of the day before.
"""

import datetime
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from common import formatting
from common.formatting import format_period
from common.periods import Period
from common.text import same_name
from organizations.models import Unit

ONE_DAY = datetime.timedelta(days=1)
BY_KEY = object()


@dataclass(eq=False)
class Entry:
    """A unit as the tree would hold it after the import: from the database or the file."""

    code: str
    name: str
    parent_code: str
    valid_from: datetime.date | None
    valid_until: datetime.date | None
    unit: Unit | None = None
    row: "Row | None" = None

    @property
    def span(self):
        return span_of(self.valid_from, self.valid_until)

    def valid_on(self, day):
        return Period(self.valid_from, self.valid_until).contains(day)

    def describe(self):
        text = f"{self.name} ({self.code}, {format_span(self.valid_from, self.valid_until)})"
        if self.row is not None:
            return _("%(unit)s on line %(line)s") % {"unit": text, "line": self.row.line}
        return text


@dataclass(eq=False)
class Row:
    """One data row of the file as parsed; `entry` is its place in the merged tree."""

    line: int
    values: dict
    code: str = ""
    name: str = ""
    kind: str = ""
    parent_code: str = ""
    valid_from: datetime.date | None = None
    valid_until: datetime.date | None = None
    period_ok: bool = True
    predecessors: list | None = None
    source: str | None = None
    entry: Entry | None = None
    existing: Unit | None = None
    resolved: list = field(default_factory=list)


def usable(row):
    return bool(row.code) and row.period_ok


def check_duplicates(rows, report):
    first_line = {}
    for row in rows:
        if not usable(row):
            continue
        key = (row.code, row.valid_from)
        if key in first_line:
            report.add_error(
                row.line,
                "code",
                _(
                    "Lines %(first)s and %(line)s both hold code %(code)s with the start "
                    "date %(start)s; a unit is its code and its start date."
                )
                % {
                    "first": first_line[key],
                    "line": row.line,
                    "code": row.code,
                    "start": format_day(row.valid_from) if row.valid_from else _("(empty)"),
                },
            )
            row.period_ok = False  # keep the second one out of the later checks
        else:
            first_line[key] = row.line


def merge(rows, *, replacing=BY_KEY):
    """The tree after the import: the database's units, with the file's rows over them.

    A row replaces the unit with its code and start date, or (from the admin's form) the
    unit whose primary key is `replacing`.
    """
    in_database = {(unit.code, unit.valid_from): unit for unit in Unit.objects.all()}
    by_pk = {unit.pk: key for key, unit in in_database.items()}
    entries = []
    for row in rows:
        if not usable(row):
            continue
        if replacing is BY_KEY:
            row.existing = in_database.pop((row.code, row.valid_from), None)
        else:
            row.existing = in_database.pop(by_pk.get(replacing), None)
        row.entry = Entry(
            row.code, row.name, row.parent_code, row.valid_from, row.valid_until, row.existing, row
        )
        entries.append(row.entry)
    for unit in in_database.values():
        entries.append(
            Entry(unit.code, unit.name, unit.parent_code, unit.valid_from, unit.valid_until, unit)
        )
    by_code = {}
    for entry in entries:
        by_code.setdefault(entry.code, []).append(entry)
    return entries, by_code


def span_of(valid_from, valid_until):
    """A validity period with its open ends made the earliest and latest dates."""
    return (valid_from or datetime.date.min, valid_until or datetime.date.max)


def overlaps(a, b):
    return Period(*a).overlaps(Period(*b))


def check_overlaps(rows, by_code, report):
    for row in rows:
        if row.entry is None:
            continue
        for other in by_code[row.code]:
            if other is row.entry or not overlaps(row.entry.span, other.span):
                continue
            if other.row is not None and other.row.line > row.line:
                continue  # reported once, on the later line
            report.add_error(
                row.line,
                "valid_from",
                _("Code %(code)s is also used by %(other)s in the same period.")
                % {"code": row.code, "other": other.describe()},
            )


def first_gap(span, covers):
    """The first part of `span` that none of the `covers` spans covers, or None."""
    cursor, end = span
    for start, stop in sorted(covers):
        if stop < cursor:
            continue
        if start > cursor:
            return (cursor, min(end, start - ONE_DAY))
        if stop >= end:
            return None
        cursor = stop + ONE_DAY
    return (cursor, end)


def check_parents(rows, by_code, report):
    for row in rows:
        if row.entry is None or not row.parent_code:
            continue
        if row.parent_code == row.code:
            report.add_error(row.line, "parent_code", _("A unit cannot lie under itself."))
            continue
        parents = by_code.get(row.parent_code, [])
        if not parents:
            report.add_error(
                row.line,
                "parent_code",
                _("Unknown parent: no unit has the code %(code)s.") % {"code": row.parent_code},
            )
            continue
        gap = first_gap(row.entry.span, [parent.span for parent in parents])
        if gap is not None:
            report.add_error(
                row.line,
                "parent_code",
                _("Unknown parent: no unit with code %(code)s is valid %(period)s.")
                % {"code": row.parent_code, "period": format_span(*open_ends(gap))},
            )


def check_children(rows, entries, by_code, report):
    """A changed period must not leave units already in the portal without their parent."""
    shrunk = {}
    for row in rows:
        if row.existing is not None and row.entry is not None:
            before = span_of(row.existing.valid_from, row.existing.valid_until)
            if row.entry.span != before and not (
                row.entry.span[0] <= before[0] and before[1] <= row.entry.span[1]
            ):
                shrunk.setdefault(row.code, []).append(row)
    if not shrunk:
        return
    orphans = {}
    for entry in entries:
        if entry.row is not None or entry.parent_code not in shrunk:
            continue
        gap = first_gap(entry.span, [parent.span for parent in by_code[entry.parent_code]])
        if gap is not None:
            orphans.setdefault(entry.parent_code, []).append((entry, gap))
    for code, lost in orphans.items():
        listed = "; ".join(
            _("%(unit)s %(period)s")
            % {"unit": entry.describe(), "period": format_span(*open_ends(gap))}
            for entry, gap in lost[:3]
        )
        if len(lost) > 3:
            listed += " " + _("and %(count)s more") % {"count": len(lost) - 3}
        for row in shrunk[code]:
            report.add_error(
                row.line,
                "valid_until",
                _("This period leaves units under code %(code)s without a parent: %(units)s.")
                % {"code": code, "units": listed},
            )


def check_cycles(rows, by_code, report):
    for row in rows:
        if row.entry is None or not row.parent_code or row.parent_code == row.code:
            continue
        if lies_under_itself(row.entry, by_code):
            report.add_error(
                row.line,
                "parent_code",
                _("The unit would lie under itself through the parent code %(code)s.")
                % {"code": row.parent_code},
            )


def lies_under_itself(start, by_code):
    stack = [(start, start.span, frozenset())]
    while stack:
        entry, span, seen = stack.pop()
        for parent in by_code.get(entry.parent_code, ()) if entry.parent_code else ():
            if not overlaps(span, parent.span):
                continue
            if parent is start:
                return True
            if id(parent) not in seen:
                joint = (max(span[0], parent.span[0]), min(span[1], parent.span[1]))
                stack.append((parent, joint, seen | {id(parent)}))
    return False


def check_predecessors(rows, by_code, report):
    for row in rows:
        if row.entry is None or not row.predecessors or row.valid_from is None:
            continue
        day = row.valid_from - ONE_DAY
        for code, name, share in row.predecessors:
            found = [entry for entry in by_code.get(code, []) if entry.valid_on(day)]
            if len(found) != 1:
                message = (
                    _("No unit with code %(code)s was valid on %(day)s (the day before it starts).")
                    if not found
                    else _("Several units with code %(code)s were valid on %(day)s.")
                )
                report.add_error(
                    row.line, "predecessors", message % {"code": code, "day": format_day(day)}
                )
            elif not same_name(found[0].name, name):
                report.add_error(
                    row.line,
                    "predecessors",
                    _("On %(day)s the code %(code)s named “%(actual)s”, not “%(given)s”.")
                    % {
                        "day": format_day(day),
                        "code": code,
                        "actual": found[0].name,
                        "given": name,
                    },
                )
            else:
                row.resolved.append((found[0], share))


def open_ends(span):
    start, end = span
    return (
        None if start == datetime.date.min else start,
        None if end == datetime.date.max else end,
    )


def format_day(day):
    return formatting.format_day(day) if day else _("(no date)")


def format_span(start, end):
    return format_period(start, end) or _("at any time")
