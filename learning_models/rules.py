"""The learning models' rules that read, without writing: which units may ask for which
title, what a typed indicator value means, which criteria set applies on a day, when level 2
becomes possible and until when a recognition is valid. The services, the forms and the
selectors ask here."""

import datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from learning_models.models import CriteriaSet, Recognition
from learning_models.states import IndicatorKind, Level, Title
from organizations.models import UnitKind, UnitLevel

# Which kinds of unit may ask for which title.
TITLE_UNITS = {
    Title.LEARNING_UNIT: set(UnitKind.of_level(UnitLevel.BODY))
    | set(UnitKind.of_level(UnitLevel.DISTRICT)),
    Title.COMMUNITY_COMMUNE: set(UnitKind.of_level(UnitLevel.COMMUNE)),
    Title.COMMUNITY_DISTRICT: set(UnitKind.of_level(UnitLevel.DISTRICT)),
    Title.COMMUNITY_PROVINCE: set(UnitKind.of_level(UnitLevel.PROVINCE)),
}


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later (the month's last day when it has no such day)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return datetime.date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise AssertionError


def criteria_set_for(title, level, on: datetime.date) -> CriteriaSet | None:
    """The newest published version of the set for `title` and `level` in force on `on`."""
    return (
        CriteriaSet.objects.published()
        .valid_on(on)
        .filter(title=title, level=level)
        .order_by("-in_force_from", "-version")
        .first()
    )


def first_day_for_level_two(unit, title, on: datetime.date):
    """(the level-1 recognition, the first day a level-2 registration is possible), or
    (None, None) when the unit has no level-1 recognition for `title`."""
    level_one = (
        Recognition.objects.filter(unit=unit, title=title, level=Level.ONE, revoked_at__isnull=True)
        .order_by("-decision_date")
        .first()
    )
    if level_one is None:
        return None, None
    months = level_one.dossier.criteria_set.months_before_next_level if level_one.dossier else 12
    return level_one, add_months(level_one.decision_date, months)


def parse_value(indicator, raw) -> Decimal | None:
    """A value as typed ("92,5", "92.5", "1"/"0" or True/False for met or not met); None
    when empty. ValidationError for anything else, naming the indicator."""
    if raw is None or raw == "":
        return None
    if isinstance(raw, bool):
        return Decimal(1 if raw else 0)
    text = str(raw).strip().replace(",", ".")
    try:
        number = Decimal(text)
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite():
        raise ValidationError(_("%(code)s: write a number.") % {"code": indicator.code})
    if indicator.kind == IndicatorKind.MET and number not in (0, 1):
        raise ValidationError(_("%(code)s: choose met or not met.") % {"code": indicator.code})
    if number < 0:
        raise ValidationError(
            _("%(code)s: the value cannot be negative.") % {"code": indicator.code}
        )
    if indicator.unit_of_value == "%" and number > 100:
        raise ValidationError(_("%(code)s: a share is at most 100%%.") % {"code": indicator.code})
    if indicator.kind == IndicatorKind.POINTS and number > indicator.max_points:
        raise ValidationError(
            _("%(code)s: at most %(max)s points.")
            % {"code": indicator.code, "max": indicator.max_points}
        )
    if abs(number) >= Decimal("10000000"):
        raise ValidationError(_("%(code)s: the number is too large.") % {"code": indicator.code})
    return number.quantize(Decimal("0.01"))


def recognition_valid_until(criteria_set, year: int) -> datetime.date:
    """A recognition stays valid for the set's months (36) after the assessment year."""
    return add_months(
        datetime.date(year + 1, 1, 1), criteria_set.valid_months
    ) - datetime.timedelta(days=1)
