"""common.formatting: the one place that prints days, times and numbers the way every
page of the portal shows them, also inside messages (Django's own ones included)."""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.utils import translation

from common.formatting import (
    format_day,
    format_number,
    format_stored,
    format_time,
    in_portal_formats,
)


def test_days_times_and_numbers_in_vietnamese():
    with translation.override("vi"):
        assert format_day(datetime.date(2024, 9, 15)) == "15/09/2024"
        assert format_time(datetime.time(8, 0)) == "08:00"
        assert format_number(1500000) == "1.500.000"
        assert format_number(1500.5) == "1.500,5"


def test_days_keep_their_order_in_english():
    with translation.override("en"):
        assert format_day(datetime.date(2024, 9, 15)) == "15/09/2024"
        assert format_number(1500000) == "1,500,000"


def test_a_djangos_message_gets_its_limit_grouped():
    try:
        MaxValueValidator(2147483647)(5_000_000_000)
    except ValidationError as error:
        refused = ValidationError({"expected_participants": error})

    with translation.override("vi"):
        (message,) = in_portal_formats(refused).message_dict["expected_participants"]

    assert "2.147.483.647" in message
    assert "5.000.000.000" not in message  # the limit is named, not the value typed


def test_a_stored_day_or_time_is_printed_as_the_portal_writes_it():
    with translation.override("vi"):
        assert format_stored("2024-09-15") == "15/09/2024"
        assert format_stored("08:00:00") == "08:00"
        assert format_stored("2024-09-15T01:00:00+00:00") == "08:00 15/09/2024"
        assert format_stored("Quận Lê Chân") == "Quận Lê Chân"
        assert format_stored(150) == 150
