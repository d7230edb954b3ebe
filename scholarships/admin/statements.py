"""The bank statements imported and the credits recorded from them, in the admin: read-only,
like the ledger they wrote to (the import itself is the treasurers' page in the portal)."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from scholarships.models import BankStatement, StatementCredit

from .shared import ADMIN_CSS, FoldedSearchMixin, ReadOnlyInline, ReadOnlyMixin, vnd


class CreditInline(ReadOnlyInline):
    model = StatementCredit
    fields = ["row", "booked_on", "amount_shown", "description", "bank_reference", "donation_link"]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("donation__entry")

    @admin.display(description=_("amount"))
    def amount_shown(self, credit):
        return vnd(credit.amount)

    @admin.display(description=_("donation"))
    def donation_link(self, credit):
        return _donation_link(credit.donation)


@admin.register(BankStatement)
class BankStatementAdmin(ReadOnlyMixin, FoldedSearchMixin, admin.ModelAdmin):
    list_display = [
        "file_name",
        "fund",
        "layout",
        "rows",
        "recorded",
        "skipped",
        "imported_by",
        "imported_at",
    ]
    list_filter = ["fund", "layout"]
    list_select_related = ["fund", "imported_by"]
    search_fields = ["=sha256"]
    fold_in_python = ["file_name"]
    search_help_text = _("The file's name or its SHA-256.")
    fields = [
        "fund",
        "file_name",
        "sha256",
        "layout",
        "rows",
        "recorded",
        "skipped",
        "imported_by",
        "imported_at",
    ]
    readonly_fields = fields
    inlines = [CreditInline]

    class Media:
        css = {"all": ADMIN_CSS}


@admin.register(StatementCredit)
class StatementCreditAdmin(ReadOnlyMixin, FoldedSearchMixin, admin.ModelAdmin):
    list_display = [
        "booked_on",
        "amount_shown",
        "description",
        "bank_reference",
        "statement",
        "donation_link",
    ]
    list_filter = ["fund"]
    list_select_related = ["statement__fund", "donation__entry", "donation__donor"]
    list_per_page = 50
    search_fields = ["=bank_reference"]
    fold_in_python = ["description"]
    search_help_text = _(
        "Words of the bank's description (with or without diacritics) or the bank's "
        "transaction number."
    )
    fields = [
        "statement",
        "row",
        "booked_on",
        "amount_shown",
        "description",
        "bank_reference",
        "fingerprint",
        "donation_link",
    ]
    readonly_fields = fields

    class Media:
        css = {"all": ADMIN_CSS}

    @admin.display(description=_("amount"), ordering="amount")
    def amount_shown(self, credit):
        return format_html('<span class="amount">{}</span>', vnd(credit.amount))

    @admin.display(description=_("donation"))
    def donation_link(self, credit):
        return _donation_link(credit.donation)


def _donation_link(donation):
    url = reverse("admin:scholarships_donation_change", args=[donation.pk])
    return format_html('<a href="{}">{}</a>', url, donation.receipt_label)
