"""How the portal prints money and periods, in one place."""

from django.utils import formats
from django.utils.translation import gettext as _


def format_vnd(amount) -> str:
    """1500000 -> "1.500.000 ₫". The đồng has no minor unit: amounts are whole numbers."""
    if amount is None:
        return "—"
    amount = int(amount)
    sign = "−" if amount < 0 else ""
    grouped = f"{abs(amount):,}".replace(",", ".")
    return f"{sign}{grouped}\u00a0₫"


def format_period(valid_from, valid_until) -> str:
    """A validity period in words: "from 01/01/2025 to 30/06/2025", "until 30/06/2025"."""
    start = formats.date_format(valid_from, "SHORT_DATE_FORMAT") if valid_from else None
    end = formats.date_format(valid_until, "SHORT_DATE_FORMAT") if valid_until else None
    if start and end:
        return _("from %(start)s to %(end)s") % {"start": start, "end": end}
    if start:
        return _("since %(start)s") % {"start": start}
    if end:
        return _("until %(end)s") % {"end": end}
    return ""
