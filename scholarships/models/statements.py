"""Bank statements the treasurer uploads, and the credits of them recorded as donations.

A statement is read and matched first (nothing is written); what the treasurer confirms is
recorded in one transaction, each credit as a donation. Every recorded credit keeps its
fingerprint (the bank's transaction number when the layout has one, else the day, the
amount, the description and its place among identical lines), unique per fund: the same
statement imported again records nothing twice."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.text import refuse_control_characters
from scholarships.models.donations import Donation
from scholarships.models.ledger import Fund

_text = [refuse_control_characters]


class BankStatement(models.Model):
    """One confirmed import of a statement file: who, when, what the file was."""

    fund = models.ForeignKey(
        Fund, on_delete=models.PROTECT, related_name="statements", verbose_name=_("fund")
    )
    file_name = models.CharField(_("file"), max_length=255, validators=_text)
    sha256 = models.CharField(_("file's SHA-256"), max_length=64, validators=_text)
    layout = models.CharField(_("layout"), max_length=40, validators=_text)
    rows = models.PositiveIntegerField(_("rows read"), default=0)
    recorded = models.PositiveIntegerField(_("credits recorded"), default=0)
    skipped = models.PositiveIntegerField(_("credits already recorded"), default=0)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        verbose_name=_("imported by"),
    )
    imported_at = models.DateTimeField(_("imported"), default=timezone.now)

    class Meta:
        verbose_name = _("bank statement")
        verbose_name_plural = _("bank statements")
        ordering = ["-imported_at", "-pk"]

    def __str__(self):
        return f"{self.fund} · {self.file_name}"


class StatementCredit(models.Model):
    """A credit of a statement recorded as a donation."""

    statement = models.ForeignKey(
        BankStatement, on_delete=models.PROTECT, related_name="credits",
        verbose_name=_("bank statement"),
    )  # fmt: skip
    fund = models.ForeignKey(
        Fund, on_delete=models.PROTECT, related_name="+", verbose_name=_("fund")
    )
    row = models.PositiveIntegerField(_("row"))
    fingerprint = models.CharField(_("fingerprint"), max_length=64, validators=_text)
    booked_on = models.DateField(_("booked on"))
    amount = models.BigIntegerField(_("amount (VND)"))
    description = models.CharField(_("description"), max_length=500, validators=_text)
    bank_reference = models.CharField(
        _("bank's transaction number"), max_length=100, blank=True, validators=_text
    )
    donation = models.OneToOneField(
        Donation, on_delete=models.PROTECT, related_name="statement_credit",
        verbose_name=_("donation"),
    )  # fmt: skip

    class Meta:
        verbose_name = _("statement credit")
        verbose_name_plural = _("statement credits")
        ordering = ["statement", "row"]
        constraints = [
            models.UniqueConstraint(
                fields=["fund", "fingerprint"], name="statement_credit_once_per_fund"
            )
        ]

    def __str__(self):
        return f"{self.statement} #{self.row}"
