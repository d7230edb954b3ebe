"""What the fund's admin pages share: no deletion, read-only records, diacritic-blind
search, amounts written as 1.500.000 ₫ and the pages that ask for a reason before acting."""

from django import forms
from django.contrib import admin
from django.db.models import Q
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from common.money import format_vnd
from common.text import fold, refuse_control_characters
from organizations import permissions
from scholarships.permissions import HANDLE_MONEY

# The badges and the history table are the campaigns admin's; amounts and balances are ours.
ADMIN_CSS = ["css/admin/campaigns.css", "css/admin/scholarships.css"]


class NoDeleteMixin:
    """Nobody deletes the fund's records, the superuser included: no delete button, no
    delete page, no "delete selected" action."""

    def has_delete_permission(self, request, obj=None):
        return False

    def get_actions(self, request, action_location=admin.ActionLocation.CHANGE_LIST):
        actions = super().get_actions(request, action_location)
        actions.pop("delete_selected", None)
        return actions


class ReadOnlyMixin(NoDeleteMixin):
    """A record written only by the services: shown, never added or changed here."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class ReadOnlyInline(ReadOnlyMixin, admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = True


def handles_money(request, unit=None) -> bool:
    """Whether the person may record or correct money (of `unit`'s fund, when named)."""
    return permissions.can(request.user, HANDLE_MONEY, unit)


def vnd(amount) -> str:
    return format_vnd(amount)


class FoldedSearchMixin:
    """Search without regard to diacritics: "cang hai phong" finds "Cảng Hải Phòng".

    `search_fields` are searched as Django does; besides, each word of the folded query
    must be in one of `fold_in_python`'s values (folded here, over the list already
    narrowed by its filters: one query whatever the number of rows found)."""

    fold_in_python = ()

    def get_search_results(self, request, queryset, search_term):
        found, duplicates = super().get_search_results(request, queryset, search_term)
        words = fold(search_term).split()
        if not words or not self.fold_in_python:
            return found, duplicates
        pks = [
            row[0]
            for row in queryset.order_by().values_list("pk", *self.fold_in_python)
            if all(any(word in fold(str(v or "")) for v in row[1:]) for word in words)
        ]
        return found | queryset.filter(pk__in=pks), duplicates


def receipt_condition(term: str, field: str = "") -> Q | None:
    """A receipt's number as typed in a search ("2024/000123", "2024/123" or "123"): the
    condition on `field`'s receipt_year and receipt_number, or None."""
    prefix = f"{field}__" if field else ""
    term = term.strip()
    year, _slash, number = term.rpartition("/")
    if not number.isascii() or not number.isdigit() or len(number) > 9:
        return None
    condition = Q(**{f"{prefix}receipt_number": int(number)})
    if year:
        if not (year.isascii() and year.isdigit() and len(year) == 4):
            return None
        condition &= Q(**{f"{prefix}receipt_year": int(year)})
    return condition


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        validators=[refuse_control_characters],
    )

    def __init__(self, *args, label=None, help_text="", **kwargs):
        super().__init__(*args, **kwargs)
        if label:
            self.fields["reason"].label = label
        self.fields["reason"].help_text = help_text


def confirmation_page(model_admin, request, template, context):
    """An admin page that asks before an action acts (templates/admin/action_page.html)."""
    request.current_app = model_admin.admin_site.name
    return TemplateResponse(
        request,
        template,
        {
            **model_admin.admin_site.each_context(request),
            "opts": model_admin.model._meta,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            **context,
        },
    )
