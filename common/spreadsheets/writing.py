"""Writing what people typed into the spreadsheets staff open: always as text.

A unit or an activity named `=HYPERLINK(...)`, `+SUM(1+1)` or `@SUM(1)` must reach Excel as
those characters, never as a formula that runs on the reader's computer. Every writer of
the portal goes through here:

- xlsx: a text cell is stored with the string type, so Excel shows it as typed (nothing
  is added to the text); control characters, which an xlsx file cannot hold, are dropped;
- CSV: a cell that Excel would read as a formula (starting with = + - @, a tab or a carriage
  return) gets a leading apostrophe, as OWASP advises; Excel hides the apostrophe.

`TextOnlyXLSX` and `TextOnlyCSV` are the admin's export formats (django-import-export's
`IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT` would delete the "=", changing the text, and
leaves + - @ alone).
"""

import io

import tablib
from import_export.formats import base_formats
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from common.text import strip_controls

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def write_cell(cell, value):
    """Put `value` in an openpyxl cell; a string always as text."""
    if isinstance(value, str):
        cell.value = strip_controls(value)
        cell.data_type = "s"
    else:
        cell.value = value
    return cell


def append_row(sheet, values):
    """sheet.append(values), with every string written as text. Returns the row number."""
    values = list(values)
    sheet.append([strip_controls(value) if isinstance(value, str) else value for value in values])
    row = sheet.max_row
    for column, value in enumerate(values, start=1):
        if isinstance(value, str):
            sheet.cell(row=row, column=column).data_type = "s"
    return row


def csv_value(value):
    """A CSV cell that Excel reads as the text it holds, not as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_text_back(value):
    """What csv_value wrote, read back: the apostrophe before a formula-like text dropped."""
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value


def xlsx_bytes(dataset: tablib.Dataset) -> bytes:
    """The dataset as an xlsx workbook: bold headers, first row frozen, strings as text."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Tablib Dataset"
    widths = {}
    rows = ([dataset.headers] if dataset.headers else []) + [list(row) for row in dataset]
    for number, values in enumerate(rows, start=1):
        for column, value in enumerate(values, start=1):
            cell = write_cell(sheet.cell(row=number, column=column), value)
            shown = "" if value is None else str(value)
            widths[column] = max(widths.get(column, 0), len(shown))
            if number == 1 and dataset.headers:
                cell.font = Font(bold=True)
    if dataset.headers:
        sheet.freeze_panes = "A2"
    for column, width in widths.items():
        sheet.column_dimensions[get_column_letter(column)].width = min(max(width, 8), 60)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def csv_dataset(dataset: tablib.Dataset) -> tablib.Dataset:
    """A copy of the dataset whose cells Excel cannot read as formulas."""
    return tablib.Dataset(
        *[tuple(csv_value(value) for value in row) for row in dataset],
        headers=[csv_value(header) for header in dataset.headers or []] or None,
    )


class TextOnlyXLSX(base_formats.XLSX):
    def export_data(self, dataset, **kwargs):
        return xlsx_bytes(dataset)


class TextOnlyCSV(base_formats.CSV):
    def export_data(self, dataset, **kwargs):
        return super().export_data(csv_dataset(dataset), **kwargs)


# The admin exports real dates and numbers to the formats in this list (the others get text).
if TextOnlyXLSX not in base_formats.BINARY_FORMATS:
    base_formats.BINARY_FORMATS.append(TextOnlyXLSX)
