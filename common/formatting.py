"""How the portal prints money, days, times, numbers and periods, in one place.

Everything the portal shows a person, a page or a message (a refusal, an import's report of
a bad cell), prints values through these helpers, in the formats of the page's language
(config/formats/: dates dd/mm/yyyy in both languages, numbers grouped 1.500 in Vietnamese).
"""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from common.periods import Period


def format_day(day: datetime.date) -> str:
    """15/09/2024."""
    return formats.date_format(day, "SHORT_DATE_FORMAT")


def format_time(time: datetime.time) -> str:
    """08:00."""
    return formats.time_format(time, "TIME_FORMAT")


def format_moment(moment: datetime.datetime) -> str:
    """08:00 15/09/2024, in Hải Phòng time."""
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return formats.date_format(moment, "SHORT_DATETIME_FORMAT")


def format_number(number) -> str:
    """1500 -> "1.500", 1500.5 -> "1.500,5" (in Vietnamese; "1,500.5" in English)."""
    return formats.number_format(number, force_grouping=True)


def format_value(value):
    """A value as the portal prints it: days, times and numbers formatted, the rest as is."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, datetime.datetime):
        return format_moment(value)
    if isinstance(value, datetime.date):
        return format_day(value)
    if isinstance(value, datetime.time):
        return format_time(value)
    if isinstance(value, int | float | Decimal):
        return format_number(value)
    return value


def format_stored(value):
    """A value as the history stores it, where days and times are ISO text ("2024-09-15",
    "08:00:00", "2024-09-15T01:00:00+00:00"), as the portal prints it; other values as is."""
    if isinstance(value, str):
        parsed = _from_iso(value)
        if parsed is not None:
            return format_value(parsed)
    return value


def _from_iso(text):
    try:
        if len(text) == 10 and text[4:5] == "-":
            return datetime.date.fromisoformat(text)
        if len(text) in (5, 8) and text[2:3] == ":":
            return datetime.time.fromisoformat(text)
        if len(text) > 10 and text[10:11] == "T":
            return datetime.datetime.fromisoformat(text)
    except ValueError:
        return None
    return None


def in_portal_formats(error: ValidationError) -> ValidationError:
    """`error` with the values its messages are filled with (Django's "at most %(limit_value)s"
    and the like) printed by format_value rather than str(): 2.147.483.647, not 2147483647."""
    if hasattr(error, "error_dict"):
        return ValidationError(
            {
                name: [in_portal_formats(item) for item in items]
                for name, items in error.error_dict.items()
            }
        )
    if hasattr(error, "message"):
        params = error.params
        if isinstance(params, dict):
            params = {name: format_value(value) for name, value in params.items()}
        return ValidationError(error.message, code=error.code, params=params)
    return ValidationError([in_portal_formats(item) for item in error.error_list])


def format_period(valid_from, valid_until=None) -> str:
    """A validity period in words: "from 01/01/2025 to 30/06/2025", "until 30/06/2025".

    Takes an common.periods.Period, or its two ends (empty: open)."""
    if isinstance(valid_from, Period):
        valid_from, valid_until = valid_from.start, valid_from.end
    start = format_day(valid_from) if valid_from else None
    end = format_day(valid_until) if valid_until else None
    if start and end:
        return _("from %(start)s to %(end)s") % {"start": start, "end": end}
    if start:
        return _("since %(start)s") % {"start": start}
    if end:
        return _("until %(end)s") % {"end": end}
    return ""
