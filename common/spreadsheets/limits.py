"""How much of an uploaded table an import reads, and the message when a file wants more.

A spreadsheet of a few kilobytes can claim a million rows, and an .xlsx of one megabyte can
unpack to gigabytes. Every import reads through common.spreadsheets.reading, which holds
a file to these limits as it reads it: before anything is unpacked (the sizes its zip
declares), while it is unpacked (what it really holds), and while its rows are read (rows,
columns and the length of each cell, blank ones counted too). A file past a limit is refused
at the first byte, row or cell beyond it, so refusing costs little whatever the file claims.

The sizes are settings (config/settings.py, TABLE_IMPORT_*); the number of rows is each
import's own, and so may be the unpacked size of one whose rows are many.
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter

from common.formatting import format_number

_MB = 1024 * 1024


class TableError(Exception):
    """The file is not a table this import can read; `message` says why, translated."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message

    def __str__(self):
        return str(self.message)


@dataclass(frozen=True)
class TableLimits:
    max_rows: int
    max_columns: int
    max_cell_chars: int
    max_unpacked_bytes: int
    max_ratio: int
    ratio_from_bytes: int
    max_parts: int

    @classmethod
    def from_settings(cls, *, max_rows, max_unpacked_bytes=None):
        """The settings' limits, with the import's own number of rows and, for an import
        whose rows are many (a year's donation list), its own bound on what the file may
        unpack to."""
        return cls(
            max_rows=max_rows,
            max_columns=settings.TABLE_IMPORT_MAX_COLUMNS,
            max_cell_chars=settings.TABLE_IMPORT_MAX_CELL_CHARS,
            max_unpacked_bytes=max_unpacked_bytes or settings.TABLE_IMPORT_MAX_UNPACKED_BYTES,
            max_ratio=settings.TABLE_IMPORT_MAX_RATIO,
            ratio_from_bytes=settings.TABLE_IMPORT_RATIO_FROM_BYTES,
            max_parts=settings.TABLE_IMPORT_MAX_PARTS,
        )

    @property
    def max_lines(self):
        """The last line a sheet may reach: the column names, then max_rows rows."""
        return self.max_rows + 1

    @property
    def max_run_bytes(self):
        """The most bytes of a file between two tags (or of one CSV line): a full cell
        written with the longest escapes fits, and nothing much longer is ever buffered."""
        return 8 * self.max_cell_chars + 64 * 1024

    @property
    def max_elements(self):
        """The most XML elements one part may hold: room for rich formatting in every cell
        of a full table, far from what makes parsing slow."""
        return self.max_lines * self.max_columns * 4 + 100_000

    @property
    def max_shared_texts(self):
        """Each of a workbook's shared texts is used by some cell of its sheets."""
        return self.max_lines * self.max_columns


def too_large(max_bytes):
    return TableError(
        _("The file is too large: at most %(size)s MB can be imported.")
        % {"size": format_number(max_bytes // _MB or 1)}
    )


def too_many_rows(limits):
    return TableError(
        _(
            "The file has too many rows: at most %(count)s can be imported at once. Rows "
            "that look empty count too: delete those below your table and upload it again."
        )
        % {"count": format_number(limits.max_rows)}
    )


def too_many_columns(limits, line):
    return TableError(
        _(
            "Line %(line)s goes on past column %(column)s: at most %(count)s columns can be "
            "read. Delete the columns to the right of your table, empty ones too."
        )
        % {
            "line": line,
            "column": get_column_letter(limits.max_columns),
            "count": format_number(limits.max_columns),
        }
    )


def cell_too_long(limits, line=None, column=None):
    if line is None:
        return TableError(
            _("The file holds a text of more than %(count)s characters, more than a cell holds.")
            % {"count": format_number(limits.max_cell_chars)}
        )
    return TableError(
        _("Line %(line)s, column %(column)s holds more than %(count)s characters.")
        % {
            "line": line,
            "column": get_column_letter(column),
            "count": format_number(limits.max_cell_chars),
        }
    )


def line_too_long(limits, line):
    return TableError(
        _(
            "Line %(line)s is longer than an import reads (%(count)s characters). Is the file "
            "a table saved as CSV?"
        )
        % {"line": line, "count": format_number(limits.max_run_bytes)}
    )


def unpacks_too_large(limits):
    return TableError(
        _(
            "The workbook unpacks to more than %(size)s MB, more than an import reads. Keep "
            "only the table (delete pictures and other sheets) or save it as .csv."
        )
        % {"size": format_number(limits.max_unpacked_bytes // _MB or 1)}
    )


def packed_too_tightly(limits):
    return TableError(
        _(
            "A part of the workbook unpacks to more than %(ratio)s times its size, which real "
            "spreadsheets never do, so it is not read. Copy the table into a new workbook "
            "and upload that."
        )
        % {"ratio": limits.max_ratio}
    )


def too_many_parts(limits):
    return TableError(
        _(
            "The workbook is made of more than %(count)s parts (sheets, pictures, …), more "
            "than an import reads. Copy the table into a new workbook and upload that."
        )
        % {"count": format_number(limits.max_parts)}
    )


def too_many_texts(limits):
    return TableError(
        _(
            "The workbook holds more different texts than %(count)s rows can use. Copy the "
            "table into a new workbook and upload that."
        )
        % {"count": format_number(limits.max_rows)}
    )


def too_complex(limits):
    return TableError(
        _(
            "The workbook holds far more than a table of %(count)s rows. Copy the table into "
            "a new workbook and upload that."
        )
        % {"count": format_number(limits.max_rows)}
    )


def damaged():
    return TableError(
        _(
            "The workbook is damaged: what it holds does not match what it declares. Open it "
            "in Excel, save it again as .xlsx and upload it again."
        )
    )


def not_excel():
    return TableError(_("The file is not an Excel workbook (.xlsx). Save it as .xlsx or .csv."))
