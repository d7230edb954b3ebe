"""Dossiers (hồ sơ): a unit's request for a title and level for an assessment year, with its
assessment team, self-assessment, files, appraisal and, at the end, a recognition."""

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.text import refuse_control_characters
from learning_models.models.catalogue import CriteriaSet, Indicator
from learning_models.states import LEVEL_LABEL, TITLE_LABEL, DossierState, Level, Title
from organizations.models import Unit

_text = [refuse_control_characters]


class Dossier(models.Model):
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("unit")
    )
    title = models.CharField(TITLE_LABEL, max_length=24, choices=Title.choices)
    level = models.PositiveSmallIntegerField(LEVEL_LABEL, choices=Level.choices)
    year = models.PositiveSmallIntegerField(
        _("assessment year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    criteria_set = models.ForeignKey(
        CriteriaSet,
        on_delete=models.PROTECT,
        related_name="dossiers",
        verbose_name=_("criteria set (version assessed against)"),
    )
    state = models.CharField(
        _("state"), max_length=16, choices=DossierState.choices, default=DossierState.REGISTERED
    )
    team = models.TextField(
        _("assessment team"),
        blank=True,
        validators=_text,
        help_text=_("One member a line: full name, position, role in the team."),
    )
    registered_on = models.DateField(_("registered on"), default=timezone.localdate)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        verbose_name=_("registered by"),
    )
    late_filing_allowed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("late filing allowed by"),
    )
    late_filing_reason = models.TextField(
        _("why late filing is allowed"), blank=True, validators=_text
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    # The results, computed by the services from the indicators; never typed in.
    self_result = models.BooleanField(_("self-assessment result"), null=True, editable=False)
    appraised_result = models.BooleanField(_("appraisal result"), null=True, editable=False)
    decision_reason = models.TextField(_("reasons of the decision"), blank=True, validators=_text)
    changed_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        verbose_name = _("learning-model dossier")
        verbose_name_plural = _("learning-model dossiers")
        ordering = ["-year", "unit__search_name", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "title", "year"],
                name="dossier_once_per_unit_title_year",
                violation_error_message=_(
                    "This unit already has a dossier for this title and year."
                ),
            )
        ]
        indexes = [models.Index(fields=["state", "year"])]

    def __str__(self):
        return (
            f"{self.unit} · {self.get_title_display()} · {self.get_level_display()} · {self.year}"
        )

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("learning_models_portal:dossier", args=[self.pk])

    @property
    def filing_deadline(self):
        return self.criteria_set.filing_deadline(self.year)


class IndicatorValue(models.Model):
    """One indicator of a dossier: what the unit says (value, note) and what the reviewers
    found. A value is a number: for an indicator judged met or not, 1 is met and 0 is not."""

    dossier = models.ForeignKey(
        Dossier, on_delete=models.CASCADE, related_name="values", verbose_name=_("dossier")
    )
    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, related_name="+", verbose_name=_("indicator")
    )
    value = models.DecimalField(_("value"), max_digits=9, decimal_places=2, null=True, blank=True)
    met = models.BooleanField(_("met"), null=True, editable=False)
    note = models.TextField(_("note"), blank=True, validators=_text)
    appraised_value = models.DecimalField(
        _("value found by the appraisal"), max_digits=9, decimal_places=2, null=True, blank=True
    )
    appraised_met = models.BooleanField(_("met, as appraised"), null=True, editable=False)
    appraisal_note = models.TextField(_("appraisal note"), blank=True, validators=_text)

    class Meta:
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        ordering = ["indicator__criterion__number", "indicator__number"]
        constraints = [
            models.UniqueConstraint(fields=["dossier", "indicator"], name="indicator_value_once")
        ]

    def __str__(self):
        return f"{self.indicator.code}: {self.value}"


class FileKind(models.TextChoices):
    EVIDENCE = "evidence", _("evidence")
    SELF_REPORT = "self_report", _("self-assessment report")
    COVER_LETTER = "cover_letter", _("cover letter (tờ trình)")


def _file_path(item, filename):
    return f"learning_models/{item.dossier_id}/{filename}"


class DossierFile(models.Model):
    dossier = models.ForeignKey(
        Dossier, on_delete=models.CASCADE, related_name="files", verbose_name=_("dossier")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=FileKind.choices)
    indicator = models.ForeignKey(
        Indicator,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("indicator"),
    )
    file = models.FileField(_("file"), upload_to=_file_path)
    original_name = models.CharField(_("file name"), max_length=255, validators=_text)
    content_type = models.CharField(_("file type"), max_length=100, validators=_text)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)

    class Meta:
        verbose_name = _("dossier file")
        verbose_name_plural = _("dossier files")
        ordering = ["kind", "uploaded_at", "pk"]

    def __str__(self):
        return self.original_name


def _verification_code():
    return secrets.token_hex(4).upper()


class RecognitionQuerySet(models.QuerySet):
    def in_force_on(self, day):
        return self.filter(decision_date__lte=day, valid_until__gte=day, revoked_at__isnull=True)


class Recognition(models.Model):
    """A recognition decision (quyết định công nhận). It belongs to the unit as it was when
    recognised; a merged unit's successors show it as their history."""

    dossier = models.OneToOneField(
        Dossier,
        on_delete=models.PROTECT,
        related_name="recognition",
        null=True,
        blank=True,
        verbose_name=_("dossier"),
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("unit")
    )
    title = models.CharField(TITLE_LABEL, max_length=24, choices=Title.choices)
    level = models.PositiveSmallIntegerField(LEVEL_LABEL, choices=Level.choices)
    year = models.PositiveSmallIntegerField(_("assessment year"))
    decision_number = models.CharField(_("decision number"), max_length=60, validators=_text)
    decision_date = models.DateField(_("decision date"))
    signed_by = models.CharField(
        _("signed by"),
        max_length=200,
        validators=_text,
        help_text=_("Name and position of who signed the decision."),
    )
    authority = models.CharField(_("deciding authority"), max_length=300, validators=_text)
    valid_until = models.DateField(_("valid until"))
    code = models.CharField(
        _("verification code"),
        max_length=12,
        unique=True,
        default=_verification_code,
        editable=False,
    )
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True, editable=False)
    revoked_reason = models.TextField(_("why revoked"), blank=True, editable=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        editable=False,
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now, editable=False)

    objects = RecognitionQuerySet.as_manager()

    class Meta:
        verbose_name = _("recognition")
        verbose_name_plural = _("recognitions")
        ordering = ["-decision_date", "pk"]
        indexes = [
            models.Index(fields=["title", "level", "year"]),
            models.Index(fields=["unit", "title", "level"]),
            models.Index(fields=["valid_until"]),
        ]

    def __str__(self):
        return (
            f"{self.unit} · {self.get_title_display()} · {self.get_level_display()} ({self.year})"
        )

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("learning_models:recognition", args=[self.code])

    def status_on(self, day):
        """ "revoked", "expired", "not yet" or "valid" on `day`."""
        if self.revoked_at is not None:
            return "revoked"
        if day > self.valid_until:
            return "expired"
        if day < self.decision_date:
            return "not_yet"
        return "valid"
