"""The first sheet of an .xlsx workbook as rows of values, read within the import's limits.

openpyxl (even in read-only mode) reads every shared text before the first row, builds each
row whole before handing it over, pads rows to the size the sheet's <dimension> claims and
parses the workbook's other parts into trees; a hostile file makes any of these cost
gigabytes. This reader streams the few parts a table needs (zipped.Package) and counts as it
goes: the line of each <row> (blank ones and jumps in its number included), the columns and
cells of each row, the characters of each cell and each shared text. The <dimension> claim is
not read at all. Values come back as openpyxl's read-only, data-only mode gives them (the
same rules, and its own helpers for dates and number formats), so nothing changes for a
normal file.
"""

import posixpath
import re

from django.utils.translation import gettext as _
from openpyxl.styles.numbers import builtin_format_code, is_date_format, is_timedelta_format
from openpyxl.utils.cell import column_index_from_string
from openpyxl.utils.datetime import (
    CALENDAR_MAC_1904,
    CALENDAR_WINDOWS_1900,
    from_excel,
    from_ISO8601,
)
from openpyxl.xml.constants import (
    ARC_CONTENT_TYPES,
    ARC_STYLE,
    SHARED_STRINGS,
    XLSM,
    XLSX,
    XLTM,
    XLTX,
)

from .limits import (
    TableError,
    cell_too_long,
    damaged,
    not_excel,
    too_many_columns,
    too_many_rows,
    too_many_texts,
)
from .zipped import Done, Package

# The order in which openpyxl looks for the workbook part.
_WORKBOOK_TYPES = (XLTM, XLTX, XLSM, XLSX)
_WANTED_TYPES = {*_WORKBOOK_TYPES, SHARED_STRINGS}
# Excel keeps a few hundred number formats at most.
_MAX_NUMBER_FORMATS = 65_536
_CELL_REF = re.compile(r"^\$?([A-Za-z]{1,3})\$?\d+$")
_DATE, _TIMEDELTA = 1, 2


def xlsx_rows(data, limits):
    """The first worksheet's rows: row i holds line i + 1, its values by column from A (an
    empty sequence for a line without cells)."""
    package = Package(data, limits)
    workbook_part, strings_part = _parts(package)
    sheet_part, epoch = _first_sheet(package, workbook_part)
    styles = _number_styles(package)
    strings = _shared_texts(package, strings_part, limits) if strings_part else []
    reader = _SheetReader(strings, styles, epoch, limits)
    package.parse(sheet_part, reader)
    return reader.rows


class _Handler:
    def start(self, name, attrs, parents):
        pass

    def text(self, data, parents):
        pass

    def end(self, name, parents):
        pass


class _ContentTypes(_Handler):
    """The first part of each content type a table needs (nothing else is kept)."""

    def __init__(self):
        self.parts = {}
        self.default_workbook = False

    def start(self, name, attrs, parents):
        content_type = attrs.get("ContentType")
        if name == "Override" and content_type in _WANTED_TYPES:
            self.parts.setdefault(content_type, attrs.get("PartName", "").lstrip("/"))
        elif name == "Default" and content_type in _WORKBOOK_TYPES:
            self.default_workbook = True


def _parts(package):
    """The workbook part and the shared texts part (or None), found as openpyxl finds them."""
    if ARC_CONTENT_TYPES not in package:
        raise not_excel()
    types = _ContentTypes()
    package.parse(ARC_CONTENT_TYPES, types)
    by_type = types.parts
    workbook = next((by_type[kind] for kind in _WORKBOOK_TYPES if kind in by_type), None)
    if workbook is None and types.default_workbook:
        workbook = "xl/workbook.xml"
    if workbook is None or workbook not in package:
        raise not_excel()
    strings = by_type.get(SHARED_STRINGS)
    if strings is not None and strings not in package:
        raise not_excel()
    return workbook, strings


class _Relationships(_Handler):
    """The targets of the relationships named `wanted`, resolved as openpyxl resolves them."""

    def __init__(self, parent, wanted):
        self.parent, self.wanted = parent, wanted
        self.targets = {}

    def start(self, name, attrs, parents):
        if name != "Relationship" or attrs.get("TargetMode") == "External":
            return
        if attrs.get("Id") not in self.wanted:
            return
        target = attrs.get("Target", "")
        if target.startswith("/"):
            target = target[1:]
        else:
            target = posixpath.normpath(posixpath.join(self.parent, target))
        self.targets[attrs.get("Id")] = (attrs.get("Type", ""), target)


class _Workbook(_Handler):
    def __init__(self, limits):
        self.limits = limits
        self.sheet_ids = []
        self.date1904 = False

    def start(self, name, attrs, parents):
        if name == "workbookPr":
            self.date1904 = attrs.get("date1904", "").lower() in ("1", "true")
        elif name == "sheet" and parents and parents[-1] == "sheets":
            if len(self.sheet_ids) >= self.limits.max_parts:  # each sheet is a part
                raise not_excel()
            self.sheet_ids.append(attrs.get("id"))

    def end(self, name, parents):
        if name == "sheets":
            raise Done


def _first_sheet(package, workbook_part):
    """The part of the first worksheet, as openpyxl's first of `worksheets`, and the epoch."""
    workbook = _Workbook(package.limits)
    package.parse(workbook_part, workbook)
    folder, file = posixpath.split(workbook_part)
    rels_part = posixpath.join(folder, "_rels", f"{file}.rels")
    relationships = _Relationships(folder, set(workbook.sheet_ids))
    if rels_part in package:
        package.parse(rels_part, relationships)
    for sheet_id in workbook.sheet_ids:
        if not sheet_id:
            continue
        if sheet_id not in relationships.targets:
            raise not_excel()
        kind, target = relationships.targets[sheet_id]
        if target in package and "chartsheet" not in kind:
            epoch = CALENDAR_MAC_1904 if workbook.date1904 else CALENDAR_WINDOWS_1900
            return target, epoch
    raise TableError(_("The workbook has no sheet."))


class _NumberStyles(_Handler):
    """Which cell styles (positions in cellXfs) show a date or a duration."""

    def __init__(self):
        self.custom = {}
        self.kinds = bytearray()
        self._kind_of = {}

    def start(self, name, attrs, parents):
        parent = parents[-1] if parents else None
        if name == "numFmt" and parent == "numFmts":
            if len(self.custom) >= _MAX_NUMBER_FORMATS:
                raise not_excel()
            self.custom[_int(attrs.get("numFmtId"))] = attrs.get("formatCode")
        elif name == "xf" and parent == "cellXfs":
            self.kinds.append(self._kind(_int(attrs.get("numFmtId", "0"))))

    def end(self, name, parents):
        if name == "cellXfs":
            raise Done

    def _kind(self, number_format):
        if number_format not in self._kind_of:
            code = self.custom.get(number_format) or builtin_format_code(number_format)
            if code is None:
                return 0  # a format the workbook does not define: a plain number
            kind = _DATE if is_date_format(code) else 0
            if is_timedelta_format(code):
                kind |= _TIMEDELTA
            self._kind_of[number_format] = kind
        return self._kind_of[number_format]


def _number_styles(package):
    styles = _NumberStyles()
    if ARC_STYLE in package:
        package.parse(ARC_STYLE, styles)
    return styles.kinds


class _SharedTexts(_Handler):
    """The shared texts: plain and rich runs (<t>, <r><t>), without phonetic guides."""

    def __init__(self, limits):
        self.limits = limits
        self.texts = []
        self.parts = None
        self.length = 0

    def start(self, name, attrs, parents):
        if name == "si":
            if len(self.texts) >= self.limits.max_shared_texts:
                raise too_many_texts(self.limits)
            self.parts, self.length = [], 0

    def text(self, data, parents):
        if self.parts is None or parents[-1] != "t":
            return
        holder = parents[-2] if len(parents) > 1 else None
        if holder == "si" or (holder == "r" and len(parents) > 2 and parents[-3] == "si"):
            self.length += len(data)
            if self.length > self.limits.max_cell_chars:
                raise cell_too_long(self.limits)
            self.parts.append(data)

    def end(self, name, parents):
        if name == "si" and self.parts is not None:
            self.texts.append("".join(self.parts).replace("x005F_", ""))
            self.parts = None


def _shared_texts(package, part, limits):
    texts = _SharedTexts(limits)
    package.parse(part, texts)
    return texts.texts


class _SheetReader(_Handler):
    def __init__(self, strings, styles, epoch, limits):
        self.strings, self.styles, self.epoch, self.limits = strings, styles, epoch, limits
        self.rows = []
        self.row_elements = 0
        self.line = 0  # the last line read
        self.row_number = 0  # the last <row>'s number, read or skipped
        self.cells = None  # {column: value} of the row being read; None outside or skipping
        self.count = 0
        self.column = 0
        self.cell = None  # (type, style) of the cell being read
        self.value = None  # pieces of its <v> or of its inline text
        self.length = 0

    def start(self, name, attrs, parents):
        parent = parents[-1] if parents else None
        if name == "row" and parent == "sheetData":
            self._start_row(attrs)
        elif name == "c" and parent == "row":
            self._start_cell(attrs)
        elif self.cell is not None and parent == "c" and name == self._value_tag():
            self.value = []

    def _value_tag(self):
        """A cell's value is its <v>, or its <is> for an inline string."""
        return "is" if self.cell[0] == "inlineStr" else "v"

    def _start_row(self, attrs):
        self.row_elements += 1
        if self.row_elements > self.limits.max_lines:
            raise too_many_rows(self.limits)
        number = attrs.get("r")
        self.row_number = _row_number(number) if number else self.row_number + 1
        self.count = self.column = 0
        if self.row_number <= self.line:
            self.cells = None  # a row repeated or out of order: openpyxl skips it too
            return
        if self.row_number > self.limits.max_lines:
            raise too_many_rows(self.limits)
        while len(self.rows) < self.row_number - 1:
            self.rows.append(())
        self.line = self.row_number
        self.cells = {}

    def _start_cell(self, attrs):
        reference = attrs.get("r")
        if reference:
            match = _CELL_REF.match(reference)
            if not match:
                raise not_excel()
            self.column = column_index_from_string(match[1].upper())
        else:
            self.column += 1
        self.count += 1
        if self.column > self.limits.max_columns or self.count > self.limits.max_columns:
            raise too_many_columns(self.limits, self.row_number)
        if self.cells is None:
            return
        self.cell = (attrs.get("t", "n"), _int(attrs.get("s") or "0"))
        self.value, self.length = None, 0

    def text(self, data, parents):
        if self.value is None:
            return
        if self.cell[0] == "inlineStr":
            if not _inline_text(parents):
                return
        elif parents[-1] != "v":
            return
        self.length += len(data)
        if self.length > self.limits.max_cell_chars:
            raise cell_too_long(self.limits, self.line, self.column)
        self.value.append(data)

    def end(self, name, parents):
        if name == "c" and self.cell is not None:
            value = self._cell_value()
            if value is not None:
                self.cells[self.column] = value
            self.cell = self.value = None
        elif name == "row" and parents and parents[-1] == "sheetData":
            if self.cells:
                width = max(self.cells)
                self.rows.append([self.cells.get(column) for column in range(1, width + 1)])
            elif self.cells is not None:
                self.rows.append(())
            self.cells = None
        elif name == "sheetData":
            raise Done

    def _cell_value(self):
        kind, style = self.cell
        text = None if self.value is None else "".join(self.value)
        if kind == "inlineStr":
            return text
        if not text:
            return None
        try:
            if kind == "n":
                number = float(text) if "." in text or "e" in text.lower() else int(text)
                shown = self.styles[style] if style < len(self.styles) else 0
                if shown & _DATE:
                    try:
                        return from_excel(number, self.epoch, timedelta=bool(shown & _TIMEDELTA))
                    except (OverflowError, ValueError):
                        return "#VALUE!"
                return number
            if kind == "s":
                return self.strings[int(text)]
            if kind == "b":
                return bool(int(text))
            if kind == "d":
                return from_ISO8601(text)
        except IndexError as error:
            raise damaged() from error
        except ValueError:
            return text
        return text  # "str" (a formula's text), "e" (an error such as #N/A)


def _inline_text(parents):
    """Text of an inline string: <is><t> or <is><r><t>, as for shared texts."""
    if parents[-1] != "t" or len(parents) < 2:
        return False
    return parents[-2] == "is" or (parents[-2] == "r" and len(parents) > 2 and parents[-3] == "is")


def _row_number(text):
    try:
        return int(text)
    except ValueError:
        try:
            number = float(text)
        except ValueError:
            number = 0.5
        if not number.is_integer():
            raise not_excel() from None
        return int(number)


def _int(text):
    try:
        return int(text)
    except (TypeError, ValueError):
        raise not_excel() from None
