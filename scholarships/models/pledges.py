"""Pledges (cam kết): a donor's promise of an amount by a day, paid wholly or in parts by
later donations that name it. A pledge is not money: what has been paid is always the sum
of its donations whose entries stand (a reversed payment no longer counts), never a stored
figure. A pledge has a transfer reference of its own (vietqr.reference_code), printed in
its VietQR code, so that the bank statement import can match the transfer to it."""

import secrets

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.text import refuse_control_characters
from scholarships.models.donations import Donor
from scholarships.models.ledger import MAX_AMOUNT, Fund

_text = [refuse_control_characters]


def new_token():
    return secrets.token_urlsafe(16)


class PledgeState(models.TextChoices):
    OPEN = "open", _("open")
    CANCELLED = "cancelled", _("cancelled")


class Pledge(models.Model):
    fund = models.ForeignKey(
        Fund, on_delete=models.PROTECT, related_name="pledges", verbose_name=_("fund")
    )
    donor = models.ForeignKey(
        Donor, on_delete=models.PROTECT, related_name="pledges", verbose_name=_("donor")
    )
    amount = models.BigIntegerField(_("amount pledged (VND)"), validators=[MinValueValidator(1)])
    due_on = models.DateField(_("due by"))
    purpose = models.CharField(
        _("restricted to"),
        max_length=200,
        blank=True,
        validators=_text,
        help_text=_("The purpose the donor named; empty for money the fund may use freely."),
    )
    campaign = models.ForeignKey(
        "campaigns.Campaign",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("campaign"),
    )
    activity = models.ForeignKey(
        "campaigns.Activity",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("fundraising activity"),
    )
    # The pledge's number in its fund and year: its transfer reference is
    # reference_code(fund.reference_prefix, number, year).
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveIntegerField(_("number"))
    # The pledge's page (its VietQR code, what is left to pay) is found by this token, never
    # by its number: references follow each other, the token cannot be guessed.
    token = models.CharField(max_length=32, unique=True, default=new_token, editable=False)
    note = models.TextField(_("note"), blank=True, validators=_text)
    state = models.CharField(
        _("state"), max_length=12, choices=PledgeState.choices, default=PledgeState.OPEN
    )
    cancel_reason = models.TextField(_("why it was cancelled"), blank=True, validators=_text)
    last_reminded_at = models.DateTimeField(_("last reminded"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        verbose_name = _("pledge")
        verbose_name_plural = _("pledges")
        ordering = ["due_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0, amount__lte=MAX_AMOUNT), name="pledge_amount_positive"
            ),
            models.UniqueConstraint(fields=["fund", "year", "number"], name="pledge_number_once"),
        ]

    def __str__(self):
        return f"{self.reference} · {self.donor}"

    @property
    def reference(self) -> str:
        from scholarships.vietqr import reference_code

        return reference_code(self.fund.reference_prefix, self.number, self.year)
