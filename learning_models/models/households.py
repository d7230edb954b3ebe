"""Families, clans, villages and citizens, which communes report in bulk: yearly counts per
commune, and lists of the recognised households or people. Names are personal data
(DOMAIN.md §5): the public side shows counts, and a name only with recorded consent."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from common.text import refuse_control_characters
from learning_models.states import HOUSEHOLD_TITLES, TITLE_LABEL, Title
from organizations.models import Unit

_text = [refuse_control_characters]
_HOUSEHOLD_CHOICES = [(t.value, t.label) for t in HOUSEHOLD_TITLES]


class HouseholdCount(models.Model):
    """How many of a title a commune had registered and recognised in a year (the total a
    commune may have also counts the units it asked about: families, clans, villages, adults)."""

    commune = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("commune")
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    title = models.CharField(TITLE_LABEL, max_length=24, choices=_HOUSEHOLD_CHOICES)
    total = models.PositiveIntegerField(
        _("total in the commune"),
        null=True,
        blank=True,
        help_text=_("All families, clans, villages or adults of the commune, for the share."),
    )
    registered = models.PositiveIntegerField(_("registered"))
    recognised = models.PositiveIntegerField(_("recognised"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        editable=False,
        verbose_name=_("recorded by"),
    )
    changed_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        verbose_name = _("yearly count")
        verbose_name_plural = _("yearly counts")
        ordering = ["-year", "commune__search_name", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "year", "title"], name="household_count_once"
            ),
            models.CheckConstraint(
                condition=Q(recognised__lte=F("registered")),
                name="household_count_recognised_le_registered",
                violation_error_message=_("More recognised than registered."),
            ),
        ]

    def __str__(self):
        return f"{self.commune} · {self.get_title_display()} · {self.year}"


class RecognisedHousehold(models.Model):
    """One recognised family, clan, village or person, from a commune's list."""

    commune = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("commune")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(TITLE_LABEL, max_length=24, choices=_HOUSEHOLD_CHOICES)
    name = models.CharField(
        _("name"),
        max_length=200,
        validators=_text,
        help_text=_("The head of the household, the clan, the village or the person."),
    )
    place = models.CharField(
        _("village or residential group"), max_length=200, blank=True, validators=_text
    )
    decision_number = models.CharField(
        _("decision number"), max_length=60, blank=True, validators=_text
    )
    public_consent = models.BooleanField(
        _("agreed to be named in public"),
        default=False,
        help_text=_("Only with a consent on record; silence is not consent."),
    )
    consent_note = models.CharField(
        _("where the consent is kept"), max_length=300, blank=True, validators=_text
    )
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        editable=False,
        verbose_name=_("imported by"),
    )
    imported_at = models.DateTimeField(_("imported"), auto_now_add=True)

    class Meta:
        verbose_name = _("recognised household or person")
        verbose_name_plural = _("recognised households and people")
        ordering = ["-year", "commune__search_name", "title", "name"]
        indexes = [models.Index(fields=["commune", "year", "title"])]

    def __str__(self):
        return f"{self.name} · {Title(self.title).label} · {self.year}"
