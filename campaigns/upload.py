"""Bulk entry of activities from a spreadsheet: the file's format and the import (the
Vietnamese template people fill in is built from the same columns by campaigns.upload_template).

A unit with many activities fills in the template (one activity a row) and uploads it. The
import takes every row or none: each row goes through the same service as the web form
(services.create_activity), inside one transaction that is rolled back when any row is bad,
and every problem is reported by the line number the person sees in Excel (the header is
line 1) and the column's name.

The column names and the words of "Loại hoạt động" are the file's format, fixed in
Vietnamese whatever the page's language, so that a template filled in by one officer can be
uploaded by another. The explanations in the guide sheet follow the page's language.
"""

import re
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns import rules, services, upload_duplicates
from campaigns.forms.portal import during
from campaigns.models import Activity, ActivityUpload, Campaign
from campaigns.upload_values import (
    BadValue,
    kind_lookup,
    parse_count,
    parse_day,
    parse_kind,
    parse_number,
    parse_phone,
    parse_time,
    parse_yes_no,
)
from common.formatting import format_day, format_number, format_time, in_portal_formats
from common.periods import Period
from common.spreadsheets.reading import ImportReport, data_rows
from common.strict import parse_id
from common.text import fold
from organizations.models import Unit
from organizations.selectors import city_on, city_periods

# Far above a district's month of activities; keeps one upload to a few seconds.
MAX_ROWS = 2000
MAX_BYTES = 5 * 1024 * 1024

DATA_SHEET = "Hoạt động"
GUIDE_SHEET = "Hướng dẫn"
# A row number column people often add on the left; read and ignored.
IGNORED_COLUMNS = {"stt"}


@dataclass(frozen=True)
class Column:
    header: str
    field: str
    required: bool
    width: int


COLUMNS = (
    Column("Tiêu đề", "title", True, 40),
    Column("Đơn vị tổ chức (mã)", "organizer", True, 14),
    Column("Nội dung trọng tâm (số)", "focus_area", True, 12),
    Column("Loại hoạt động", "kind", True, 24),
    Column("Ngày bắt đầu", "starts_on", True, 14),
    Column("Giờ bắt đầu", "start_time", False, 10),
    Column("Ngày kết thúc", "ends_on", False, 14),
    Column("Giờ kết thúc", "end_time", False, 10),
    Column("Địa điểm", "venue", False, 30),
    Column("Địa chỉ", "address", False, 30),
    Column("Phường/xã (mã)", "commune", False, 12),
    Column("Đối tượng", "audience", False, 24),
    Column("Số người dự kiến", "expected_participants", False, 12),
    Column("Người liên hệ", "contact_name", False, 22),
    Column("Điện thoại", "contact_phone", False, 14),
    Column("Email", "contact_email", False, 24),
    Column("Công khai", "is_public", False, 10),
    Column("Mô tả", "description", False, 50),
)
HEADERS = [column.header for column in COLUMNS]
REQUIRED_HEADERS = [column.header for column in COLUMNS if column.required]
COLUMN_OF = {column.field: column.header for column in COLUMNS}

# --- the import -----------------------------------------------------------------------


@dataclass
class ActivityImportReport(ImportReport):
    """An ImportReport that also names the activities it created and their upload, or the
    rows that repeat activities already in the portal (campaigns.upload_duplicates)."""

    activities: list = field(default_factory=list)
    upload: ActivityUpload | None = None
    duplicates: list = field(default_factory=list)


class _Rollback(Exception):
    pass


def import_activities(
    dataset, *, campaign: Campaign, by, file_name="", allow_duplicates=False
) -> ActivityImportReport:
    """Create one draft activity per row of `dataset` (read by
    common.spreadsheets.reading.read_table), all of them or none.

    Every row is checked, through services.create_activity, and every problem reported by
    line and column; if there is any, nothing is kept. Unless `allow_duplicates`, nothing is
    kept either when rows repeat activities already in the portal: the report names them
    (`duplicates`) so that the officer can decide. The activities point to one new
    ActivityUpload (`report.upload`), named `file_name`.
    """
    report = ActivityImportReport()
    headers = dataset.headers or []
    known = {column.header.lower() for column in COLUMNS}
    for name in headers:
        if name.lower() not in known and fold(name) not in IGNORED_COLUMNS:
            report.add_error(
                1,
                name,
                _("Unknown column. The template's columns are: %(columns)s.")
                % {"columns": ", ".join(HEADERS)},
            )
    if report.errors:
        return report

    canonical = {header.lower(): header for header in HEADERS}
    rows = []
    for line, found in data_rows(dataset):
        values = dict.fromkeys(HEADERS, "")
        for name, value in found.items():
            if name.lower() in canonical:
                values[canonical[name.lower()]] = value
        if any(values.values()):
            rows.append((line, values))
    if not rows:
        report.add_error(2, "", _("The sheet has no activities below its first line."))
        return report
    if len(rows) > MAX_ROWS:
        report.add_error(
            MAX_ROWS + 2,
            "",
            _("At most %(count)s activities can be imported at once.")
            % {"count": format_number(MAX_ROWS)},
        )
        return report

    context = _Context(campaign, [values for _line, values in rows])
    repeats = None if allow_duplicates else upload_duplicates.Finder(campaign=campaign, by=by)
    try:
        with transaction.atomic():
            batch = ActivityUpload.objects.create(
                campaign=campaign,
                uploaded_by=by,
                file_name=file_name[:255],
                imported_at=timezone.now(),
            )
            for line, values in rows:
                fields, problems = context.parse(values)
                end_given = bool(values[COLUMN_OF["ends_on"]].strip())
                if problems:
                    for name, message in problems:
                        report.add_error(line, COLUMN_OF[name], message)
                    _check_the_rest(
                        line,
                        fields,
                        problems,
                        campaign=campaign,
                        by=by,
                        report=report,
                        end_given=end_given,
                    )
                    continue
                activity = _create(
                    line,
                    fields,
                    campaign=campaign,
                    by=by,
                    report=report,
                    end_given=end_given,
                    upload=batch,
                )
                if repeats is not None and activity is not None:
                    repeats.check(line, activity)
            if report.errors:
                raise _Rollback
            if repeats is not None and repeats.found:
                report.duplicates = repeats.found
                raise _Rollback
            report.upload = batch
    except _Rollback:
        report.activities = []
        report.created = 0
    return report


def _create(line, fields, *, campaign, by, report, end_given, upload=None):
    """The row's activity, created; None when the service refused it (and why is reported)."""
    try:
        activity = services.create_activity(
            campaign=campaign, by=by, history_action="imported", upload=upload, **fields
        )
    except ValidationError as error:
        for name, messages in _messages_by_field(error, end_given=end_given):
            column = COLUMN_OF.get(name, "")
            for message in messages:
                report.add_error(line, column, message)
    except PermissionDenied:
        report.add_error(
            line, COLUMN_OF["organizer"], _("You may not enter activities for this unit.")
        )
    else:
        report.created += 1
        report.activities.append(activity)
        return activity
    return None


def _check_the_rest(line, fields, problems, *, campaign, by, report, end_given):
    """A row that cannot be read whole is not created, but the service's rules still check
    what could be read, so that one upload names every problem of the row."""
    known = {name for name, _message in problems}
    try:
        rules.check_activity(
            Activity(campaign=campaign, created_by=by, **fields), by=by, unreadable=known
        )
    except ValidationError as error:
        for name, messages in _messages_by_field(error, end_given=end_given):
            for message in messages:
                report.add_error(line, COLUMN_OF.get(name, ""), message)


def _messages_by_field(error, *, end_given=True):
    error = in_portal_formats(error)
    if hasattr(error, "error_dict"):
        if not end_given and "starts_on" in error.error_dict:
            # An empty end date means the start date: its error would repeat the start's.
            error = ValidationError(
                {name: errors for name, errors in error.error_dict.items() if name != "ends_on"}
            )
        return [
            (name, ValidationError(errors).messages) for name, errors in error.error_dict.items()
        ]
    return [(None, error.messages)]


class _Context:
    """What parsing the rows needs, read once for the whole file."""

    def __init__(self, campaign, rows):
        self.campaign = campaign
        self.kinds = kind_lookup()
        self.focus_areas = {area.position: area for area in campaign.focus_areas.all()}
        codes = {
            values[COLUMN_OF[name]].strip()
            for values in rows
            for name in ("organizer", "commune")
            if values[COLUMN_OF[name]].strip()
        }
        self.units = {}
        found = list(Unit.objects.filter(code__in=codes).filter(during(campaign)))
        for unit in found:
            self.units.setdefault(unit.code, []).append(unit)
        # When each of them belonged to the city's tree: codes are reused, by the city's
        # own units over the years and across provinces (a code of Hải Dương's until
        # 30/6/2025 can be a ward of the city from 1/7/2025).
        self.in_city = city_periods(found, campaign.starts_on, campaign.ends_on)
        self._city_names = {}

    def _in_city_on(self, unit, day):
        return any(Period(*period).contains(day) for period in self.in_city.get(unit.pk, ()))

    def _city_name(self, day):
        if day not in self._city_names:
            city = city_on(day)
            self._city_names[day] = city.name if city is not None else _("the city")
        return self._city_names[day]

    def unit(self, code, day):
        """The unit of the city with `code` on `day` (codes are reused over the years)."""
        versions = self.units.get(code, [])
        if not versions:
            raise BadValue(
                _("No unit has the code “%(code)s” during the campaign.") % {"code": code}
            )
        if day is None:
            # No readable start date (its own cell says so): the city's unit of that code.
            return next((unit for unit in versions if unit.pk in self.in_city), versions[0])
        on_day = [unit for unit in versions if unit.is_valid_on(day)]
        for unit in on_day:
            if self._in_city_on(unit, day):
                return unit
        if on_day:
            raise BadValue(
                _("The code “%(code)s” is %(unit)s, which was not part of %(city)s on %(day)s.")
                % {
                    "code": code,
                    "unit": on_day[0].name,
                    "city": self._city_name(day),
                    "day": format_day(day),
                }
            )
        # No unit of that code existed on the day: the rules say so, naming it.
        return next((unit for unit in versions if unit.pk in self.in_city), versions[0])

    def parse(self, values):
        """(the service's keyword arguments for one row, [(field, problem), ...])."""
        fields, problems = {}, []

        def read(name, parser):
            text = values[COLUMN_OF[name]].strip()
            if not text:
                return None
            try:
                return parser(text)
            except BadValue as error:
                problems.append((name, str(error)))
                return None

        starts_on = read("starts_on", parse_day)
        fields["title"] = values[COLUMN_OF["title"]].strip()
        fields["starts_on"] = starts_on
        fields["ends_on"] = read("ends_on", parse_day) or starts_on
        fields["start_time"] = read("start_time", parse_time)
        fields["end_time"] = read("end_time", parse_time)
        fields["organizer"] = read("organizer", lambda code: self.unit(code, starts_on))
        fields["commune"] = read("commune", lambda code: self.unit(code, starts_on))
        fields["focus_area"] = read("focus_area", self.focus_area)
        fields["kind"] = read("kind", lambda text: parse_kind(text, self.kinds))
        fields["expected_participants"] = read("expected_participants", parse_count)
        public = read("is_public", parse_yes_no)
        fields["is_public"] = True if public is None else public
        for name in (
            "venue",
            "address",
            "audience",
            "contact_name",
            "contact_email",
            "description",
        ):
            fields[name] = values[COLUMN_OF[name]].strip()
        fields["contact_phone"] = read("contact_phone", parse_phone) or ""

        for name in ("title", "organizer", "focus_area", "kind", "starts_on"):
            if not values[COLUMN_OF[name]].strip():
                problems.append((name, _("This column must be filled in.")))
        return fields, problems

    def focus_area(self, text):
        match = re.match(r"\s*([0-9]+)", text, re.ASCII)
        number = parse_id(match.group(1)) if match else None
        area = self.focus_areas.get(number) if number is not None else None
        if area is None:
            numbers = ", ".join(str(number) for number in sorted(self.focus_areas))
            raise BadValue(
                _("The campaign has no focus area “%(value)s”. Write one of: %(numbers)s.")
                % {"value": text, "numbers": numbers}
            )
        return area


# How the page shows a cell back: as the officer's sheet and every other page show it
# (15/09/2024, 08:00, 1.500), not as the reader wrote it down (2024-09-15, 1500).
_SHOWN = {
    "starts_on": (parse_day, format_day),
    "ends_on": (parse_day, format_day),
    "start_time": (parse_time, format_time),
    "end_time": (parse_time, format_time),
    "expected_participants": (parse_number, format_number),
}
_FIELD_OF = {column.header.lower(): column.field for column in COLUMNS}


def shown_value(header: str, text: str) -> str:
    """A cell's text in the portal's formats, where it can be read as what its column holds."""
    parse, show = _SHOWN.get(_FIELD_OF.get(header.lower()), (None, None))
    if parse is None or not text:
        return text
    try:
        value = parse(text)
    except BadValue:
        return text
    return text if value is None else show(value)


def error_rows(report: ImportReport, dataset):
    """The report's errors with the value found in the cell, for the page's table."""
    position = {name.lower(): index for index, name in enumerate(dataset.headers or [])}
    rows = []
    for error in report.sorted_errors():
        index, column = error.line - 2, position.get(error.column.lower())
        value = dataset[index][column] if column is not None and 0 <= index < len(dataset) else ""
        value = shown_value(error.column, value)
        rows.append(
            {"line": error.line, "column": error.column, "value": value, "message": error.message}
        )
    return rows
