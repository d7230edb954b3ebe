"""The Excel template for bulk entry of activities: an empty activities sheet with the
Vietnamese column names and drop-down lists, and a guide sheet that explains each column and
lists the codes the person may use.

The columns and the words of "Loại hoạt động" are the file's format, defined with the import in
campaigns.upload; the explanations in the guide sheet follow the page's language.
"""

import datetime
import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from campaigns.forms.portal import offered_organizers
from campaigns.forms.units import UnitChoices
from campaigns.models import ActivityKind, Campaign
from campaigns.upload import (
    COLUMN_OF,
    COLUMNS,
    DATA_SHEET,
    GUIDE_SHEET,
    HEADERS,
)
from campaigns.upload_values import KIND_WORDS, NO, YES
from common.formatting import format_day
from common.spreadsheets.writing import append_row
from organizations.selectors import tree_changes_between

_HEADER_FONT = Font(bold=True, color="FFFFFF")
_HEADER_FILL = PatternFill("solid", fgColor="0B4F6C")
_TITLE_FONT = Font(bold=True, size=14, color="083A50")
_BOLD = Font(bold=True)
_TEMPLATE_ROWS = 500


def build_template(campaign: Campaign, user) -> bytes:
    """The .xlsx template for `campaign`: an empty activities sheet with Vietnamese column
    names and drop-down lists, and a guide sheet with the codes `user` may use."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = DATA_SHEET
    guide = workbook.create_sheet(GUIDE_SHEET)
    ranges = _write_guide(guide, campaign, user)

    append_row(sheet, HEADERS)
    for index, column in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row=1, column=index)
        cell.font, cell.fill = _HEADER_FONT, _HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.row_dimensions[1].height = 32
    sheet.freeze_panes = "A2"

    letter = {column.field: get_column_letter(i) for i, column in enumerate(COLUMNS, start=1)}
    last = _TEMPLATE_ROWS + 1
    formats = {"starts_on": "DD/MM/YYYY", "ends_on": "DD/MM/YYYY", "start_time": "HH:MM"}
    formats |= {"end_time": "HH:MM", "organizer": "@", "commune": "@", "contact_phone": "@"}
    for name, number_format in formats.items():
        for row in range(2, last + 1):
            sheet[f"{letter[name]}{row}"].number_format = number_format

    def validate(name, validation):
        validation.add(f"{letter[name]}2:{letter[name]}{last}")
        sheet.add_data_validation(validation)

    def from_guide(cells, prompt):
        return DataValidation(
            type="list",
            formula1=f"'{GUIDE_SHEET}'!{cells}",
            allow_blank=True,
            showErrorMessage=True,
            errorStyle="warning",
            error=prompt,
        )

    validate("kind", from_guide(ranges["kind"], _("Choose a kind from the list.")))
    if ranges.get("focus_area"):
        validate("focus_area", from_guide(ranges["focus_area"], _("Choose a focus area number.")))
    if ranges.get("organizer"):
        validate("organizer", from_guide(ranges["organizer"], _("Choose one of your units.")))
    validate(
        "is_public",
        DataValidation(type="list", formula1=f'"{YES},{NO}"', allow_blank=True),
    )
    for name in ("starts_on", "ends_on"):
        validate(
            name,
            DataValidation(
                type="date",
                operator="between",
                formula1=f"DATE({campaign.starts_on:%Y},{campaign.starts_on.month},"
                f"{campaign.starts_on.day})",
                formula2=f"DATE({campaign.ends_on:%Y},{campaign.ends_on.month},"
                f"{campaign.ends_on.day})",
                allow_blank=True,
                showErrorMessage=True,
                errorStyle="warning",
                error=_("The date is outside the campaign."),
            ),
        )
    validate(
        "expected_participants",
        DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0", allow_blank=True),
    )
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def _write_guide(sheet, campaign, user):
    """Fill the guide sheet; return the cell ranges the drop-down lists read."""
    ranges = {}
    sheet.column_dimensions["A"].width = 26
    sheet.column_dimensions["B"].width = 14
    sheet.column_dimensions["C"].width = 90
    sheet.column_dimensions["D"].width = 30
    sheet.column_dimensions["E"].width = 26

    def line(*values, font=None):
        row = append_row(sheet, values)
        if font is not None:
            for cell in sheet[row]:
                cell.font = font
        for cell in sheet[row]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        return row

    line(_("How to fill in the activities sheet"), font=_TITLE_FONT)
    line(
        _("Campaign: %(title)s, from %(start)s to %(end)s.")
        % {
            "title": campaign.title,
            "start": format_day(campaign.starts_on),
            "end": format_day(campaign.ends_on),
        }
    )
    line(
        _(
            "Enter one activity a row on the sheet “%(sheet)s”, starting on line 2. Keep the "
            "first line as it is. Every row is checked when you upload the file: if one row "
            "is wrong nothing is imported, and the page lists each problem by line and "
            "column. Imported activities are drafts: check them, then submit them for review."
        )
        % {"sheet": DATA_SHEET}
    )
    line()
    line(_("Column"), _("Required"), _("What to write"), font=_BOLD)
    helps = _help_texts()
    for column in COLUMNS:
        line(column.header, YES if column.required else "", helps[column.field])

    line()
    line(COLUMN_OF["kind"], "", _("The kinds accepted"), font=_BOLD)
    first = sheet.max_row + 1
    for kind, word in KIND_WORDS.items():
        line(word, "", str(ActivityKind(kind).label))
    ranges["kind"] = f"$A${first}:$A${sheet.max_row}"

    line()
    line(COLUMN_OF["focus_area"], "", _("The campaign's focus areas"), font=_BOLD)
    first = sheet.max_row + 1
    for area in campaign.focus_areas.order_by("position"):
        line(area.position, "", area.title)
    if sheet.max_row >= first:
        ranges["focus_area"] = f"$A${first}:$A${sheet.max_row}"

    # The city's units as they stood on each day of the campaign: one list for a campaign
    # inside one period of the tree, one a period for a campaign that spans a change of the
    # tree (as on 1/7/2025), each row saying for which start dates it holds.
    periods = _periods(campaign)
    spans = len(periods) > 1
    period_header = (_("For activities starting"),) if spans else ()

    line()
    line(
        COLUMN_OF["organizer"],
        "",
        _("Your units (the units you may enter activities for)"),
        "",
        *period_header,
    )
    for column in (1, 3, 5):
        sheet.cell(row=sheet.max_row, column=column).font = _BOLD
    first = sheet.max_row + 1
    for choices, label in periods:
        for group in choices.groups(keep=offered_organizers(user, choices)):
            for unit in group.units:
                row = line(unit.code, "", unit.name, "", *((label,) if spans else ()))
                sheet.cell(row=row, column=1).number_format = "@"
    if sheet.max_row >= first:
        ranges["organizer"] = f"$A${first}:$A${sheet.max_row}"

    line()
    line(
        COLUMN_OF["commune"], "", _("Wards and communes"), _("District"), *period_header, font=_BOLD
    )
    for choices, label in periods:
        for group in choices.commune_groups():
            district = group.district.name if group.district is not None else ""
            for commune in group.units:
                row = line(commune.code, "", commune.name, district, *((label,) if spans else ()))
                sheet.cell(row=row, column=1).number_format = "@"
    return ranges


def _periods(campaign):
    """[(UnitChoices, "dd/mm/yyyy – dd/mm/yyyy"), ...]: the city's tree on the campaign's
    first day and on each later day of the campaign when it changed."""
    days = tree_changes_between(campaign.starts_on, campaign.ends_on)
    ends = [day - datetime.timedelta(days=1) for day in days[1:]] + [campaign.ends_on]
    return [
        (UnitChoices.on(day), f"{day:%d/%m/%Y} – {end:%d/%m/%Y}")
        for day, end in zip(days, ends, strict=True)
    ]


def _help_texts():
    """What the guide sheet says about each column (in the page's language)."""
    return {
        "title": _("The name of the activity, as the public calendar will show it."),
        "organizer": _("The code of the organising unit: one of your units listed below."),
        "focus_area": _("The number of the campaign's focus area (listed below)."),
        "kind": _("One of the kinds listed below, written as shown."),
        "starts_on": _(
            "The first day, inside the campaign: an Excel date or text such as 05/09/2024."
        ),
        "start_time": _(
            "For example 08:00. Leave both times empty for an activity that lasts all day."
        ),
        "ends_on": _("The last day. Leave empty if it ends on the day it starts."),
        "end_time": _("For example 11:30. Needs a start time."),
        "venue": _("Where it takes place, for example Nhà văn hóa phường An Biên."),
        "address": _("The street address of the venue."),
        "commune": _("The code of the ward or commune of the venue (listed below)."),
        "audience": _("Who it is for, for example pupils, parents, members of the association."),
        "expected_participants": _("A whole number."),
        "contact_name": _("Whom to ask about the activity."),
        "contact_phone": _("The contact person's phone."),
        "contact_email": _("The contact person's e-mail."),
        "is_public": _("Có (show on the public calendar, the default) or Không (internal)."),
        "description": _("What happens, in a few sentences."),
    }
