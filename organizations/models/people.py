"""People and the roles they hold in units."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.periods import HasPeriod, PeriodQuerySet, in_order_q
from common.phones import PhoneNumberField
from common.text import refuse_control_characters

from .units import Unit


class User(AbstractUser):
    # Django's own fields, with the check every text field of the portal makes.
    first_name = models.CharField(
        _("first name"), max_length=150, blank=True, validators=[refuse_control_characters]
    )
    last_name = models.CharField(
        _("last name"), max_length=150, blank=True, validators=[refuse_control_characters]
    )
    email = models.EmailField(
        _("email address"), blank=True, validators=[refuse_control_characters]
    )
    # Vietnamese names do not split cleanly into first and last: one field holds the name
    # as the person writes it.
    full_name = models.CharField(
        _("full name"), max_length=150, blank=True, validators=[refuse_control_characters]
    )
    position = models.CharField(
        _("position"), max_length=150, blank=True, validators=[refuse_control_characters]
    )
    # Checked and written as the portal writes phone numbers ("0912 345 678"), like an
    # activity's contact phone.
    phone = PhoneNumberField(_("phone"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                condition=~Q(email=""),
                name="user_email_unique",
                violation_error_message=_("Another account already uses this e-mail address."),
            )
        ]

    def __str__(self):
        return self.full_name or self.username

    @property
    def display_name(self):
        return self.full_name or self.username


class Role(models.TextChoices):
    OFFICER = "officer", _("unit officer")
    APPROVER = "approver", _("unit approver")
    STAFF = "staff", _("association staff")
    TREASURER = "treasurer", _("treasurer")
    REVIEWER = "reviewer", _("reviewer")


ROLE_PERIOD = ("starts_on", "ends_on")


class MembershipQuerySet(PeriodQuerySet):
    period_fields = ROLE_PERIOD

    def active(self, day=None):
        """The roles in force on `day` (today when not given)."""
        return self.valid_on(day or timezone.localdate())


class Membership(HasPeriod, models.Model):
    """A person holds a role in a unit for a period. Ended, never deleted."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("user"),
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("unit")
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    starts_on = models.DateField(_("from"), default=timezone.localdate)
    ends_on = models.DateField(_("until"), null=True, blank=True)
    note = models.CharField(
        _("note"), max_length=255, blank=True, validators=[refuse_control_characters]
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("granted by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = MembershipQuerySet.as_manager()
    period_fields = ROLE_PERIOD

    class Meta:
        verbose_name = _("role in a unit")
        verbose_name_plural = _("roles in units")
        ordering = ["unit__search_name", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "unit", "role"],
                condition=Q(ends_on__isnull=True),
                name="membership_open_once",
                violation_error_message=_("This person already holds this role in this unit."),
            ),
            models.CheckConstraint(
                condition=in_order_q(fields=ROLE_PERIOD, nullable=(False, True)),
                name="membership_period_in_order",
                violation_error_message=_("The role cannot end before it starts."),
            ),
        ]

    def __str__(self):
        return f"{self.user} — {self.get_role_display()} — {self.unit}"
