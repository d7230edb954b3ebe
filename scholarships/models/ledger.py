"""The Study Promotion Fund's books: funds owned by units, and one ledger per fund from
which every balance is computed.

A ledger entry is never edited or deleted: the database refuses it (triggers written by
migration 0002 on PostgreSQL and on SQLite), not only the admin. A correction is a new
entry that reverses the one it corrects and says why. Money given for a named purpose is
restricted: the entry carries the purpose, and only a spend with the same purpose may use
it. Amounts are whole đồng.
"""

from django.conf import settings
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.money import format_vnd
from common.text import refuse_control_characters
from organizations.models import Unit

_text = [refuse_control_characters]
# The most one entry may move: a hundred thousand billion đồng, far above any real gift,
# well inside a 64-bit integer however many entries are summed.
MAX_AMOUNT = 10**14


class Fund(models.Model):
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("unit")
    )
    name = models.CharField(_("name"), max_length=200, validators=_text)
    bank_name = models.CharField(_("bank"), max_length=120, blank=True, validators=_text)
    bank_bin = models.CharField(
        _("bank's NAPAS BIN"),
        max_length=6,
        blank=True,
        validators=[
            refuse_control_characters,
            RegexValidator(r"^\d{6}\Z", _("A NAPAS BIN is six digits.")),
        ],
    )
    account_number = models.CharField(
        _("account number"),
        max_length=19,
        blank=True,
        validators=[
            refuse_control_characters,
            RegexValidator(r"^[0-9A-Za-z]{1,19}\Z", _("Digits and letters only.")),
        ],
    )
    account_name = models.CharField(_("account name"), max_length=120, blank=True, validators=_text)
    reference_prefix = models.CharField(
        _("transfer reference prefix"),
        max_length=5,
        default="QKH",
        validators=[
            refuse_control_characters,
            RegexValidator(r"^[A-Z]{2,5}\Z", _("Two to five capital letters, without accents.")),
        ],
        help_text=_(
            "Begins the reference a donor writes in a transfer's description "
            "(e.g. QKH 2025 000123), by which the bank statement import finds the pledge."
        ),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("fund")
        verbose_name_plural = _("funds")
        ordering = ["unit__search_name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "name"], name="fund_name_once_per_unit")
        ]

    def __str__(self):
        return self.name


class Direction(models.IntegerChoices):
    IN = 1, _("money in")
    OUT = -1, _("money out")


class EntryKind(models.TextChoices):
    DONATION = "donation", _("donation")
    SPEND = "spend", _("spending")
    REVERSAL = "reversal", _("reversal")


class LedgerEntry(models.Model):
    fund = models.ForeignKey(
        Fund, on_delete=models.PROTECT, related_name="entries", verbose_name=_("fund")
    )
    kind = models.CharField(_("kind"), max_length=12, choices=EntryKind.choices)
    direction = models.SmallIntegerField(_("direction"), choices=Direction.choices)
    amount = models.BigIntegerField(_("amount (VND)"), validators=[MinValueValidator(1)])
    purpose = models.CharField(
        _("restricted to"),
        max_length=200,
        blank=True,
        validators=_text,
        help_text=_("The purpose the donor named; empty for money the fund may use freely."),
    )
    description = models.CharField(_("description"), max_length=500, validators=_text)
    occurred_on = models.DateField(_("date"), default=timezone.localdate)
    reverses = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reversed_by",
        verbose_name=_("reverses"),
    )
    reason = models.TextField(_("reason"), blank=True, validators=_text)
    # A donation's receipt: numbered without gaps per fund and year (ReceiptCounter).
    receipt_year = models.PositiveSmallIntegerField(_("receipt year"), null=True, blank=True)
    receipt_number = models.PositiveIntegerField(_("receipt number"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        verbose_name = _("ledger entry")
        verbose_name_plural = _("ledger entries")
        ordering = ["fund", "recorded_at", "pk"]
        indexes = [models.Index(fields=["fund", "purpose"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0, amount__lte=MAX_AMOUNT),
                name="ledger_amount_positive",
            ),
            models.CheckConstraint(
                condition=Q(direction__in=[1, -1]), name="ledger_direction_in_or_out"
            ),
            models.UniqueConstraint(
                fields=["fund", "receipt_year", "receipt_number"],
                condition=Q(receipt_number__isnull=False),
                name="ledger_receipt_once",
            ),
            models.CheckConstraint(
                condition=Q(kind="reversal", reverses__isnull=False)
                | (~Q(kind="reversal") & Q(reverses__isnull=True)),
                name="ledger_reversal_names_its_entry",
            ),
        ]

    def __str__(self):
        sign = "+" if self.direction == Direction.IN else "−"
        return f"{self.fund} {sign}{format_vnd(self.amount)} {self.description}"

    @property
    def signed_amount(self) -> int:
        return self.direction * self.amount


class ReceiptCounter(models.Model):
    """The last receipt number given for a fund and year: read and raised under a row lock,
    so receipt numbers have no gaps and no repeats, whoever records at the same moment."""

    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("receipt counter")
        verbose_name_plural = _("receipt counters")
        constraints = [
            models.UniqueConstraint(fields=["fund", "year"], name="receipt_counter_once")
        ]

    def __str__(self):
        return f"{self.fund} {self.year}: {self.last}"
