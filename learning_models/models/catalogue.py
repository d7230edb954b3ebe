"""The criteria catalogue: criteria sets, versioned by the legal text that sets them, each
holding criteria made of indicators.

A set is one version of one `code` (for example "tt25-commune-1"): a draft staff may still
edit, or a published version, which never changes again (the model refuses the save, and
so do its criteria and indicators). A dossier keeps the version it was assessed against.
"""

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from common.periods import PeriodQuerySet, in_order_q
from common.text import refuse_control_characters
from learning_models.states import (
    LEVEL_LABEL,
    TITLE_LABEL,
    IndicatorKind,
    Level,
    ResultRule,
    SetState,
    Title,
)

_text = [refuse_control_characters]


class PublishedIsFinal(ValidationError):
    pass


def _refuse_if_published(criteria_set):
    if criteria_set is not None and criteria_set.pk and criteria_set.published_in_database():
        raise PublishedIsFinal(
            _("A published criteria set never changes: make a new draft version of it.")
        )


class CriteriaSetQuerySet(PeriodQuerySet):
    period_fields = ("in_force_from", "in_force_until")

    def published(self):
        return self.filter(state=SetState.PUBLISHED)


class CriteriaSet(models.Model):
    code = models.SlugField(
        _("code"),
        max_length=60,
        validators=_text,
        help_text=_("The same for every version of the set, e.g. tt25-commune-1."),
    )
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    state = models.CharField(
        _("state"), max_length=12, choices=SetState.choices, default=SetState.DRAFT
    )
    title = models.CharField(TITLE_LABEL, max_length=24, choices=Title.choices)
    level = models.PositiveSmallIntegerField(LEVEL_LABEL, choices=Level.choices)
    name = models.CharField(_("name"), max_length=300, validators=_text)
    legal_text = models.CharField(
        _("legal text"),
        max_length=120,
        validators=_text,
        help_text=_("The number of the text that sets the criteria, e.g. 25/2023/TT-BGDĐT."),
    )
    legal_text_name = models.CharField(
        _("name of the legal text"), max_length=300, blank=True, validators=_text
    )
    legal_date = models.DateField(_("issued on"), null=True, blank=True)
    in_force_from = models.DateField(_("in force from"))
    in_force_until = models.DateField(
        _("in force until"), null=True, blank=True, help_text=_("Empty while in force.")
    )
    rule = models.CharField(
        _("overall result"),
        max_length=20,
        choices=ResultRule.choices,
        default=ResultRule.EVERY_CRITERION,
    )
    pass_points = models.DecimalField(
        _("pass mark (points)"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    # The procedure's calendar: the day (in the year after the assessment year) by which a
    # dossier is filed and decided, and who decides. They changed with the 2025 reform.
    file_by_day = models.PositiveSmallIntegerField(
        _("file by (day)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(31)],
    )
    file_by_month = models.PositiveSmallIntegerField(
        _("file by (month)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
    )
    decide_by_day = models.PositiveSmallIntegerField(
        _("decide by (day)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(31)],
    )
    decide_by_month = models.PositiveSmallIntegerField(
        _("decide by (month)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
    )
    authority = models.CharField(
        _("deciding authority"), max_length=300, blank=True, validators=_text
    )
    valid_months = models.PositiveSmallIntegerField(_("recognition valid for (months)"), default=36)
    months_before_next_level = models.PositiveSmallIntegerField(
        _("months from level 1 before level 2"), default=12
    )
    to_check = models.TextField(
        _("still to check against the official text"), blank=True, validators=_text
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True, editable=False)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("published by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = CriteriaSetQuerySet.as_manager()

    class Meta:
        verbose_name = _("criteria set")
        verbose_name_plural = _("criteria sets")
        ordering = ["title", "level", "code", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["code", "version"], name="criteria_set_version_once"),
            models.CheckConstraint(
                condition=in_order_q(
                    fields=("in_force_from", "in_force_until"), nullable=(False, True)
                ),
                name="criteria_set_in_force_in_order",
                violation_error_message=_("The set cannot stop being in force before it starts."),
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.legal_text}, v{self.version})"

    def save(self, *args, **kwargs):
        _refuse_if_published(self)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        _refuse_if_published(self)
        return super().delete(*args, **kwargs)

    @property
    def is_published(self):
        return self.state == SetState.PUBLISHED

    def published_in_database(self) -> bool:
        return type(self).objects.filter(pk=self.pk, state=SetState.PUBLISHED).exists()

    def clean(self):
        if self.rule == ResultRule.POINTS and self.pass_points is None:
            raise ValidationError({"pass_points": _("A set scored by points needs a pass mark.")})
        for day, month in (("file_by_day", "file_by_month"), ("decide_by_day", "decide_by_month")):
            if (getattr(self, day) is None) != (getattr(self, month) is None):
                raise ValidationError({day: _("Give both the day and the month, or neither.")})

    def _day_after(self, year, day, month):
        if day is None or month is None:
            return None
        try:
            return datetime.date(year + 1, month, day)
        except ValueError:  # 29/2 or 31/4: the last day of that month
            return datetime.date(year + 1, month + 1, 1) - datetime.timedelta(days=1)

    def filing_deadline(self, year: int) -> datetime.date | None:
        """The last day to file a dossier on the assessment year `year` (data of 1/1–31/12
        of that year, filed in the next one)."""
        return self._day_after(year, self.file_by_day, self.file_by_month)

    def decision_deadline(self, year: int) -> datetime.date | None:
        return self._day_after(year, self.decide_by_day, self.decide_by_month)


class Criterion(models.Model):
    criteria_set = models.ForeignKey(
        CriteriaSet,
        on_delete=models.CASCADE,
        related_name="criteria",
        verbose_name=_("criteria set"),
    )
    number = models.PositiveSmallIntegerField(_("number"))
    name = models.CharField(_("name"), max_length=500, validators=_text)

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["criteria_set", "number"]
        constraints = [
            models.UniqueConstraint(fields=["criteria_set", "number"], name="criterion_number_once")
        ]

    def __str__(self):
        return f"{self.number}. {self.name}"

    def save(self, *args, **kwargs):
        _refuse_if_published(self.criteria_set)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        _refuse_if_published(self.criteria_set)
        return super().delete(*args, **kwargs)


class Indicator(models.Model):
    criterion = models.ForeignKey(
        Criterion, on_delete=models.CASCADE, related_name="indicators", verbose_name=_("criterion")
    )
    number = models.PositiveSmallIntegerField(_("number"))
    text = models.TextField(_("indicator"), validators=_text)
    kind = models.CharField(
        _("judged as"), max_length=12, choices=IndicatorKind.choices, default=IndicatorKind.MET
    )
    threshold = models.DecimalField(
        _("threshold"),
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Met when the value is at least this (a number against a threshold)."),
    )
    unit_of_value = models.CharField(
        _("unit of the value"), max_length=20, blank=True, validators=_text
    )
    max_points = models.DecimalField(
        _("most points"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    to_check = models.CharField(_("still to check"), max_length=500, blank=True, validators=_text)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["criterion__number", "number"]
        constraints = [
            models.UniqueConstraint(fields=["criterion", "number"], name="indicator_number_once")
        ]

    def __str__(self):
        return f"{self.criterion.number}.{self.number} {self.text[:80]}"

    def save(self, *args, **kwargs):
        _refuse_if_published(self.criterion.criteria_set)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        _refuse_if_published(self.criterion.criteria_set)
        return super().delete(*args, **kwargs)

    @property
    def code(self):
        return f"{self.criterion.number}.{self.number}"

    def clean(self):
        if self.kind == IndicatorKind.THRESHOLD and self.threshold is None:
            raise ValidationError({"threshold": _("An indicator judged by a threshold needs one.")})
        if self.kind == IndicatorKind.POINTS and self.max_points is None:
            raise ValidationError(
                {"max_points": _("An indicator scored in points needs a maximum.")}
            )

    def judge(self, value) -> bool | None:
        """Whether `value` meets the indicator; None when no value is given. A value is
        True/False (met or not), or a number (threshold, points)."""
        if value is None:
            return None
        if self.kind == IndicatorKind.MET:
            return bool(value)
        number = Decimal(value)
        if self.kind == IndicatorKind.THRESHOLD:
            return number >= self.threshold
        return number > 0
