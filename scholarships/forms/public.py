"""The public pages' forms: the amount a giver types on a fund's giving page (to get a VietQR
code with the amount filled in), and the receipt check's number and check code."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from common.money import MoneyField
from organizations.forms import VisibleTextField
from scholarships import vietqr


class GiveForm(forms.Form):
    amount = MoneyField(
        label=_("Amount you wish to give"),
        help_text=_(
            "For example 500.000, 2 triệu or 1,5 triệu. Leave it empty to type it in the app."
        ),
    )

    def clean_amount(self):
        amount = self.cleaned_data["amount"]
        if amount is None:
            return None
        if amount <= 0:
            raise ValidationError(_("The amount must be more than 0 ₫."))
        if amount >= vietqr.MAX_AMOUNT:
            raise ValidationError(_("The amount is too large for a bank transfer code."))
        return amount


class ReceiptCheckForm(forms.Form):
    number = VisibleTextField(
        label=_("Receipt number"),
        max_length=20,
        help_text=_("As printed on the receipt, e.g. 2024/000123."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )
    code = VisibleTextField(
        label=_("Check code"),
        max_length=12,
        help_text=_("The six letters and digits printed beside the number."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )
