"""The rules an activity's own fields must follow, whoever enters it and however (the
portal's form, the admin, a spreadsheet row): one ValidationError by field, every problem
of a submission at once. The services check them before every write (campaigns.services);
the forms and the upload ask them to show every problem in one round.
"""

import copy

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext as _

from campaigns.models import Activity
from campaigns.permissions import EDIT_UNIT_WORK
from campaigns.states import CampaignState
from common.formatting import format_day
from common.text import trimmed
from organizations import permissions
from organizations import selectors as unit_selectors
from organizations.models import UnitLevel


def validate_activity(activity, *, by, co_organizers=()):
    """All the rules an activity's own fields must follow, as one ValidationError by field."""
    errors = {}
    campaign = activity.campaign

    def add(field, message):
        errors.setdefault(field, []).append(message)

    if campaign.state != CampaignState.OPEN:
        # NON_FIELD_ERRORS, not None: form.add_error(None, error) refuses a None key.
        add(
            NON_FIELD_ERRORS,
            _("The campaign “%(campaign)s” is not open for entries.") % {"campaign": campaign},
        )
    if not trimmed(activity.title):
        add("title", _("Give the activity a title."))
    if activity.focus_area_id and activity.focus_area.campaign_id != campaign.pk:
        add("focus_area", _("This focus area belongs to another campaign."))
    starts, ends = activity.starts_on, activity.ends_on
    if starts and ends:
        if ends < starts:
            add("ends_on", _("The end date is before the start date."))
        elif (
            ends == starts
            and activity.start_time
            and activity.end_time
            and activity.end_time < activity.start_time
        ):
            add("end_time", _("The end time is before the start time."))
        for field, day in (("starts_on", starts), ("ends_on", ends)):
            if not campaign.contains(day):
                add(
                    field,
                    _("%(day)s is outside the campaign (%(start)s – %(end)s).")
                    % {
                        "day": format_day(day),
                        "start": format_day(campaign.starts_on),
                        "end": format_day(campaign.ends_on),
                    },
                )
    if activity.end_time and not activity.start_time:
        add("start_time", _("Give a start time too, or leave both times empty (all day)."))
    organizer = activity.organizer if activity.organizer_id else None
    commune = activity.commune if activity.commune_id else None
    outside_city = _outside_city([organizer, commune, *co_organizers], starts)
    if organizer is not None and starts:
        if not organizer.is_valid_on(starts):
            add(
                "organizer",
                _("%(unit)s did not exist on %(day)s.")
                % {"unit": organizer, "day": format_day(starts)},
            )
        elif organizer.pk in outside_city:
            add("organizer", outside_city[organizer.pk])
        elif not permissions.can(by, EDIT_UNIT_WORK, organizer, on=starts):
            add(
                "organizer",
                _("You have no role in %(unit)s, so you cannot enter activities for it.")
                % {"unit": organizer},
            )
    if commune is not None:
        if commune.level != UnitLevel.COMMUNE:
            add("commune", _("Choose a ward, commune, township or special zone."))
        elif starts and not commune.is_valid_on(starts):
            add(
                "commune",
                _("%(unit)s did not exist on %(day)s.")
                % {"unit": commune, "day": format_day(starts)},
            )
        elif commune.pk in outside_city:
            add("commune", outside_city[commune.pk])
    for unit in co_organizers:
        if organizer is not None and unit.pk == organizer.pk:
            add("co_organizers", _("The organising unit need not be listed as a co-organiser."))
        elif starts and not unit.is_valid_on(starts):
            add(
                "co_organizers",
                _("%(unit)s did not exist on %(day)s.") % {"unit": unit, "day": format_day(starts)},
            )
        elif unit.pk in outside_city:
            add("co_organizers", outside_city[unit.pk])
    if errors:
        raise ValidationError(errors)


_MODEL_FIELDS = {field.name for field in Activity._meta.concrete_fields}


def check_activity(activity, *, by, co_organizers=(), unreadable=()):
    """Every rule an activity must follow, the services' (validate_activity) and the model's
    own (its fields' checks and constraints), as one ValidationError by field: a form or an
    upload names every problem of a submission at once, each rule said once.

    `unreadable` names the fields whose input could not be read at all (the form or the
    upload has already said so): they are checked as if empty and no rule speaks of them,
    nor of an empty end date, which would stand for an unreadable start date.
    """
    unreadable = set(unreadable)
    if unreadable:
        activity = copy.copy(activity)
        for name in unreadable & _MODEL_FIELDS:
            setattr(activity, name, None)
        if "starts_on" in unreadable and activity.ends_on is None:
            unreadable.add("ends_on")
    errors = {}
    try:
        validate_activity(activity, by=by, co_organizers=co_organizers)
    except ValidationError as error:
        errors = {
            name: list(items) for name, items in error.error_dict.items() if name not in unreadable
        }
    try:
        # A field a rule already spoke of is left out: its constraint would say it again.
        activity.full_clean(exclude=["co_organizers", *unreadable, *errors])
    except ValidationError as error:
        for name, items in error.error_dict.items():
            errors.setdefault(name, []).extend(items)
    if errors:
        raise ValidationError(errors)


def _outside_city(units, day):
    """{unit id: message} for those of `units` that existed on `day` but were not part of
    the city's tree that day (another province's, such as Hải Dương's before 1/7/2025)."""
    existing = [unit for unit in units if unit is not None and day and unit.is_valid_on(day)]
    if not existing:
        return {}
    inside = unit_selectors.in_city_on(existing, day)
    outside = [unit for unit in existing if unit.pk not in inside]
    if not outside:
        return {}
    city = unit_selectors.city_on(day)
    return {
        unit.pk: _("%(unit)s was not part of %(city)s on %(day)s.")
        % {
            "unit": unit,
            "city": city if city is not None else _("the city"),
            "day": format_day(day),
        }
        for unit in outside
    }
