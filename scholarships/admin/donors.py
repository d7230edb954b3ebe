"""Donors and donations in the admin.

A donor's record (their private address, phone and e-mail, which staff and treasurers see
here, and how they chose to appear in public) is edited through services.create_donor and
services.update_donor, with its history on the donor's page. A donation is read-only: it
says who gave, how and what, and leads to its ledger entry, where a treasurer reverses it.
"""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Exists, OuterRef
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from common.admin_history import PortalHistoryMixin
from scholarships import services
from scholarships.models import Donation, Donor, LedgerEntry

from .shared import (
    ADMIN_CSS,
    FoldedSearchMixin,
    NoDeleteMixin,
    ReadOnlyInline,
    ReadOnlyMixin,
    handles_money,
    receipt_condition,
    vnd,
)


class DonationInline(ReadOnlyInline):
    model = Donation
    fk_name = "donor"
    fields = ["receipt", "fund", "amount", "method", "in_kind", "recorded_at"]
    readonly_fields = fields
    verbose_name_plural = _("donations")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("fund", "entry")

    @admin.display(description=_("receipt"))
    def receipt(self, donation):
        return donation.receipt_label

    @admin.display(description=_("amount"))
    def amount(self, donation):
        return vnd(donation.entry.amount)


@admin.register(Donor)
class DonorAdmin(NoDeleteMixin, FoldedSearchMixin, PortalHistoryMixin, admin.ModelAdmin):
    list_display = ["name", "kind", "public_display", "phone", "email", "gifts"]
    list_filter = ["kind", "public_display"]
    search_fields = ["=phone", "email"]
    fold_in_python = ["name", "address", "email"]
    search_help_text = _("Name or address (with or without diacritics), phone or e-mail.")
    fieldsets = [
        (None, {"fields": ["kind", "name", "public_display"]}),
        (
            _("Private: seen only by the fund's treasurers and staff"),
            {"fields": ["address", "phone", "email"]},
        ),
        (None, {"fields": ["created_at"]}),
    ]
    readonly_fields = ["created_at"]
    inlines = [DonationInline]

    class Media:
        css = {"all": ADMIN_CSS}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(gift_count=Count("donations"))

    @admin.display(description=_("gifts"), ordering="gift_count")
    def gifts(self, donor):
        return donor.gift_count

    def has_add_permission(self, request):
        return super().has_add_permission(request) and handles_money(request)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and handles_money(request)

    def save_model(self, request, obj, form, change):
        data = {name: form.cleaned_data[name] for name in services.DONOR_FIELDS}
        if change:
            services.update_donor(obj, by=request.user, **data)
        else:
            donor = services.create_donor(by=request.user, **data)
            obj.pk, obj.created_at = donor.pk, donor.created_at
            obj._state.adding = False

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return HttpResponseRedirect(request.get_full_path())


class ReversedFilter(admin.SimpleListFilter):
    title = _("reversed")
    parameter_name = "reversed"

    def lookups(self, request, model_admin):
        return [("yes", _("reversed")), ("no", _("standing"))]

    def queryset(self, request, queryset):
        match self.value():
            case "yes":
                return queryset.filter(is_reversed=True)
            case "no":
                return queryset.filter(is_reversed=False)
        return queryset


@admin.register(Donation)
class DonationAdmin(ReadOnlyMixin, FoldedSearchMixin, admin.ModelAdmin):
    list_display = [
        "receipt",
        "donor",
        "fund",
        "amount",
        "method",
        "in_kind",
        "purpose",
        "reversed_badge",
        "recorded_at",
    ]
    list_filter = ["fund", "method", ReversedFilter, "campaign", "donor__kind"]
    list_select_related = ["donor", "fund", "entry"]
    list_per_page = 50
    search_fields = ["=code"]
    fold_in_python = ["donor__name", "in_kind", "entry__description"]
    search_help_text = _(
        "A receipt number (2024/000123) or check code, the donor's name or what was given "
        "(with or without diacritics)."
    )
    fields = [
        "receipt",
        "code",
        "fund",
        "donor",
        "amount",
        "method",
        "in_kind",
        "purpose",
        "pledge",
        "campaign",
        "activity",
        "entry_link",
        "reversed_badge",
        "recorded_by",
        "recorded_at",
    ]
    readonly_fields = fields

    class Media:
        css = {"all": ADMIN_CSS}

    def get_queryset(self, request):
        reversed_entry = LedgerEntry.objects.filter(reverses=OuterRef("entry_id"))
        return (
            super()
            .get_queryset(request)
            .select_related(
                *self.list_select_related, "pledge__fund", "campaign", "activity", "recorded_by"
            )
            .annotate(is_reversed=Exists(reversed_entry))
        )

    def get_search_results(self, request, queryset, search_term):
        found, duplicates = super().get_search_results(request, queryset, search_term)
        condition = receipt_condition(search_term, "entry")
        if condition is not None:
            found = found | queryset.filter(condition)
        return found, duplicates

    @admin.display(description=_("receipt"), ordering="entry__receipt_number")
    def receipt(self, donation):
        return donation.receipt_label

    @admin.display(description=_("amount"), ordering="entry__amount")
    def amount(self, donation):
        return format_html('<span class="amount">{}</span>', vnd(donation.entry.amount))

    @admin.display(description=_("restricted to"))
    def purpose(self, donation):
        return donation.entry.purpose or "—"

    @admin.display(description=_("reversed"), ordering="is_reversed")
    def reversed_badge(self, donation):
        if donation.is_reversed:
            return format_html('<span class="badge badge--danger">{}</span>', gettext("reversed"))
        return format_html('<span class="badge badge--ok">{}</span>', gettext("stands"))

    @admin.display(description=_("ledger entry"))
    def entry_link(self, donation):
        url = reverse("admin:scholarships_ledgerentry_change", args=[donation.entry_id])
        return format_html('<a href="{}">{}</a>', url, donation.entry)
