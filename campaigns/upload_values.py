"""The values of an activities spreadsheet's cells: the file's own words (the kinds, yes and
no, fixed in Vietnamese, see campaigns.upload) and how each cell's text is read. A cell that
cannot be read raises BadValue with the message the person sees by line and column.
"""

import datetime
import re
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from campaigns.models import ActivityKind
from common.money import parse_vnd
from common.phones import phone_from_spreadsheet
from common.text import fold

# The words the template offers for each kind (the file's format, see the module docstring).
KIND_WORDS = {
    ActivityKind.CEREMONY: "Lễ, mít tinh",
    ActivityKind.CONFERENCE: "Hội nghị, hội thảo",
    ActivityKind.TRAINING: "Tập huấn, bồi dưỡng",
    ActivityKind.COMMUNICATION: "Tuyên truyền",
    ActivityKind.AWARD_CEREMONY: "Trao thưởng, học bổng",
    ActivityKind.FUNDRAISING: "Vận động quỹ",
    ActivityKind.READING: "Đọc sách, thư viện",
    ActivityKind.COMPETITION: "Cuộc thi",
    ActivityKind.VISIT: "Thăm hỏi học sinh",
    ActivityKind.OTHER: "Khác",
}
YES, NO = "Có", "Không"
_YES = {"co", "x", "yes", "true", "1", "c", "y"}
_NO = {"khong", "no", "false", "0", "k", "n"}


# --- reading values -------------------------------------------------------------------

_ISO_DAY = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?")
_DMY = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})")
_TIME = re.compile(r"(\d{1,2})\s*(?::|h|giờ)\s*(\d{2})?(?::(\d{2}))?\s*(?:p|phút)?", re.I)
_EXCEL_EPOCH = datetime.date(1899, 12, 30)
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


class BadValue(Exception):
    pass


def parse_day(text: str) -> datetime.date:
    """An Excel date (read as 2024-09-05), dd/mm/yyyy text, or an Excel day number."""
    try:
        if match := _ISO_DAY.fullmatch(text):
            year, month, day = (int(part) for part in match.groups())
            return datetime.date(year, month, day)
        if match := _DMY.fullmatch(text):
            day, month, year = (int(part) for part in match.groups())
            return datetime.date(year, month, day)
        if text.isdigit() and 20000 < int(text) < 80000:
            return _EXCEL_EPOCH + datetime.timedelta(days=int(text))
    except ValueError:
        pass
    raise BadValue(_("Write the date as dd/mm/yyyy, for example 05/09/2024."))


def parse_time(text: str) -> datetime.time:
    """08:00, 8:00, 8h30, 8h, 08:00:00."""
    match = _TIME.fullmatch(text.strip())
    if match:
        hour, minute = int(match.group(1)), int(match.group(2) or 0)
        if hour < 24 and minute < 60:
            return datetime.time(hour, minute)
    raise BadValue(_("Write the time as hh:mm, for example 08:00."))


def parse_count(text: str) -> int:
    try:
        value = parse_vnd(text, magnitudes=False)  # 150 people, never "2 triệu"
    except ValueError:
        value = None
    if value is None:
        raise BadValue(_("Write a whole number, for example 150."))
    return value


def parse_phone(text: str) -> str:
    """A Vietnamese number in its written form, with the leading 0 back if the spreadsheet
    stored the number as a number (912345678, 9.12345678E+08)."""
    try:
        return phone_from_spreadsheet(text)
    except ValidationError as error:
        raise BadValue(error.messages[0]) from None


def parse_number(text: str):
    """A number as the reader writes a numeric cell (1500, 1500.5), else None."""
    try:
        return Decimal(text) if _NUMBER.fullmatch(text) else None
    except InvalidOperation:
        return None


def parse_yes_no(text: str) -> bool:
    folded = fold(text)
    if folded in _YES:
        return True
    if folded in _NO:
        return False
    raise BadValue(_("Write %(yes)s or %(no)s.") % {"yes": YES, "no": NO})


def kind_lookup():
    lookup = {}
    for kind, word in KIND_WORDS.items():
        for name in (word, kind.value, str(ActivityKind(kind).label)):
            lookup[fold(name)] = kind.value
    return lookup


def parse_kind(text: str, lookup) -> str:
    try:
        return lookup[fold(text)]
    except KeyError:
        raise BadValue(
            _("Unknown kind “%(value)s”. Write one of: %(kinds)s.")
            % {"value": text, "kinds": "; ".join(KIND_WORDS.values())}
        ) from None
