from django import template

from organizations.formatting import format_period, format_vnd

register = template.Library()


@register.filter
def vnd(amount):
    return format_vnd(amount)


@register.filter
def period(unit):
    """A unit's (or any record's) validity period in words."""
    return format_period(getattr(unit, "valid_from", None), getattr(unit, "valid_until", None))
