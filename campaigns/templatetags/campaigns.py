from django import template
from django.utils import formats
from django.utils.translation import gettext as _

register = template.Library()


def _day(value):
    return formats.date_format(value, "SHORT_DATE_FORMAT")


def _time(value):
    return value.strftime("%H:%M")


@register.filter
def when(activity):
    """When an activity takes place, in words: "05/09/2024, 08:00–11:30",
    "05/09/2024 – 07/09/2024 (all day)"."""
    start, end = activity.starts_on, activity.ends_on
    if activity.start_time is None:
        if start == end:
            return _("%(day)s (all day)") % {"day": _day(start)}
        return _("%(start)s – %(end)s (all day)") % {"start": _day(start), "end": _day(end)}
    if start == end:
        if activity.end_time:
            return f"{_day(start)}, {_time(activity.start_time)}–{_time(activity.end_time)}"
        return f"{_day(start)}, {_time(activity.start_time)}"
    end_part = f"{_day(end)} {_time(activity.end_time)}" if activity.end_time else _day(end)
    return f"{_day(start)} {_time(activity.start_time)} – {end_part}"


@register.inclusion_tag("campaigns/includes/state_badge.html")
def state_badge(thing):
    """A campaign's or an activity's state as a coloured badge (label and tone from Python)."""
    return {"label": thing.get_state_display(), "tone": thing.state_tone}


@register.filter
def hours(activity):
    """When an activity takes place, for a list already grouped by day: "08:00–11:30",
    "all day", or the span of a multi-day activity ("05/09 08:00 – 07/09/2024 17:00")."""
    if activity.ends_on > activity.starts_on:
        return when(activity)
    if activity.start_time is None:
        return _("all day")
    if activity.end_time:
        return f"{_time(activity.start_time)}–{_time(activity.end_time)}"
    return _time(activity.start_time)
