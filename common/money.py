"""Money in đồng: read from what people type, shown as the portal writes it.

The đồng has no minor unit, so every amount is a whole number: the database keeps it in a
whole-number column, forms take it with `MoneyField`, and `format_vnd` shows it as
"1.500.000 ₫" wherever it appears (pages, admin, history, exports).
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from common.strict import parse_int


def format_vnd(amount) -> str:
    """1500000 -> "1.500.000 ₫". The đồng has no minor unit: amounts are whole numbers."""
    if amount is None:
        return "—"
    amount = int(amount)
    sign = "−" if amount < 0 else ""
    grouped = f"{abs(amount):,}".replace(",", ".")
    return f"{sign}{grouped}\u00a0₫"


_MONEY_JUNK = re.compile(r"(?i)\s|\u00a0|₫|vnđ|vnd|đồng|đ")
_GROUPED = re.compile(r"[0-9]{1,3}([.,][0-9]{3})+", re.ASCII)


def parse_vnd(text: str) -> int | None:
    """Whole đồng from what people type: "1.500.000", "1,500,000", "1 500 000 ₫",
    "1500000". None when empty; ValueError when it is not a whole amount."""
    text = _MONEY_JUNK.sub("", text or "")
    if not text:
        return None
    if _GROUPED.fullmatch(text) and len({ch for ch in text if not ch.isdigit()}) == 1:
        text = re.sub(r"[.,]", "", text)
    amount = parse_int(text, minimum=0)
    if amount is None:  # not ASCII digits, or beyond what the database holds
        raise ValueError(text)
    return amount


class MoneyField(forms.CharField):
    """An amount in whole đồng, with or without thousands separators."""

    default_error_messages = {
        "invalid": _(
            "Write a whole number of đồng, for example 1.500.000 or 1500000 (no decimals)."
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
