"""Vietnamese phone numbers: one check and one written form for every way a number comes in
(the officers' forms, the admin, a spreadsheet upload).

A number is kept as Vietnamese documents write it, with its leading 0 and spaces between
groups: "0912 345 678" (a mobile: 10 digits, 03/05/07/08/09…), "0225 3856 123" (a landline:
11 digits, 02 and the area code, Hải Phòng's being 0225). People also write +84 or 84 in
front, or dots, dashes and brackets between the groups; all of that is accepted and rewritten.

Which prefixes are in use is the numbering plan's business, and it changes (the 2018 move of
the mobile prefixes, new ranges since): the checking and the grouping are Google's
libphonenumber (the `phonenumbers` package), whose data follow the plan. Only mobile and
landline numbers are taken; hotlines (1800, 1900) and foreign numbers are refused.

A spreadsheet program that took the number for a number drops its leading 0 (912345678) and
may write it as 9.12345678E+08; `phone_from_spreadsheet` undoes both.
"""

import re
from decimal import Decimal

import phonenumbers
from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from common.text import refuse_control_characters

REGION = "VN"
_TAKEN_TYPES = {
    phonenumbers.PhoneNumberType.MOBILE,
    phonenumbers.PhoneNumberType.FIXED_LINE,
    phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
}
# Digits and what people put between the groups; anything else (a name, a second number,
# "máy lẻ 12") is not a phone number this field can keep.
_WRITTEN = re.compile(r"\+?[\d\s.\-()\u00a0]+")
# What Excel writes for a number: 912345678.0, 9.12345678E+08, 9,12345678E+08.
_SPREADSHEET_NUMBER = re.compile(r"(\d+)(?:[.,](\d+))?(?:[eE]\+?(\d+))?")

RULE = _(
    "Write a Vietnamese phone number: a mobile number has 10 digits and starts with 03, 05, "
    "07, 08 or 09 (for example 0912 345 678); a landline has 11 digits and starts with 02 "
    "(for example 0225 3856 123)."
)
SHORTENED = _(
    "The spreadsheet shortened this number to %(value)s, so its last digits are lost. Format "
    "the column as Text and type the number again."
)


def normalise_phone(text) -> str:
    """The number in its written form ("0912 345 678"), "" for nothing; ValidationError
    (code "invalid_phone") for anything that is not a Vietnamese mobile or landline number.

    A mobile number without its leading 0 (912345678) or a landline without it (2253856123)
    is taken as the number it lost its 0 from.
    """
    text = (text or "").strip()
    if not text:
        return ""
    if not _WRITTEN.fullmatch(text):
        raise _invalid()
    try:
        number = phonenumbers.parse(text, REGION)
    except phonenumbers.NumberParseException:
        raise _invalid() from None
    if (
        number.country_code != phonenumbers.country_code_for_region(REGION)
        or not phonenumbers.is_valid_number_for_region(number, REGION)
        or phonenumbers.number_type(number) not in _TAKEN_TYPES
    ):
        raise _invalid()
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)


def phone_from_spreadsheet(text) -> str:
    """normalise_phone() for a cell that a spreadsheet program may have stored as a number."""
    text = (text or "").strip()
    match = _SPREADSHEET_NUMBER.fullmatch(text)
    if match:
        whole, fraction, exponent = match.group(1), match.group(2) or "", match.group(3)
        if exponent or (fraction and not fraction.strip("0")):
            text = _digits_of_number(text, whole, fraction, exponent)
    return normalise_phone(text)


def _digits_of_number(text, whole, fraction, exponent):
    if exponent and int(exponent) > 15:  # far beyond any phone number
        raise _invalid()
    value = Decimal(f"{whole}.{fraction or 0}e{exponent or 0}")
    if value != value.to_integral_value():
        raise _invalid()
    digits = str(int(value))
    # 9.12E+08 is what a narrow column showed of 912345678: the digits after "12" are gone.
    if exponent and len((whole + fraction).lstrip("0")) < len(digits):
        raise ValidationError(SHORTENED, code="shortened_phone", params={"value": text})
    return digits


def _invalid():
    return ValidationError(RULE, code="invalid_phone")


class PhoneFormField(forms.CharField):
    """A text input for a phone number, cleaned to its written form."""

    def __init__(self, **kwargs):
        kwargs["help_text"] = kwargs.get("help_text") or _(
            "For example 0912 345 678 or 0225 3856 123."
        )
        super().__init__(**kwargs)
        self.widget.input_type = "tel"
        self.widget.attrs.setdefault("autocomplete", "tel")

    def to_python(self, value):
        return normalise_phone(super().to_python(value))


class PhoneNumberField(models.CharField):
    """A Vietnamese phone number, kept in its written form ("0912 345 678").

    full_clean() rewrites what it is given into that form, or refuses it: every path that
    saves through the services (a form, the admin, an upload) is checked the same way.
    """

    default_validators = [refuse_control_characters]

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 30)
        super().__init__(*args, **kwargs)

    def clean(self, value, model_instance):
        return super().clean(normalise_phone(value) if value else value, model_instance)

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": PhoneFormField, **kwargs})
