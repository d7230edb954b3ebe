"""The public receipt check's query string: a receipt number and its check code."""

from django import forms
from django.utils.translation import gettext_lazy as _

from organizations.forms import VisibleTextField


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
