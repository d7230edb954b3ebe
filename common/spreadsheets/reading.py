"""Reading a table that a person uploads, for imports that take every row or none.

Officers and staff prepare lists in Excel or as CSV; an import reads the whole file first,
checks every row, and writes only when all rows are good. This module is the part every
import shares: reading the file into a `tablib.Dataset` of strings, refusing what is not a
table with a message a person can act on (`TableError`), and reporting bad rows by the line
number the person sees in their spreadsheet (`RowError`: the header is line 1, the first data
row line 2).

Blank rows inside the table are kept in the dataset, so that dataset row `i` is always
spreadsheet line `i + 2`; `data_rows` skips them. Trailing blank rows are dropped.

`read_table` is the one door through which every import reads a person's file (the admin's
django-import-export formats too, common.spreadsheets.formats): it holds the file to the
limits of common.spreadsheets.limits while reading it, so a file that claims or unpacks
to far more than a table is refused quickly and cheaply with a message saying what was too big.
"""

import csv
import datetime
import io
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import tablib
from django.utils.translation import gettext as _

from .limits import (
    TableError,
    TableLimits,
    cell_too_long,
    line_too_long,
    not_excel,
    too_large,
    too_many_columns,
    too_many_rows,
)
from .xlsx import xlsx_rows

# The largest file an import reads, and the most data rows. Both are far above the real
# lists (the city's units are a few hundred rows) and keep a bad upload from filling memory.
# What the file may unpack to, its columns and cells are settings (limits.TableLimits).
MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 20_000

_ZIP_MAGIC = b"PK\x03\x04"
_OLD_EXCEL_MAGIC = b"\xd0\xcf\x11\xe0"  # .xls and other OLE2 documents
_CSV_SUFFIXES = {".csv", ".txt"}
_XLSX_SUFFIXES = {".xlsx", ".xlsm"}


@dataclass(frozen=True)
class RowError:
    """One problem in one row: `line` as the spreadsheet numbers it, `column` its header."""

    line: int
    column: str
    message: str

    def __str__(self):
        if self.column:
            return _("line %(line)s, column %(column)s: %(message)s") % {
                "line": self.line,
                "column": self.column,
                "message": self.message,
            }
        return _("line %(line)s: %(message)s") % {"line": self.line, "message": self.message}


@dataclass(frozen=True)
class RowChange:
    """What an import does (or would do) with one row: `action` is created/updated."""

    line: int
    action: str
    label: str
    changes: dict


@dataclass
class ImportReport:
    """The outcome of an import: its errors, or what it wrote (or would write, on a dry run)."""

    errors: list[RowError] = field(default_factory=list)
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    dry_run: bool = False
    changes: list[RowChange] = field(default_factory=list)

    @property
    def ok(self):
        return not self.errors

    def add_error(self, line, column, message):
        self.errors.append(RowError(line, column, str(message)))

    def sorted_errors(self):
        return sorted(self.errors, key=lambda error: (error.line, error.column))


def read_table(
    source,
    *,
    filename=None,
    required_columns=(),
    max_bytes=MAX_BYTES,
    max_rows=MAX_ROWS,
    max_unpacked_bytes=None,
) -> tablib.Dataset:
    """Read a CSV (UTF-8, with or without BOM) or xlsx file (its first sheet) into a Dataset.

    `source` is an uploaded file, any binary file object, bytes, or a path; `filename` names
    it when the object does not. Every value comes back as a stripped, NFC-normalised
    string: a date cell as "2025-07-01", the number 31.0 as "31". Header names are matched
    to `required_columns` without regard to case and renamed to them.
    Raises TableError for anything that is not such a table, or that goes past `max_bytes`,
    `max_rows`, `max_unpacked_bytes` (an xlsx unpacked; the setting's when None) or the
    limits of the settings.
    """
    limits = TableLimits.from_settings(max_rows=max_rows, max_unpacked_bytes=max_unpacked_bytes)
    data, filename = _read_bytes(source, filename, max_bytes)
    if not data.strip():
        raise TableError(_("The file is empty."))
    if table_format(filename, data) == "xlsx":
        rows = _xlsx_rows(data, limits)
    else:
        rows = _csv_rows(data, limits)
    return _dataset(rows, required_columns, limits)


def read_rows(source, *, filename=None, max_bytes=MAX_BYTES, max_rows=MAX_ROWS) -> list:
    """The file's lines as lists of strings, every line kept (row i is line i + 1), for a
    file whose table does not start on line 1 (a bank's statement opens with its own
    heading). The same limits and refusals as read_table; no header is checked."""
    limits = TableLimits.from_settings(max_rows=max_rows)
    data, filename = _read_bytes(source, filename, max_bytes)
    if not data.strip():
        raise TableError(_("The file is empty."))
    if table_format(filename, data) == "xlsx":
        rows = _xlsx_rows(data, limits)
    else:
        rows = _csv_rows(data, limits)
    while rows and not any(rows[-1]):
        rows.pop()
    if len(rows) > limits.max_rows + 1:
        raise too_many_rows(limits)
    return [list(values) for values in rows]


def table_format(filename, head=b""):
    """How read_table reads a file of this name: "xlsx" or "csv".

    A name without a suffix is told by its first bytes `head` (a zip is a workbook). Raises
    TableError for a name read_table does not read (.xls, .pdf, …).
    """
    suffix = Path(filename or "").suffix.lower()
    if suffix in _XLSX_SUFFIXES or (not suffix and head.startswith(_ZIP_MAGIC)):
        return "xlsx"
    if suffix in _CSV_SUFFIXES or not suffix:
        return "csv"
    if suffix == ".xls":
        raise TableError(
            _("Old Excel files (.xls) cannot be read. Save the file as .xlsx and try again.")
        )
    raise TableError(_("Only .xlsx and .csv files can be read."))


def data_rows(dataset: tablib.Dataset):
    """(line, {header: value}) for each non-blank row, with its spreadsheet line number."""
    headers = dataset.headers or []
    for index, values in enumerate(dataset):
        if any(values):
            yield index + 2, dict(zip(headers, values, strict=True))


def _read_bytes(source, filename, max_bytes):
    if isinstance(source, bytes):
        data = source[: max_bytes + 1]
    elif isinstance(source, str | Path):
        path = Path(source)
        filename = filename or path.name
        try:
            with path.open("rb") as handle:
                data = handle.read(max_bytes + 1)
        except OSError as error:
            raise TableError(
                _("The file %(name)s cannot be opened: %(reason)s")
                % {"name": path.name, "reason": error.strerror or error}
            ) from error
    else:
        filename = filename or Path(getattr(source, "name", "") or "").name
        if getattr(source, "size", None) is not None and source.size > max_bytes:
            raise too_large(max_bytes)
        if hasattr(source, "seek"):
            source.seek(0)
        data = source.read(max_bytes + 1)
        if isinstance(data, str):
            data = data.encode("utf-8")
    if len(data) > max_bytes:
        raise too_large(max_bytes)
    return data, filename


def _xlsx_rows(data, limits):
    if not data.startswith(_ZIP_MAGIC):
        if data.startswith(_OLD_EXCEL_MAGIC):
            raise TableError(
                _("Old Excel files (.xls) cannot be read. Save the file as .xlsx and try again.")
            )
        raise not_excel()
    try:
        rows = xlsx_rows(data, limits)
    except TableError:
        raise
    except Exception as error:  # a broken or foreign workbook fails in many different ways
        raise not_excel() from error
    return [[_cell_text(value) for value in values] for values in rows]


def _cell_text(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, datetime.datetime):
        if value.time() == datetime.time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="seconds" if value.second else "minutes")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, datetime.time):
        return value.isoformat(timespec="seconds" if value.second else "minutes")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return _clean(str(value))


def _clean(text):
    return unicodedata.normalize("NFC", text).strip()


def _csv_rows(data, limits):
    if data.startswith(_ZIP_MAGIC) or data.startswith(_OLD_EXCEL_MAGIC) or b"\x00" in data:
        raise TableError(_("The file is not a CSV text file. Save it as .csv (UTF-8) or .xlsx."))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise TableError(
            _(
                "The file is not UTF-8 text. In Excel choose “CSV UTF-8” when saving, "
                "or upload the .xlsx file."
            )
        ) from error
    first_line = text.lstrip("\r\n").split("\n", 1)[0]
    # Excel set to Vietnamese writes ";" between values, since "," is the decimal mark.
    delimiter = max((",", ";", "\t"), key=first_line.count)
    rows = []
    try:
        for values in csv.reader(_csv_lines(text, limits), delimiter=delimiter):
            line = len(rows) + 1
            if line > limits.max_lines:
                raise too_many_rows(limits)
            if len(values) > limits.max_columns:
                raise too_many_columns(limits, line)
            for column, value in enumerate(values, start=1):
                if len(value) > limits.max_cell_chars:
                    raise cell_too_long(limits, line, column)
            rows.append([_clean(value) for value in values])
    except csv.Error as error:
        raise TableError(
            _("The CSV file cannot be read near line %(line)s: %(reason)s")
            % {"line": len(rows) + 1, "reason": error}
        ) from error
    return rows


def _csv_lines(text, limits):
    """The file's lines for the csv module, none longer than a few full cells."""
    for number, line in enumerate(io.StringIO(text, newline=""), start=1):
        if len(line) > limits.max_run_bytes:
            raise line_too_long(limits, number)
        yield line


def _dataset(rows, required_columns, limits):
    while rows and not any(rows[-1]):
        rows.pop()
    if not rows or not any(rows[0]):
        raise TableError(_("The first line must hold the column names, and it is empty."))
    header = list(rows[0])
    while header and not header[-1]:
        header.pop()
    width = len(header)
    data = rows[1:]
    if len(data) > limits.max_rows:
        raise too_many_rows(limits)
    for index, values in enumerate(data):
        if any(values[width:]):
            raise TableError(
                _("Line %(line)s has values beyond the last named column.") % {"line": index + 2}
            )
    for position, name in enumerate(header, start=1):
        if not name:
            raise TableError(
                _("Column %(number)s has no name in the first line.") % {"number": position}
            )
    header = _match_required(header, required_columns)
    dataset = tablib.Dataset(headers=header)
    for values in data:
        dataset.append((list(values[:width]) + [""] * width)[:width])
    return dataset


def _match_required(header, required_columns):
    by_lower = {}
    for name in header:
        if name.lower() in by_lower:
            raise TableError(
                _("The column %(name)s appears twice in the first line.") % {"name": name}
            )
        by_lower[name.lower()] = name
    wanted = {column.lower(): column for column in required_columns}
    missing = [column for lower, column in wanted.items() if lower not in by_lower]
    if missing:
        raise TableError(
            _("Missing columns: %(missing)s. The first line must name these columns: %(all)s.")
            % {"missing": ", ".join(missing), "all": ", ".join(required_columns)}
        )
    return [wanted.get(name.lower(), name) for name in header]
