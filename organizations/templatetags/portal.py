from django import template

from common.formatting import format_number, format_period
from common.money import format_signed_vnd, format_vnd

register = template.Library()


@register.filter
def vnd(amount):
    return format_vnd(amount)


@register.filter
def signed_vnd(amount, direction=1):
    """A movement of money with its sign; `direction` -1 for money out:
    `{{ used|signed_vnd:-1 }}` is "−1.500.000 ₫", and "0 ₫" when nothing was used."""
    return format_signed_vnd(None if amount is None else int(amount) * int(direction))


@register.filter
def number(value):
    """1500 -> "1.500": a count as the portal prints numbers."""
    return "" if value is None else format_number(value)


@register.filter
def period(unit):
    """A unit's (or any record's) validity period in words."""
    return format_period(getattr(unit, "valid_from", None), getattr(unit, "valid_until", None))
