"""Validity in time: one way to say "from this day until that day" everywhere.

Units, roles in units, campaigns, activities and (later) criteria sets, fund programmes and
roles are valid from a day until a day, both ends inclusive, an empty end being unknown or
open. This module holds the one definition of what that means:

- `Period(start, end)`, the value, with `contains(day)` and `overlaps(other)`;
- `valid_on_q` / `overlapping_q` / `in_order_q`, the same rules as database filters, for
  any pair of date fields (`prefix` reaches them through a relation; `day` may be an
  expression such as `OuterRef("starts_on")`);
- `PeriodQuerySet`, whose `valid_on(day)` and `overlapping(first, last)` use them, with the
  field names a model chooses (`period_fields`);
- `HasPeriod`, `period` and `is_valid_on(day)` on an instance, and `ValidFromUntil`, an
  abstract model with the two fields, the check that the end is not before the start and an
  index.

It imports nothing of the portal's apps, so that any app can use it.
"""

import datetime
from dataclasses import dataclass

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

DEFAULT_FIELDS = ("valid_from", "valid_until")


@dataclass(frozen=True)
class Period:
    """From `start` to `end`, both days included; None is an open (or unknown) end."""

    start: datetime.date | None = None
    end: datetime.date | None = None

    def __post_init__(self):
        if self.start is not None and self.end is not None and self.end < self.start:
            raise ValueError(f"A period cannot end ({self.end}) before it starts ({self.start}).")

    @classmethod
    def of(cls, row, fields=DEFAULT_FIELDS) -> "Period":
        """The period of a model instance (or any object) from its two date attributes."""
        return cls(getattr(row, fields[0]), getattr(row, fields[1]))

    @property
    def is_open(self) -> bool:
        return self.start is None and self.end is None

    def contains(self, day: datetime.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)

    def overlaps(self, other: "Period") -> bool:
        """Whether the two have at least one day in common."""
        return (self.start is None or other.end is None or self.start <= other.end) and (
            self.end is None or other.start is None or other.start <= self.end
        )

    def intersection(self, other: "Period") -> "Period | None":
        """The days both hold, or None when they have none in common."""
        if not self.overlaps(other):
            return None
        starts = [day for day in (self.start, other.start) if day is not None]
        ends = [day for day in (self.end, other.end) if day is not None]
        return Period(max(starts) if starts else None, min(ends) if ends else None)


def _names(fields, prefix):
    return f"{prefix}{fields[0]}", f"{prefix}{fields[1]}"


def _or_open(name, nullable, condition):
    return Q(**{f"{name}__isnull": True}) | condition if nullable else condition


def valid_on_q(day, *, fields=DEFAULT_FIELDS, prefix="", nullable=(True, True)) -> Q:
    """Rows whose period contains `day`."""
    return overlapping_q(day, day, fields=fields, prefix=prefix, nullable=nullable)


def overlapping_q(first, last, *, fields=DEFAULT_FIELDS, prefix="", nullable=(True, True)) -> Q:
    """Rows whose period has at least one day from `first` to `last` (inclusive; None is an
    open end of the range asked for). `nullable` says which of the two fields may be empty
    (an empty end is open); a field that never is needs no test for it."""
    start, end = _names(fields, prefix)
    condition = Q()
    if last is not None:
        condition &= _or_open(start, nullable[0], Q(**{f"{start}__lte": last}))
    if first is not None:
        condition &= _or_open(end, nullable[1], Q(**{f"{end}__gte": first}))
    return condition


def in_order_q(*, fields=DEFAULT_FIELDS, nullable=(True, True)) -> Q:
    """The database check that a period does not end before it starts (an empty end is
    open, so a period with one is in order)."""
    start, end = fields
    pairs = zip(fields, nullable, strict=True)
    terms = [Q(**{f"{name}__isnull": True}) for name, null in pairs if null]
    condition = None
    for term in [*terms, Q(**{f"{end}__gte": F(start)})]:
        condition = term if condition is None else condition | term
    return condition


class PeriodQuerySet(models.QuerySet):
    """`valid_on(day)` and `overlapping(first, last)` for a model with a period.

    A model whose fields are not named valid_from / valid_until says so by subclassing:
    `period_fields = ("starts_on", "ends_on")`.
    """

    period_fields = DEFAULT_FIELDS

    def _nullable(self):
        return tuple(self.model._meta.get_field(name).null for name in self.period_fields)

    def valid_on(self, day):
        return self.filter(valid_on_q(day, fields=self.period_fields, nullable=self._nullable()))

    def overlapping(self, first, last):
        """Rows valid on at least one day from `first` to `last` (None: open)."""
        return self.filter(
            overlapping_q(first, last, fields=self.period_fields, nullable=self._nullable())
        )


class HasPeriod:
    """`period` and `is_valid_on(day)` for a model with two date fields (`period_fields`)."""

    period_fields = DEFAULT_FIELDS

    @property
    def period(self) -> Period:
        return Period.of(self, self.period_fields)

    def is_valid_on(self, day: datetime.date) -> bool:
        return self.period.contains(day)


class ValidFromUntil(HasPeriod, models.Model):
    """Something valid from a day until a day (both included; empty: unknown or open).

    A model adopting it keeps the names valid_from / valid_until and gets the check
    "<model>_period_in_order". It may redeclare a field (for its own help text) and replace
    `Meta.indexes` with an index that leads with its own key (a unit's code and start).
    """

    valid_from = models.DateField(
        _("valid from"), null=True, blank=True, help_text=_("Empty if not known.")
    )
    valid_until = models.DateField(
        _("valid until"), null=True, blank=True, help_text=_("Empty while it is in force.")
    )

    objects = PeriodQuerySet.as_manager()

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=in_order_q(),
                name="%(class)s_period_in_order",
                violation_error_message=_("The end of validity is before its start."),
            ),
        ]
        indexes = [models.Index(fields=["valid_from", "valid_until"], name="%(class)s_validity")]
