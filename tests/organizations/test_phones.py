"""Vietnamese phone numbers as people write them, and as spreadsheets mangle them: one
normal form ("0912 345 678", "0225 3856 123") or a clear refusal."""

import pytest
from django.core.exceptions import ValidationError

from common.phones import normalise_phone, phone_from_spreadsheet

pytestmark = pytest.mark.usefixtures("_english")


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("0912345678", "0912 345 678"),
        ("0912 345 678", "0912 345 678"),
        ("0912.345.678", "0912 345 678"),
        ("0912-345-678", "0912 345 678"),
        ("+84 912 345 678", "0912 345 678"),
        ("+84912345678", "0912 345 678"),
        ("84912345678", "0912 345 678"),
        ("0084 912 345 678", "0912 345 678"),
        ("0352 123 456", "0352 123 456"),
        ("0789 123 456", "0789 123 456"),
        ("0869 123 456", "0869 123 456"),
        ("0591 234 567", "0591 234 567"),
        # Landlines: 02xx and seven digits (Hải Phòng 0225, Hải Dương 0220).
        ("02253856123", "0225 3856 123"),
        ("0225 3856 123", "0225 3856 123"),
        ("(0225) 3856-123", "0225 3856 123"),
        ("+84 225 3856 123", "0225 3856 123"),
        ("0220 3852 123", "0220 3852 123"),
        # The leading zero a spreadsheet dropped.
        ("912345678", "0912 345 678"),
        ("2253856123", "0225 3856 123"),
        ("", ""),
        ("   ", ""),
    ],
)
def test_a_vietnamese_number_is_stored_in_one_form(typed, stored):
    assert normalise_phone(typed) == stored


@pytest.mark.parametrize(
    "typed",
    [
        "091234567",  # a digit short
        "09123456789",  # a digit too many
        "0201234567",  # no such area code
        "1900 1234",  # a hotline, not a contact's phone
        "+1 202 555 0142",  # not a Vietnamese number
        "0912 345 678 (anh Hùng)",
        "0912345678 / 0987654321",
        "không có",
        "12345",
    ],
)
def test_anything_else_is_refused_with_the_rule(typed):
    with pytest.raises(ValidationError) as refused:
        normalise_phone(typed)

    assert refused.value.code == "invalid_phone"
    assert "10 digits" in refused.value.messages[0]
    assert "0912 345 678" in refused.value.messages[0]


@pytest.mark.parametrize(
    ("cell", "stored"),
    [
        ("912345678", "0912 345 678"),
        ("9.12345678E8", "0912 345 678"),
        ("9.12345678E+08", "0912 345 678"),
        ("9,12345678E+08", "0912 345 678"),
        ("912345678.0", "0912 345 678"),
        ("8.4912345678E10", "0912 345 678"),
        ("0912 345 678", "0912 345 678"),
    ],
)
def test_a_number_a_spreadsheet_stored_as_a_number_is_restored(cell, stored):
    assert phone_from_spreadsheet(cell) == stored


def test_a_spreadsheet_number_that_lost_digits_is_refused():
    # Excel showed 9.12E+08 in a narrow column and saved that: the last digits are gone.
    with pytest.raises(ValidationError) as refused:
        phone_from_spreadsheet("9.12E+08")

    assert "Text" in refused.value.messages[0]
