"""One strict way to read ids, whole numbers and search words that come from an address or
a form.

Anybody can type an address, and officers paste numbers from spreadsheets: "²" and "٣"
pass `str.isdigit()` but not `int()`, Python refuses to read more than 4,300 digits, a
number past 2**63 - 1 overflows the database's integer columns, and PostgreSQL refuses
text with a NUL character. Each of those used to end in a server error (logged and mailed
to the administrators). Here they are simply "not a number" (None), so the caller can say
so in words, and search words are bounded before they become thousands of LIKEs.
"""

import re
import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

# The largest value of a 64-bit signed integer column (BigAutoField, BigIntegerField).
MAX_INT = 2**63 - 1
MIN_INT = -(2**63)
_DIGITS = re.compile(r"[0-9]{1,19}", re.ASCII)
_SIGNED = re.compile(r"-?[0-9]{1,19}", re.ASCII)

# A search uses at most this many words and characters; the rest is ignored.
MAX_SEARCH_WORDS = 10
MAX_SEARCH_CHARS = 200


def parse_int(value, *, minimum: int = MIN_INT, maximum: int = MAX_INT) -> int | None:
    """The whole number written in `value` (ASCII digits, an optional minus, spaces around
    allowed), or None when it is anything else or outside minimum..maximum."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        number = value
    elif isinstance(value, str) and _SIGNED.fullmatch(value.strip()):
        number = int(value.strip())
    else:
        return None
    return number if minimum <= number <= maximum else None


def parse_id(value) -> int | None:
    """A database id (1 to 2**63 - 1, ASCII digits only, no sign), or None."""
    if isinstance(value, str) and not _DIGITS.fullmatch(value.strip()):
        return None
    return parse_int(value, minimum=1)


def parse_ids(values) -> list[int] | None:
    """Every value read by `parse_id`, or None when any of them is not an id."""
    ids = [parse_id(value) for value in values]
    return None if any(number is None for number in ids) else ids


def without_controls(text: str) -> str:
    """`text` with NUL and the other control characters (tabs and new lines included)
    turned into spaces: none of them belongs in a search or a filter."""
    return "".join(" " if unicodedata.category(ch) == "Cc" else ch for ch in text)


def has_controls(text: str) -> bool:
    return any(unicodedata.category(ch) == "Cc" for ch in text)


def bound_search(text) -> tuple[str, bool]:
    """The search words to use (control characters dropped, at most MAX_SEARCH_WORDS words
    and MAX_SEARCH_CHARS characters), and whether some were left out."""
    words = without_controls(str(text or "")).split()
    kept = words[:MAX_SEARCH_WORDS]
    while kept and len(" ".join(kept)) > MAX_SEARCH_CHARS:
        if len(kept) == 1:
            kept = [kept[0][:MAX_SEARCH_CHARS]]
            break
        kept.pop()
    return " ".join(kept), kept != words


def search_cut_message():
    return _(
        "Only the first %(words)s words (%(chars)s characters at most) of the search were used."
    ) % {"words": MAX_SEARCH_WORDS, "chars": MAX_SEARCH_CHARS}


def _integer_key(field) -> bool:
    """Whether the choices of a model choice field are named by a whole number."""
    meta = field.queryset.model._meta
    target = meta.pk if field.to_field_name is None else meta.get_field(field.to_field_name)
    return isinstance(target, models.IntegerField | models.AutoField)


class StrictModelChoiceField(forms.ModelChoiceField):
    """A ModelChoiceField that refuses, with its "invalid choice" message, a value that
    is not an id (non-ASCII digits, too many digits, past 2**63 - 1) before it reaches
    the database."""

    def to_python(self, value):
        if (
            isinstance(value, str)
            and value not in self.empty_values
            and _integer_key(self)
            and parse_id(value) is None
        ):
            raise ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value[:30]},
            )
        return super().to_python(value)


class StrictModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """The same for a list of choices (its "not a valid value" message)."""

    def _check_values(self, value):
        if _integer_key(self):
            for item in value:
                if isinstance(item, str) and parse_id(item) is None:
                    raise ValidationError(
                        self.error_messages["invalid_pk_value"],
                        code="invalid_pk_value",
                        params={"pk": item[:30]},
                    )
        return super()._check_values(value)


class IdConverter:
    """The `<id:pk>` path converter: like `<int:...>`, but at most 19 digits and within a
    64-bit signed integer, so that /activities/999…9/ is a 404 on every database."""

    regex = "[0-9]{1,19}"

    def to_python(self, value):
        number = parse_id(value)
        if number is None:
            raise ValueError(value)  # the URL does not match: a 404
        return number

    def to_url(self, value):
        return str(value)
