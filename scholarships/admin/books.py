"""Funds and their ledgers in the admin.

A fund's name and bank account are edited by its treasurers through services.create_fund
and services.update_fund, with the fund's history on its page. A ledger entry is shown,
never added, changed or deleted here, not even by a superuser (the database refuses it
too): a mistake is corrected by the "Reverse this entry" page, which asks for the reason
and calls services.reverse.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F, Sum
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponseRedirect
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from common.admin_history import PortalHistoryMixin
from scholarships import selectors, services
from scholarships.models import Direction, EntryKind, Fund, LedgerEntry

from .shared import (
    ADMIN_CSS,
    FoldedSearchMixin,
    NoDeleteMixin,
    ReadOnlyMixin,
    ReasonForm,
    confirmation_page,
    handles_money,
    receipt_condition,
    vnd,
)


@admin.register(Fund)
class FundAdmin(NoDeleteMixin, FoldedSearchMixin, PortalHistoryMixin, admin.ModelAdmin):
    list_display = ["name", "unit", "bank_name", "account_number", "reference_prefix", "total"]
    list_select_related = ["unit"]
    search_fields = ["=account_number", "=reference_prefix"]
    fold_in_python = ["name", "unit__name", "bank_name", "account_name"]
    search_help_text = _("Fund, unit or bank (with or without diacritics), account number.")
    autocomplete_fields = ["unit"]
    fields = [
        "unit",
        "name",
        "bank_name",
        "bank_bin",
        "account_number",
        "account_name",
        "reference_prefix",
        "balance_table",
        "created_at",
    ]

    class Media:
        css = {"all": ADMIN_CSS}

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(balance=Coalesce(Sum(F("entries__amount") * F("entries__direction")), 0))
        )

    @admin.display(description=_("balance"), ordering="balance")
    def total(self, fund):
        return vnd(fund.balance)

    @admin.display(description=_("balance by purpose"))
    def balance_table(self, fund):
        if fund.pk is None:
            return "—"
        rows = selectors.balances(fund)
        free = rows.pop("", 0)
        lines = [(gettext("Free to use"), free), *sorted(rows.items())]
        lines.append((gettext("Total"), free + sum(rows.values())))
        return format_html(
            '<table class="fund-balances"><tbody>{}</tbody></table>',
            format_html_join(
                "",
                '<tr><th scope="row">{}</th><td class="amount">{}</td></tr>',
                ((label, vnd(amount)) for label, amount in lines),
            ),
        )

    def get_readonly_fields(self, request, obj=None):
        fixed = ["balance_table", "created_at"]
        return ["unit", *fixed] if obj is not None else fixed

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        return (
            fields
            if obj is not None
            else [f for f in fields if f not in ("balance_table", "created_at")]
        )

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or handles_money(request, obj.unit))

    def save_model(self, request, obj, form, change):
        data = {name: form.cleaned_data[name] for name in services.FUND_FIELDS}
        if change:
            services.update_fund(obj, by=request.user, **data)
        else:
            fund = services.create_fund(unit=form.cleaned_data["unit"], by=request.user, **data)
            obj.pk, obj.created_at = fund.pk, fund.created_at
            obj._state.adding = False

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return HttpResponseRedirect(request.get_full_path())


class PurposeFilter(admin.SimpleListFilter):
    title = _("restricted to")
    parameter_name = "purpose"

    def lookups(self, request, model_admin):
        purposes = (
            LedgerEntry.objects.exclude(purpose="")
            .order_by("purpose")
            .values_list("purpose", flat=True)
            .distinct()
        )
        return [("-", _("free to use")), *((p, p) for p in purposes)]

    def queryset(self, request, queryset):
        value = self.value()
        if value is None:
            return queryset
        return queryset.filter(purpose="" if value == "-" else value)


class YearFilter(admin.SimpleListFilter):
    title = _("year")
    parameter_name = "year"

    def lookups(self, request, model_admin):
        years = LedgerEntry.objects.dates("occurred_on", "year", order="DESC")
        return [(str(day.year), str(day.year)) for day in years]

    def queryset(self, request, queryset):
        value = self.value()
        if value is None:
            return queryset
        if not (value.isascii() and value.isdigit() and len(value) == 4):
            return queryset.none()
        return queryset.filter(occurred_on__year=int(value))


@admin.register(LedgerEntry)
class LedgerEntryAdmin(ReadOnlyMixin, FoldedSearchMixin, admin.ModelAdmin):
    list_display = [
        "occurred_on",
        "receipt",
        "fund",
        "kind",
        "signed",
        "purpose_shown",
        "description",
        "standing",
    ]
    list_display_links = ["occurred_on", "receipt"]
    list_filter = ["fund", "kind", PurposeFilter, YearFilter]
    list_select_related = ["fund", "recorded_by", "reversed_by", "reverses"]
    list_per_page = 50
    date_hierarchy = None
    search_fields = ["description"]
    fold_in_python = ["description"]
    search_help_text = _(
        "Words of the description (with or without diacritics) or a receipt number (2024/000123)."
    )
    ordering = ["-occurred_on", "-recorded_at", "-pk"]
    actions = ["reverse_selected"]
    fields = [
        "fund",
        "kind",
        "signed",
        "purpose",
        "description",
        "occurred_on",
        "receipt",
        "donation_link",
        "reverses_link",
        "reversed_by_link",
        "reason",
        "recorded_by",
        "recorded_at",
    ]
    readonly_fields = fields

    class Media:
        css = {"all": ADMIN_CSS}

    def get_search_results(self, request, queryset, search_term):
        found, duplicates = super().get_search_results(request, queryset, search_term)
        condition = receipt_condition(search_term)
        if condition is not None:
            found = found | queryset.filter(condition)
        return found, duplicates

    # --- columns -----------------------------------------------------------------------

    @admin.display(description=_("receipt"), ordering="receipt_number")
    def receipt(self, entry):
        if entry.receipt_number is None:
            return "—"
        return f"{entry.receipt_year}/{entry.receipt_number:06d}"

    @admin.display(description=_("amount"), ordering="amount")
    def signed(self, entry):
        css = "amount amount--in" if entry.direction == Direction.IN else "amount amount--out"
        return format_html('<span class="{}">{}</span>', css, vnd(entry.signed_amount))

    @admin.display(description=_("restricted to"), ordering="purpose")
    def purpose_shown(self, entry):
        return entry.purpose or "—"

    @admin.display(description=_("standing"))
    def standing(self, entry):
        reversal = _reversal_of(entry)
        if reversal is not None:
            return format_html('<span class="badge badge--danger">{}</span>', gettext("reversed"))
        if entry.kind == EntryKind.REVERSAL:
            return format_html('<span class="badge badge--info">{}</span>', gettext("reversal"))
        return format_html('<span class="badge badge--ok">{}</span>', gettext("stands"))

    @admin.display(description=_("donation"))
    def donation_link(self, entry):
        donation = getattr(entry, "donation", None)
        if donation is None:
            return "—"
        url = reverse("admin:scholarships_donation_change", args=[donation.pk])
        return format_html('<a href="{}">{}</a>', url, donation)

    @admin.display(description=_("reverses"))
    def reverses_link(self, entry):
        return _entry_link(entry.reverses)

    @admin.display(description=_("reversed by"))
    def reversed_by_link(self, entry):
        return _entry_link(_reversal_of(entry))

    # --- the reversal ------------------------------------------------------------------

    def may_reverse(self, request, entry) -> bool:
        return (
            handles_money(request, entry.fund.unit)
            and entry.kind != EntryKind.REVERSAL
            and _reversal_of(entry) is None
        )

    def has_reverse_permission(self, request):
        return handles_money(request)

    @admin.action(
        description=_("Reverse the selected entry, with a reason"), permissions=["reverse"]
    )
    def reverse_selected(self, request, queryset):
        selected = list(queryset.order_by()[:2])
        if len(selected) != 1:
            self.message_user(
                request, gettext("Select one entry to reverse at a time."), messages.WARNING
            )
            return None
        return HttpResponseRedirect(
            reverse("admin:scholarships_ledgerentry_reverse", args=[selected[0].pk])
        )

    def get_urls(self):
        return [
            path(
                "<id:object_id>/reverse/",
                self.admin_site.admin_view(self.reverse_view),
                name="scholarships_ledgerentry_reverse",
            ),
            *super().get_urls(),
        ]

    def reverse_view(self, request, object_id):
        entry = (
            LedgerEntry.objects.select_related("fund__unit", "reversed_by")
            .filter(pk=object_id)
            .first()
        )
        if entry is None:
            raise Http404
        if not handles_money(request, entry.fund.unit):
            raise PermissionDenied
        page = reverse("admin:scholarships_ledgerentry_change", args=[entry.pk])
        if not self.may_reverse(request, entry):
            self.message_user(
                request,
                gettext("A reversal, or an entry already reversed, is not reversed again."),
                messages.WARNING,
            )
            return HttpResponseRedirect(page)
        form_options = {
            "label": _("Why the entry is reversed"),
            "help_text": _("Kept with the reversing entry and shown beside both entries."),
        }
        if request.method == "POST":
            form = ReasonForm(request.POST, **form_options)
            if form.is_valid():
                try:
                    made = services.reverse(
                        entry, by=request.user, reason=form.cleaned_data["reason"]
                    )
                except ValidationError as error:
                    form.add_error(None, error)
                else:
                    self.message_user(
                        request,
                        gettext("The entry was reversed: %(entry)s") % {"entry": made},
                        messages.SUCCESS,
                    )
                    return HttpResponseRedirect(page)
        else:
            form = ReasonForm(**form_options)
        return confirmation_page(
            self,
            request,
            "admin/scholarships/ledgerentry/reverse.html",
            {"title": gettext("Reverse this entry"), "entry": entry, "form": form, "page": page},
        )

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            context["reverse_url"] = (
                reverse("admin:scholarships_ledgerentry_reverse", args=[obj.pk])
                if self.may_reverse(request, obj)
                else None
            )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "POST":
            raise PermissionDenied  # nothing of an entry is ever changed
        return super().change_view(request, object_id, form_url, extra_context)


def _reversal_of(entry):
    try:
        return entry.reversed_by
    except LedgerEntry.DoesNotExist:
        return None


def _entry_link(entry):
    if entry is None:
        return "—"
    url = reverse("admin:scholarships_ledgerentry_change", args=[entry.pk])
    return format_html('<a href="{}">{}</a>', url, entry)
