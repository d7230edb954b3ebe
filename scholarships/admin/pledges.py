"""Pledges in the admin: read-only (a pledge is recorded in the portal, and paid by the
donations that name it), with what has been paid and what is left, the overdue ones
marked, and two actions for treasurers: cancel with a reason (services.cancel_pledge) and
send a reminder by e-mail (services.remind)."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from common.admin_history import PortalHistoryMixin
from scholarships import selectors, services
from scholarships.models import Donation, Pledge, PledgeState

from .shared import (
    ADMIN_CSS,
    FoldedSearchMixin,
    ReadOnlyInline,
    ReadOnlyMixin,
    ReasonForm,
    confirmation_page,
    handles_money,
    vnd,
)


class PaymentInline(ReadOnlyInline):
    model = Donation
    fk_name = "pledge"
    fields = ["receipt", "amount", "method", "recorded_at"]
    readonly_fields = fields
    verbose_name = _("payment")
    verbose_name_plural = _("payments")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("fund", "entry", "donor")

    @admin.display(description=_("receipt"))
    def receipt(self, donation):
        return donation.receipt_label

    @admin.display(description=_("amount"))
    def amount(self, donation):
        return vnd(donation.entry.amount)


class OverdueFilter(admin.SimpleListFilter):
    title = _("payment")
    parameter_name = "payment"

    def lookups(self, request, model_admin):
        return [
            ("overdue", _("overdue")),
            ("due", _("not yet due")),
            ("paid", _("paid in full")),
        ]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        unpaid = queryset.filter(state=PledgeState.OPEN, paid__lt=F("amount"))
        match self.value():
            case "overdue":
                return unpaid.filter(due_on__lt=today)
            case "due":
                return unpaid.filter(due_on__gte=today)
            case "paid":
                return queryset.filter(paid__gte=F("amount"))
        return queryset


@admin.register(Pledge)
class PledgeAdmin(ReadOnlyMixin, FoldedSearchMixin, PortalHistoryMixin, admin.ModelAdmin):
    list_display = [
        "transfer_reference",
        "donor",
        "fund",
        "pledged",
        "paid_shown",
        "left",
        "due_on",
        "standing",
    ]
    list_filter = [OverdueFilter, "state", "fund", "year"]
    list_select_related = ["donor", "fund"]
    list_per_page = 50
    search_fields = ["=number"]
    fold_in_python = ["donor__name", "purpose", "note"]
    search_help_text = _(
        "The pledge's number, the donor's name or the purpose (with or without diacritics)."
    )
    actions = ["cancel_selected", "remind_selected"]
    inlines = [PaymentInline]
    fields = [
        "transfer_reference",
        "fund",
        "donor",
        "pledged",
        "paid_shown",
        "left",
        "due_on",
        "purpose",
        "campaign",
        "activity",
        "note",
        "standing",
        "cancel_reason",
        "last_reminded_at",
        "created_by",
        "created_at",
    ]
    readonly_fields = fields

    class Media:
        css = {"all": ADMIN_CSS}

    @admin.display(description=_("Transfer reference"), ordering="number")
    def transfer_reference(self, pledge):
        return pledge.reference

    def get_queryset(self, request):
        return selectors.with_paid(
            super()
            .get_queryset(request)
            .select_related(*self.list_select_related, "campaign", "activity", "created_by")
        )

    def get_search_results(self, request, queryset, search_term):
        found, duplicates = super().get_search_results(request, queryset, search_term)
        parts = search_term.split()
        # A transfer reference as the donor wrote it: "QKH 2024 000012".
        if (
            len(parts) == 3
            and all(part.isascii() and part.isalnum() for part in parts)
            and len(parts[1]) == 4
            and parts[1].isdigit()
            and parts[2].isdigit()
            and len(parts[2]) <= 9
        ):
            found = found | queryset.filter(
                fund__reference_prefix=parts[0].upper(),
                year=int(parts[1]),
                number=int(parts[2]),
            )
        return found, duplicates

    @admin.display(description=_("pledged"), ordering="amount")
    def pledged(self, pledge):
        return format_html('<span class="amount">{}</span>', vnd(pledge.amount))

    @admin.display(description=_("paid"), ordering="paid")
    def paid_shown(self, pledge):
        return format_html('<span class="amount">{}</span>', vnd(pledge.paid))

    @admin.display(description=_("left to pay"))
    def left(self, pledge):
        return format_html(
            '<span class="amount">{}</span>', vnd(max(pledge.amount - pledge.paid, 0))
        )

    @admin.display(description=_("state"), ordering="state")
    def standing(self, pledge):
        if pledge.state == PledgeState.CANCELLED:
            label, tone = gettext("cancelled"), "info"
        elif pledge.paid >= pledge.amount:
            label, tone = gettext("paid in full"), "ok"
        elif pledge.due_on < timezone.localdate():
            label, tone = gettext("overdue"), "danger"
        elif pledge.paid:
            label, tone = gettext("paid in part"), "warn"
        else:
            label, tone = gettext("open"), "warn"
        return format_html('<span class="badge badge--{}">{}</span>', tone, label)

    # --- actions -----------------------------------------------------------------------

    def has_handle_money_permission(self, request):
        return handles_money(request)

    @admin.action(
        description=_("Cancel the selected pledges, with a reason"),
        permissions=["handle_money"],
    )
    def cancel_selected(self, request, queryset):
        targets = list(queryset.filter(state=PledgeState.OPEN))
        options = {
            "label": _("Why the pledges are cancelled"),
            "help_text": _("Kept in each pledge's history. What was paid stays in the ledger."),
        }
        if "confirm" in request.POST:
            form = ReasonForm(request.POST, **options)
            if form.is_valid():
                done = self._each(
                    request,
                    targets,
                    lambda pledge: services.cancel_pledge(
                        pledge, by=request.user, reason=form.cleaned_data["reason"]
                    ),
                )
                if done:
                    self.message_user(
                        request,
                        ngettext(
                            "%(count)d pledge was cancelled.",
                            "%(count)d pledges were cancelled.",
                            done,
                        )
                        % {"count": done},
                        messages.SUCCESS,
                    )
                return None
        else:
            form = ReasonForm(**options)
        return confirmation_page(
            self,
            request,
            "admin/scholarships/pledge/cancel.html",
            {
                "title": gettext("Cancel pledges"),
                "targets": targets,
                "form": form,
                "selected": queryset.values_list("pk", flat=True),
            },
        )

    @admin.action(
        description=_("Send the selected pledgers a reminder by e-mail"),
        permissions=["handle_money"],
    )
    def remind_selected(self, request, queryset):
        done = self._each(
            request,
            list(queryset.select_related("donor")),
            lambda pledge: services.remind(pledge, by=request.user),
        )
        if done:
            self.message_user(
                request,
                ngettext(
                    "%(count)d reminder will be sent.",
                    "%(count)d reminders will be sent.",
                    done,
                )
                % {"count": done},
                messages.SUCCESS,
            )

    def _each(self, request, pledges, act) -> int:
        done = 0
        for pledge in pledges:
            try:
                act(pledge)
            except PermissionDenied:
                messages.error(request, f"{pledge}: " + gettext("not allowed"))
            except ValidationError as error:
                messages.error(request, f"{pledge}: " + " ".join(error.messages))
            else:
                done += 1
        return done
