"""The yearly Month of Study Promotion: its plan, focus areas, key dates and participants."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from campaigns.states import TONES, CampaignState
from common.periods import HasPeriod, PeriodQuerySet, in_order_q
from common.text import refuse_control_characters
from organizations.models import Unit

DAYS = ("starts_on", "ends_on")  # the period of a campaign, a key date, an activity


class CampaignQuerySet(PeriodQuerySet):
    period_fields = DAYS

    def public(self):
        """Campaigns citizens may browse: everything that has been opened."""
        return self.exclude(state=CampaignState.DRAFT)


class Campaign(HasPeriod, models.Model):
    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    title = models.CharField(_("title"), max_length=200, validators=[refuse_control_characters])
    plan_number = models.CharField(
        _("plan number"),
        max_length=50,
        blank=True,
        help_text=_("For example 204/KH-UBND."),
        validators=[refuse_control_characters],
    )
    plan_date = models.DateField(_("plan issued on"), null=True, blank=True)
    plan_issuer = models.CharField(
        _("issued by"), max_length=200, blank=True, validators=[refuse_control_characters]
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    theme = models.TextField(
        _("theme and purpose"), blank=True, validators=[refuse_control_characters]
    )
    lifelong_learning_theme = models.CharField(
        _("theme of Lifelong Learning Week"),
        max_length=300,
        blank=True,
        validators=[refuse_control_characters],
    )
    state = models.CharField(
        _("state"), max_length=16, choices=CampaignState.choices, default=CampaignState.DRAFT
    )
    participants = models.ManyToManyField(
        Unit,
        blank=True,
        related_name="campaigns",
        verbose_name=_("units asked to take part"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = CampaignQuerySet.as_manager()
    period_fields = DAYS

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(
                condition=in_order_q(fields=DAYS, nullable=(False, False)),
                name="campaign_ends_after_start",
                violation_error_message=_("The campaign cannot end before it starts."),
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("campaigns:calendar") + f"?campaign={self.year}"

    @property
    def state_tone(self):
        return TONES.get(self.state, "")

    def contains(self, day) -> bool:
        return self.is_valid_on(day)


class FocusArea(models.Model):
    """A focus area (nội dung trọng tâm) of the campaign's plan, in the plan's order."""

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="focus_areas", verbose_name=_("campaign")
    )
    position = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=300, validators=[refuse_control_characters])
    short_title = models.CharField(
        _("short title"),
        max_length=80,
        help_text=_("Shown in filters and badges."),
        validators=[refuse_control_characters],
    )
    description = models.TextField(
        _("description"), blank=True, validators=[refuse_control_characters]
    )

    class Meta:
        verbose_name = _("focus area")
        verbose_name_plural = _("focus areas")
        ordering = ["campaign", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "position"],
                name="focus_area_position_unique",
                violation_error_message=_("Another focus area of this campaign has this number."),
            )
        ]

    def __str__(self):
        return f"{self.position}. {self.short_title}"


class KeyDate(HasPeriod, models.Model):
    """A day or span inside the campaign that everybody plans around (2/10, 1–7/10…)."""

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="key_dates", verbose_name=_("campaign")
    )
    title = models.CharField(_("title"), max_length=200, validators=[refuse_control_characters])
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"), null=True, blank=True)
    description = models.TextField(
        _("description"), blank=True, validators=[refuse_control_characters]
    )

    period_fields = DAYS

    class Meta:
        verbose_name = _("key date")
        verbose_name_plural = _("key dates")
        ordering = ["campaign", "starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=in_order_q(fields=DAYS, nullable=(False, True)),
                name="key_date_ends_after_start",
                violation_error_message=_("A key date cannot end before it starts."),
            )
        ]

    def __str__(self):
        return self.title

    @property
    def last_day(self):
        return self.ends_on or self.starts_on
