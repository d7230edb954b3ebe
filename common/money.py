"""Money in đồng: read from what people type, shown as the portal writes it.

The đồng has no minor unit, so every amount is a whole number: the database keeps it in a
whole-number column, forms take it with `MoneyField`, and `format_vnd` shows it as
"1.500.000 ₫" wherever it appears (pages, admin, history, exports).
"""

import re
import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from common.strict import parse_int
from common.text import fold


def format_vnd(amount) -> str:
    """1500000 -> "1.500.000 ₫". The đồng has no minor unit: amounts are whole numbers."""
    if amount is None:
        return "—"
    amount = int(amount)
    sign = "−" if amount < 0 else ""
    grouped = f"{abs(amount):,}".replace(",", ".")
    return f"{sign}{grouped}\u00a0₫"


def format_signed_vnd(amount) -> str:
    """A movement of money with its sign: "+1.500.000 ₫" in, "−1.500.000 ₫" out, and "0 ₫"
    for nothing moved, which has no sign."""
    text = format_vnd(amount)
    return "+" + text if amount is not None and int(amount) > 0 else text


class NotAnAmount(ValueError):
    """The text is not one whole amount of đồng (see `parse_vnd`)."""


_SPACES_IN_NUMBERS = " \u00a0\u202f\u2009"  # space, no-break, narrow no-break, thin space
_NUMBER = re.compile(r"[0-9]+(?:[.,\u0020\u00a0\u202f\u2009][0-9]+)*", re.ASCII)
_MAX_DIGITS = 19  # no part of a number longer than MAX_INT has digits
_MAX_TEXT = 200

_CURRENCY = frozenset({"d", "dong", "vnd"})  # đ, đồng, VNĐ, VND, folded
_MAGNITUDES = {
    "k": 10**3,
    "nghin": 10**3,
    "ngan": 10**3,
    "tr": 10**6,
    "trieu": 10**6,
    "ty": 10**9,
    "ti": 10**9,
}


def _tokens(text: str):
    """("number", "1.500") / ("word", "trieu") / ("currency", "") in reading order. Spaces
    only separate tokens (or groups of digits, inside a number); any other character, a
    non-ASCII digit among them, refuses the text."""
    position = 0
    while position < len(text):
        char = text[position]
        if char.isspace():
            position += 1
        elif match := _NUMBER.match(text, position):
            yield "number", match.group()
            position = match.end()
        elif char.isalpha():
            end = position
            while end < len(text) and text[end].isalpha():
                end += 1
            word = fold(text[position:end])
            if word in _CURRENCY:
                yield "currency", word
            elif word in _MAGNITUDES:
                yield "magnitude", word
            else:
                raise NotAnAmount(text)
            position = end
        elif char == "₫":
            yield "currency", char
            position += 1
        else:
            raise NotAnAmount(text)


def _read_number(written: str):
    """(whole, fraction digits, grouped reading or None) of one written number: "1.500.000"
    -> (1500000, "", None); "1,5" -> (1, "5", None); "1.500" -> (1, "500", 1500), which is a
    thousands group or a decimal part depending on what follows. NotAnAmount for a number
    written in no accepted way ("1.50.000", "1.500,000", "1 5")."""
    for space in _SPACES_IN_NUMBERS:
        written = written.replace(space, " ")
    separators = {char for char in written if not char.isdigit()}
    parts = re.split(r"[., ]", written)
    if any(len(part) > _MAX_DIGITS for part in parts):
        raise NotAnAmount(written)
    if not separators:
        return int(written), "", None
    if len(separators) > 1:
        raise NotAnAmount(written)  # mixed separators: "1.500,000", "1 500.000"
    grouped = len(parts[0]) <= 3 and all(len(part) == 3 for part in parts[1:])
    if len(parts) == 2 and separators != {" "}:
        whole, fraction = parts
        return int(whole), fraction, int(whole + fraction) if grouped else None
    if grouped:
        return int("".join(parts)), "", None
    raise NotAnAmount(written)


def parse_vnd(text: str, *, magnitudes: bool = True) -> int | None:
    """Whole đồng from what people type and spreadsheets hold; None when empty (or only a
    currency sign); NotAnAmount (a ValueError) when the text is not one whole amount of đồng.

    Accepted, with an optional "₫", "đ", "đồng", "VNĐ" or "VND" before or after (any case,
    with or without diacritics, with or without a space):

    - digits: "1500000";
    - thousands grouped by ".", "," or a space (one kind in a number, groups of three):
      "1.500.000", "1,500,000", "1 500 000 ₫", "1.500.000đ", "1.500.000 VNĐ";
    - a number and a word of magnitude: "k", "nghìn", "ngàn" (10³), "tr", "triệu" (10⁶),
      "tỷ", "tỉ" (10⁹), glued or spaced: "500k", "2tr", "2 triệu", "1 tỷ"; the number may
      have a decimal part after "," or "." when the result is whole: "1,5 triệu",
      "1.5 triệu", "1,25 tỷ", "1,5555 triệu" (1.555.500);
    - several such parts, from the largest magnitude down, each smaller than the one
      before: "3 triệu 500 nghìn", "1 tỷ 200 triệu".

    Refused rather than guessed: a decimal without a magnitude ("1,5"); a part that does not
    come out whole ("1,0000005 triệu"); bad grouping ("1.50.000") or mixed separators
    ("1.500,000"); a number after a magnitude without its own word ("1,5 triệu 200",
    "2tr5"); "1.500 triệu" and "1,500 triệu" (a group of thousands or a decimal part?);
    decimals in an amount of several parts; a sign ("-200000"); a magnitude alone; two
    amounts ("1.000.000 2.000.000"); any other word or character, non-ASCII digits ("١٢٣",
    "²") among them; more than the database's whole-number columns hold
    (`common.strict.MAX_INT`).

    With magnitudes=False only digits, grouped or not, are read (a count of people).
    """
    text = unicodedata.normalize("NFC", text or "")
    if len(text) > _MAX_TEXT:
        raise NotAnAmount(text[:_MAX_TEXT])
    tokens = list(_tokens(text))
    if tokens and tokens[0][0] == "currency":
        tokens.pop(0)
    elif tokens and tokens[-1][0] == "currency":
        tokens.pop()
    if not tokens:
        return None
    kinds = [kind for kind, _value in tokens]
    if not magnitudes and "magnitude" in kinds:
        raise NotAnAmount(text)
    if kinds == ["number"]:
        whole, fraction, grouped = _read_number(tokens[0][1])
        if fraction and grouped is None:
            raise NotAnAmount(text)  # "1,5": đồng have no decimals
        amount = grouped if fraction else whole
    elif kinds == ["number", "magnitude"] * (len(kinds) // 2):
        amount = _sum_of_parts(tokens, text)
    else:
        raise NotAnAmount(text)  # a magnitude alone, two numbers, a number left over
    amount = parse_int(amount, minimum=0)
    if amount is None:  # beyond what the database holds
        raise NotAnAmount(text)
    return amount


def _sum_of_parts(tokens, text):
    """The amount of "3 triệu 500 nghìn": number and magnitude pairs, largest first."""
    amount, ceiling = 0, None
    several = len(tokens) > 2
    for (_number, written), (_magnitude, word) in zip(tokens[::2], tokens[1::2], strict=True):
        magnitude = _MAGNITUDES[word]
        whole, fraction, grouped = _read_number(written)
        if fraction and (grouped is not None or several):
            raise NotAnAmount(text)  # "1.500 triệu": 1,5 or 1500? "1,5 triệu 200 nghìn"
        scaled = (whole * 10 ** len(fraction) + int(fraction or 0)) * magnitude
        part, rest = divmod(scaled, 10 ** len(fraction))
        if rest:
            raise NotAnAmount(text)  # not a whole number of đồng
        if ceiling is not None and (magnitude >= ceiling or part >= ceiling):
            raise NotAnAmount(text)  # "2 nghìn 3 triệu", "3 triệu 1500 nghìn"
        amount += part
        ceiling = magnitude
    return amount


class MoneyField(forms.CharField):
    """An amount in whole đồng, as `parse_vnd` reads it: "1.500.000", "1500000", "1,5 triệu"."""

    default_error_messages = {
        "invalid": _(
            "Write a whole number of đồng, for example 1.500.000, 1500000 or 1,5 triệu "
            "(no decimals of đồng)."
        ),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.widget.attrs.update({"inputmode": "numeric", "autocomplete": "off"})

    def prepare_value(self, value):
        if isinstance(value, int):
            return f"{value:,}".replace(",", ".")
        return value

    def to_python(self, value):
        try:
            return parse_vnd(super().to_python(value))
        except ValueError as error:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from error
