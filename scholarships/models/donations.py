"""Donors and their donations. A donation is the story of one gift (who, how, in kind or in
money) around the ledger entry that carries its money and its receipt number. Like the
entry, a donation is never changed or deleted (migration 0004): a mistake is corrected by
reversing its entry, and the donation then reads as reversed.

A donor's address, phone and e-mail are private: only the fund's treasurers and staff see
them. Each donor chooses how they appear in public (`PublicDisplay`)."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.phones import PhoneNumberField
from common.text import refuse_control_characters
from scholarships.models.ledger import Fund, LedgerEntry

_text = [refuse_control_characters]
# Receipt codes: no 0/O or 1/I/L, so that a code copied from paper reads back the same.
CODE_LETTERS = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 6


class DonorKind(models.TextChoices):
    ORGANISATION = "organisation", _("organisation or union")
    BUSINESS = "business", _("business")
    INDIVIDUAL = "individual", _("individual")


class PublicDisplay(models.TextChoices):
    NAME_AND_AMOUNT = "name_and_amount", _("name and amount")
    NAME_ONLY = "name_only", _("name only")
    ANONYMOUS = "anonymous", _("anonymous")


class Donor(models.Model):
    kind = models.CharField(_("kind"), max_length=16, choices=DonorKind.choices)
    name = models.CharField(_("name"), max_length=200, validators=_text)
    public_display = models.CharField(
        _("shown in public as"),
        max_length=16,
        choices=PublicDisplay.choices,
        default=PublicDisplay.ANONYMOUS,
        help_text=_("What the donor chose; silence is not consent to be named."),
    )
    address = models.CharField(_("address"), max_length=300, blank=True, validators=_text)
    phone = PhoneNumberField(_("phone"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True, validators=_text)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("donor")
        verbose_name_plural = _("donors")
        ordering = ["name", "pk"]

    def __str__(self):
        return self.name


class Method(models.TextChoices):
    CASH = "cash", _("cash")
    TRANSFER = "transfer", _("bank transfer")
    IN_KIND = "in_kind", _("in kind")


def new_code():
    return "".join(secrets.choice(CODE_LETTERS) for _ in range(CODE_LENGTH))


class Donation(models.Model):
    fund = models.ForeignKey(
        Fund, on_delete=models.PROTECT, related_name="donations", verbose_name=_("fund")
    )
    donor = models.ForeignKey(
        Donor, on_delete=models.PROTECT, related_name="donations", verbose_name=_("donor")
    )
    entry = models.OneToOneField(
        LedgerEntry, on_delete=models.PROTECT, related_name="donation", verbose_name=_("entry")
    )
    method = models.CharField(_("how it was given"), max_length=12, choices=Method.choices)
    in_kind = models.CharField(
        _("what was given"),
        max_length=300,
        blank=True,
        validators=_text,
        help_text=_("For a gift in kind: what it is (its value in đồng is the amount)."),
    )
    pledge = models.ForeignKey(
        "scholarships.Pledge",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="payments",
        verbose_name=_("pays pledge"),
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
        help_text=_("The activity the gift was raised at: its results show the money."),
    )
    code = models.CharField(
        _("receipt check code"), max_length=CODE_LENGTH, default=new_code, editable=False
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        verbose_name = _("donation")
        verbose_name_plural = _("donations")
        ordering = ["-recorded_at", "-pk"]

    def __str__(self):
        return f"{self.receipt_label} · {self.donor}"

    @property
    def receipt_label(self) -> str:
        """The receipt's number as printed: year and number, e.g. "2025/000123"."""
        return f"{self.entry.receipt_year}/{self.entry.receipt_number:06d}"
