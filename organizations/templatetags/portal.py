from django import template

from common.formatting import format_number, format_period
from common.money import format_vnd

register = template.Library()


@register.filter
def vnd(amount):
    return format_vnd(amount)


@register.filter
def number(value):
    """1500 -> "1.500": a count as the portal prints numbers."""
    return "" if value is None else format_number(value)


@register.filter
def period(unit):
    """A unit's (or any record's) validity period in words."""
    return format_period(getattr(unit, "valid_from", None), getattr(unit, "valid_until", None))
