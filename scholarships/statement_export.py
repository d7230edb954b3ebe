"""A fund's yearly statement of receipts and uses as an xlsx workbook: the same figures as its
page (selectors/statements.py), one sheet, amounts as whole-đồng numbers, every text written
as text through common.spreadsheets.writing (a fund or a purpose named "=..." stays text)."""

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from common.spreadsheets.writing import append_row, write_cell

AMOUNT_FORMAT = "#,##0"


def _heading(sheet, text):
    append_row(sheet, [])
    row = append_row(sheet, [text])
    sheet.cell(row=row, column=1).font = Font(bold=True)


def _amounts(sheet, rows):
    for values in rows:
        row = append_row(sheet, values)
        for column, value in enumerate(values, start=1):
            if isinstance(value, int):
                sheet.cell(row=row, column=column).number_format = AMOUNT_FORMAT


def statement_xlsx(report) -> bytes:
    fund = report.fund
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = str(report.year)
    title = write_cell(
        sheet.cell(row=1, column=1),
        _("Statement of receipts and uses, %(year)s") % {"year": report.year},
    )
    title.font = Font(bold=True, size=14)
    _amounts(
        sheet,
        [
            [_("Fund"), fund.name],
            [_("Unit"), fund.unit.name],
            [_("Period"), f"{report.starts_on:%d/%m/%Y} – {report.ends_on:%d/%m/%Y}"],
            [_("Amounts in đồng (VND)")],
        ],
    )
    _heading(sheet, _("Summary"))
    _amounts(
        sheet,
        [
            [_("Balance on 1 January"), report.opening],
            [_("Received (gifts)"), report.received],
            [_("Gifts reversed (corrections)"), -report.received_reversed],
            [_("Used (spending)"), -report.used],
            [_("Spending reversed (corrections)"), report.used_reversed],
            [_("Balance on 31 December"), report.closing],
            [_("of which free to use"), report.closing_free],
            [_("of which kept for named purposes"), report.closing_restricted],
        ],
    )
    _heading(sheet, _("Received, by kind of donor"))
    _amounts(sheet, [[_("Kind of donor"), _("Gifts"), _("Amount")]])
    _amounts(
        sheet,
        [[str(row["label"]), row["gifts"], row["total"]] for row in report.by_donor_kind],
    )
    _amounts(
        sheet,
        [
            [_("Free to use"), "", report.received_free],
            [_("For a named purpose"), "", report.received_restricted],
        ],
    )
    _heading(sheet, _("By month"))
    _amounts(sheet, [[_("Month"), _("Received"), _("Used")]])
    _amounts(sheet, [[row["month"], row["received"], row["used"]] for row in report.by_month])
    _heading(sheet, _("Used, by purpose"))
    _amounts(sheet, [[_("Purpose"), _("Entries"), _("Amount")]])
    _amounts(
        sheet,
        [
            [row["purpose"] or _("General (free money)"), row["entries"], row["total"]]
            for row in report.by_purpose
        ],
    )
    _heading(sheet, _("Reversals (corrections) made in the year"))
    _amounts(sheet, [[_("Date"), _("Corrects"), _("Receipt"), _("Amount")]])
    _amounts(
        sheet,
        [
            [
                f"{row['occurred_on']:%d/%m/%Y}",
                _reversed_label(row),
                row["receipt"],
                row["signed"],
            ]
            for row in report.reversals
        ],
    )
    sheet.column_dimensions["A"].width = 40
    for column in "BCD":
        sheet.column_dimensions[column].width = 22
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def _reversed_label(row):
    when = f"{row['corrected_on']:%d/%m/%Y}"
    if row["corrects_gift"]:
        return _("a gift received on %(day)s") % {"day": when}
    return _("spending on %(day)s") % {"day": when}
