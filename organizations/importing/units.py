"""Importing the unit tree from a table: every row is checked before anything is written.

The file has the columns of the official data files (organizations/data/README.md):
code, name, kind, parent_code, valid_from, valid_until, predecessors, source. A row is
identified by its code *and* its start date, so importing a file again updates the same
units in place. A row is checked against the other rows of the file and against the units
already in the portal, as the tree would stand after the import: its parent code must name
units that cover its whole period, its predecessors must name units of the day before it
starts, and no code may have two overlapping periods.
"""

import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from common.history import audit
from common.spreadsheets.reading import ImportReport, RowChange, data_rows
from common.spreadsheets.writing import csv_text_back
from common.text import CONTROL_CHARACTERS, fold
from organizations.models import Unit, UnitKind, UnitPredecessor, UnitShare
from organizations.services import rebuild_ancestry, record_unit_imported

from .checks import (
    Row,
    check_children,
    check_cycles,
    check_duplicates,
    check_overlaps,
    check_parents,
    check_predecessors,
    merge,
)

COLUMNS = (
    "code",
    "name",
    "kind",
    "parent_code",
    "valid_from",
    "valid_until",
    "predecessors",
    "source",
)
# predecessors and source may be left out: the units keep theirs.
REQUIRED_COLUMNS = COLUMNS[:6]
HISTORY_FIELDS = ("code", "name", "kind", "parent_code", "valid_from", "valid_until", "source")

MARKERS = {UnitShare.PART: "một phần", UnitShare.REMAINDER: "phần còn lại"}
_SHARE_OF_MARKER = {fold(marker): share for share, marker in MARKERS.items()}
_CODE_LENGTH = Unit._meta.get_field("code").max_length
_NAME_LENGTH = Unit._meta.get_field("name").max_length


class UnitImportFailed(Exception):
    """A file that had to import cleanly (a shipped official file) did not."""

    def __init__(self, filename, report):
        self.filename = filename
        self.report = report
        lines = "\n".join(str(error) for error in report.sorted_errors())
        super().__init__(f"{filename}:\n{lines}")


def format_predecessor(code, name, share=UnitShare.WHOLE):
    """One entry of the predecessors column: "11572:Phường Hoa Động (một phần)"."""
    marker = MARKERS.get(share)
    return f"{code}:{name} ({marker})" if marker else f"{code}:{name}"


def predecessors_text(unit):
    """The predecessors column of `unit`, from the database, in the order they were added."""
    links = unit.predecessor_links.select_related("predecessor").order_by("pk")
    return "; ".join(
        format_predecessor(link.predecessor.code, link.predecessor.name, link.share)
        for link in links
    )


def unit_snapshot(unit):
    """The values of a unit that its history records, predecessors included."""
    values = audit.snapshot(unit, HISTORY_FIELDS)
    values["predecessors"] = predecessors_text(unit) if unit.pk else ""
    return values


def parse_date(text):
    """A date written 2025-07-01 or 01/07/2025 (also 1/7/2025); None when empty."""
    text = (text or "").strip()
    if not text:
        return None
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(text)


def parse_predecessors(text):
    """[(code, name, share)] from "CODE:Name (marker); ..."; ValueError names a bad entry."""
    found = []
    for entry in (part.strip() for part in (text or "").split(";")):
        if not entry:
            continue
        code, colon, name = entry.partition(":")
        code, name = code.strip(), name.strip()
        if not colon or not code or not name or " " in code:
            raise ValueError(entry)
        share = UnitShare.WHOLE
        if name.endswith(")") and " (" in name:
            head, _sep, marker = name[:-1].rpartition(" (")
            if fold(marker) in _SHARE_OF_MARKER:
                name, share = head.strip(), _SHARE_OF_MARKER[fold(marker)]
        found.append((code, name, share))
    return found


def import_units(dataset, *, by=None, dry_run=False, filename="") -> ImportReport:
    """Check every row of `dataset`; write all of them, or nothing when any row is bad.

    Rows are matched to units by code and start date: a matching unit is updated, others are
    created. Each created or changed unit gets one history entry with the changed values
    (`by` is the importing user, None for the system), and the tree's closure table is
    rebuilt once at the end. On a dry run the report says what would happen.
    """
    report = ImportReport(dry_run=dry_run)
    with transaction.atomic():
        plan = plan_units(dataset, report)
        if not dry_run:
            write_units(plan, by=by, filename=filename)
    return report


def plan_units(dataset, report):
    """Check every row of `dataset` against the others and the tree; what to write.

    Each bad row adds its errors to `report` and the plan is then empty; otherwise `report`
    counts the units to create, update and leave alone, with each row's changes, and the
    plan holds what `write_units` writes. Nothing is written.
    """
    rows = _check(dataset, report)
    if report.errors:
        return []
    return _plan(rows, report)


def write_units(plan, *, by=None, filename=""):
    """Write a plan of `plan_units`: the units, their predecessors, a history entry each
    (`by` the importing user, `filename` named in its reason), then the closure table."""
    if plan:
        _write(plan, by=by, filename=filename)


def _check(dataset, report):
    headers = list(dataset.headers or [])
    for column in REQUIRED_COLUMNS:
        if column not in headers:
            report.add_error(1, column, _("This column is missing from the first line."))
    if report.errors:
        return []
    rows = [_parse(line, values, report) for line, values in data_rows(dataset)]
    if not rows:
        report.add_error(1, "", _("The file has no rows below the column names."))
        return rows
    check_duplicates(rows, report)
    entries, by_code = merge(rows)
    check_overlaps(rows, by_code, report)
    check_parents(rows, by_code, report)
    check_children(rows, entries, by_code, report)
    check_cycles(rows, by_code, report)
    check_predecessors(rows, by_code, report)
    return rows


def check_unit(*, pk, code, name, kind, parent_code, valid_from, valid_until):
    """The import's checks of the tree for one unit edited by hand: [(field, message)].

    `pk` is the unit being changed (None for a new one). Checks that no other unit has the
    code in an overlapping period, that the parent code covers the period, that units under
    this one keep a parent, and that the unit would not lie under itself.
    """
    report = ImportReport()
    row = Row(line=0, values={}, code=code, name=name, kind=kind, parent_code=parent_code)
    row.valid_from, row.valid_until = valid_from, valid_until
    entries, by_code = merge([row], replacing=pk)
    if row.entry is None:
        return []
    check_overlaps([row], by_code, report)
    check_parents([row], by_code, report)
    check_children([row], entries, by_code, report)
    check_cycles([row], by_code, report)
    return [(error.column, error.message) for error in report.errors]


def _parse(line, values, report):
    # A CSV export marks text that starts like a formula with an apostrophe; read it back
    # as it was typed. Control characters (which no unit's name holds) are refused.
    values = {column: csv_text_back(value) for column, value in values.items()}
    row = Row(line=line, values=values)

    def error(column, message):
        report.add_error(line, column, message)

    for column in ("code", "name", "parent_code", "source"):
        if CONTROL_CHARACTERS.search(values.get(column) or ""):
            error(column, _("The text holds an invisible control character."))

    row.code = values["code"]
    if not row.code:
        error("code", _("The code is empty."))
    elif len(row.code) > _CODE_LENGTH or any(ch.isspace() for ch in row.code):
        error("code", _("A code has at most 20 characters and no spaces."))
    row.name = values["name"]
    if not row.name:
        error("name", _("The name is empty."))
    elif len(row.name) > _NAME_LENGTH:
        error("name", _("The name is longer than 200 characters."))
    row.kind = values["kind"]
    if row.kind not in UnitKind.values:
        error(
            "kind",
            _("Unknown kind “%(kind)s”; use one of: %(kinds)s.")
            % {"kind": row.kind, "kinds": ", ".join(UnitKind.values)},
        )
    row.parent_code = values["parent_code"]
    if len(row.parent_code) > _CODE_LENGTH:
        error("parent_code", _("A code has at most 20 characters and no spaces."))
    for column in ("valid_from", "valid_until"):
        try:
            setattr(row, column, parse_date(values[column]))
        except ValueError:
            row.period_ok = False
            error(
                column,
                _("“%(text)s” is not a date; write it as 2025-07-01 or 01/07/2025.")
                % {"text": values[column]},
            )
    if row.valid_from and row.valid_until and row.valid_until < row.valid_from:
        row.period_ok = False
        error("valid_until", _("The unit ends before it starts."))
    if "predecessors" in values:
        try:
            row.predecessors = parse_predecessors(values["predecessors"])
        except ValueError as bad:
            error(
                "predecessors",
                _(
                    "“%(entry)s” is not written as CODE:Name, optionally followed by “(một phần)” "
                    "or “(phần còn lại)”; entries are separated by “;”."
                )
                % {"entry": bad.args[0]},
            )
        else:
            if row.predecessors and row.valid_from is None and row.period_ok:
                error("predecessors", _("A unit formed from others needs its start date."))
            codes = [code for code, _name, _share in row.predecessors]
            for code in sorted({code for code in codes if codes.count(code) > 1}):
                error("predecessors", _("The code %(code)s is named twice.") % {"code": code})
    if "source" in values:
        row.source = values["source"]
    return row


def _plan(rows, report):
    """[(row, action, before, after)] for the rows that create or change a unit."""
    existing_links = {}
    updated_ids = [row.existing.pk for row in rows if row.existing is not None]
    for link in UnitPredecessor.objects.filter(unit_id__in=updated_ids).select_related(
        "predecessor"
    ):
        existing_links.setdefault(link.unit_id, []).append(link)
    plan = []
    for row in rows:
        after = {
            "code": row.code,
            "name": row.name,
            "kind": row.kind,
            "parent_code": row.parent_code,
            "valid_from": _iso(row.valid_from),
            "valid_until": _iso(row.valid_until),
            "source": row.source if row.source is not None else "",
        }
        links = sorted(existing_links.get(getattr(row.existing, "pk", None), []), key=_pk)
        old_links = "; ".join(
            format_predecessor(link.predecessor.code, link.predecessor.name, link.share)
            for link in links
        )
        if row.predecessors is None:
            after["predecessors"] = old_links
        else:
            after["predecessors"] = "; ".join(
                format_predecessor(entry.code, entry.name, share) for entry, share in row.resolved
            )
        if row.existing is None:
            before = dict.fromkeys(after)
            action = "created"
            report.created += 1
        else:
            before = audit.snapshot(row.existing, HISTORY_FIELDS)
            before["predecessors"] = old_links
            if row.source is None:
                after["source"] = before["source"]
            same_links = row.predecessors is None or {
                (link.predecessor_id, link.share) for link in links
            } == {(getattr(entry.unit, "pk", None), share) for entry, share in row.resolved}
            if same_links:
                after["predecessors"] = before["predecessors"]
            if audit.changes_between(before, after) == {}:
                report.unchanged += 1
                continue
            action = "updated"
            report.updated += 1
        changes = audit.changes_between(before, after)
        report.changes.append(RowChange(row.line, action, f"{row.name} ({row.code})", changes))
        plan.append((row, action, changes))
    return plan


def _write(plan, *, by, filename):
    # New units go in with one query (the official files create ~600 at once); the few
    # changed ones are saved one by one.
    created = []
    for row, _action, _changes in plan:
        unit = row.existing or Unit(code=row.code, valid_from=row.valid_from)
        unit.name, unit.kind, unit.parent_code = row.name, row.kind, row.parent_code
        unit.valid_until = row.valid_until
        if row.source is not None:
            unit.source = row.source
        if row.existing is None:
            unit.search_name = fold(unit.name)  # what Unit.save() would do
            created.append(unit)
        else:
            unit.save()
        row.entry.unit = unit
    Unit.objects.bulk_create(created, batch_size=500)
    _set_predecessors([row for row, _action, _changes in plan if row.predecessors is not None])
    reason = _("Imported from %(file)s") % {"file": filename} if filename else ""
    for row, _action, changes in plan:
        record_unit_imported(row.entry.unit, by=by, reason=reason, changes=changes)
    rebuild_ancestry()


def _set_predecessors(rows):
    """Make each row's unit's predecessor links those of the file, in the file's order."""
    current = {}
    existing = [row.existing.pk for row in rows if row.existing is not None]
    for link in UnitPredecessor.objects.filter(unit_id__in=existing):
        current.setdefault(link.unit_id, {})[link.predecessor_id] = link
    stale, changed, new = [], [], []
    for row in rows:
        unit = row.entry.unit
        have = current.get(unit.pk, {})
        wanted = {entry.unit.pk for entry, _share in row.resolved}
        stale += [link.pk for predecessor_id, link in have.items() if predecessor_id not in wanted]
        for entry, share in row.resolved:
            link = have.get(entry.unit.pk)
            if link is None:
                new.append(UnitPredecessor(unit=unit, predecessor=entry.unit, share=share))
            elif link.share != share:
                link.share = share
                changed.append(link)
    UnitPredecessor.objects.filter(pk__in=stale).delete()
    UnitPredecessor.objects.bulk_update(changed, ["share"])
    UnitPredecessor.objects.bulk_create(new, batch_size=500)


def _pk(link):
    return link.pk


def _iso(day):
    return day.isoformat() if day else None
