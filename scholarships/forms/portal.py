"""Forms of the treasurers' pages: a donation, a pledge, a reason (reversing an entry,
cancelling a pledge). They only turn what was typed into values; the rules (the amount's
range, a pledge of the same donor, restricted money) are the services', whose refusals are
put back on the form (`add_service_errors`)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.formatting import in_portal_formats
from common.money import MoneyField
from common.phones import PhoneFormField
from common.strict import StrictModelChoiceField
from organizations.forms import VisibleTextField
from scholarships.models import DonorKind, Method, PublicDisplay

EXISTING, NEW = "existing", "new"
DAY_INPUT = forms.DateInput(format="%d/%m/%Y", attrs={"inputmode": "numeric", "size": 12})
DAY_FORMATS = ["%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y"]


def add_service_errors(form, error: ValidationError):
    """A service's ValidationError on `form`: by field where the form has it, else on top."""
    error = in_portal_formats(error)
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        form.add_error(name if name in form.fields else None, errors)


class _Choice(StrictModelChoiceField):
    def label_from_instance(self, obj):
        return self.labeller(obj) if getattr(self, "labeller", None) else str(obj)


class DonorFields(forms.Form):
    """Who gives: a donor already on record, or a new one with their choice of how they
    appear in public (anonymous unless they say otherwise)."""

    donor_choice = forms.ChoiceField(
        label=_("The donor is"),
        choices=[(EXISTING, _("a donor already on record")), (NEW, _("a new donor"))],
        widget=forms.RadioSelect,
        initial=NEW,
    )
    donor = _Choice(
        label=_("Donor's name"),
        queryset=None,
        required=False,
        empty_label=_("Choose a donor"),
    )
    kind = forms.ChoiceField(label=_("Kind of donor"), choices=DonorKind.choices, required=False)
    name = VisibleTextField(
        label=_("Name"),
        max_length=200,
        required=False,
        help_text=_("The person's full name, or the organisation's or business's name."),
    )
    public_display = forms.ChoiceField(
        label=_("Shown in public as"),
        choices=PublicDisplay.choices,
        initial=PublicDisplay.ANONYMOUS,
        widget=forms.RadioSelect,
        required=False,
        help_text=_(
            "Ask the donor. The fund's public pages show the gift with the name and amount, "
            "with the name only, or as from an anonymous donor (“Nhà hảo tâm giấu tên”). "
            "Silence is not consent: without a clear answer, keep “anonymous”. The receipt "
            "and the treasurers' pages always show the real name."
        ),
    )
    address = VisibleTextField(label=_("Address"), max_length=300, required=False)
    phone = PhoneFormField(label=_("Phone"), required=False)
    email = forms.EmailField(label=_("E-mail"), required=False, max_length=254)

    NEW_DONOR = ("kind", "name", "public_display", "address", "phone", "email")

    def __init__(self, *args, donors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["donor"].queryset = donors.order_by("name", "pk")
        self.fields["email"].help_text = _(
            "Private, like the address and phone: only the fund's treasurers and staff see "
            "them. Needed for a pledge's reminders."
        )

    def clean(self):
        data = super().clean()
        if data.get("donor_choice") == EXISTING:
            if not data.get("donor") and "donor" not in self.errors:
                self.add_error("donor", _("Choose the donor, or record a new one."))
        elif data.get("donor_choice") == NEW:
            if not data.get("kind") and "kind" not in self.errors:
                self.add_error("kind", _("Say what kind of donor this is."))
            if not data.get("name") and "name" not in self.errors:
                self.add_error("name", _("Write the donor's name."))
        return data

    def new_donor(self) -> dict | None:
        """The new donor's details, or None when an existing donor was chosen."""
        if self.cleaned_data.get("donor_choice") != NEW:
            return None
        details = {name: self.cleaned_data.get(name) or "" for name in self.NEW_DONOR}
        details["public_display"] = details["public_display"] or PublicDisplay.ANONYMOUS
        return details


class _Links(forms.Form):
    purpose = VisibleTextField(
        label=_("Restricted to a purpose"),
        max_length=200,
        required=False,
        help_text=_(
            "Only when the donor named what the money is for (e.g. “Học bổng Hoa Phượng "
            "Đỏ”): it may then be spent on that purpose only. Leave empty for money the fund "
            "may use freely."
        ),
        widget=forms.TextInput(attrs={"list": "fund-purposes", "autocomplete": "off"}),
    )
    activity = _Choice(
        label=_("Raised at the fundraising activity"),
        queryset=None,
        required=False,
        empty_label=_("none"),
        help_text=_("The activity's results then show the money from the fund's books."),
    )

    def __init__(self, *args, activities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["activity"].queryset = activities
        self.fields["activity"].labeller = lambda activity: (
            f"{activity.title} · {activity.organizer.name} · {activity.starts_on:%d/%m/%Y}"
        )


class DonationForm(DonorFields, _Links):
    amount = MoneyField(
        label=_("Amount"),
        required=True,
        help_text=_("In đồng: 1.500.000, 1500000 or 1,5 triệu. For a gift in kind, its value."),
    )
    method = forms.ChoiceField(
        label=_("How it was given"),
        choices=Method.choices,
        initial=Method.CASH,
        widget=forms.RadioSelect,
    )
    in_kind = VisibleTextField(
        label=_("What was given in kind"),
        max_length=300,
        required=False,
        help_text=_("For a gift in kind only: e.g. “50 bộ sách giáo khoa lớp 6”."),
    )
    occurred_on = forms.DateField(
        label=_("Date of the gift"), widget=DAY_INPUT, input_formats=DAY_FORMATS
    )
    pledge = _Choice(
        label=_("Pays the pledge"),
        queryset=None,
        required=False,
        empty_label=_("none"),
        help_text=_("When the gift pays (wholly or in part) an open pledge of the same donor."),
    )

    field_order = [
        "donor_choice", "donor", "kind", "name", "public_display", "address", "phone",
        "email", "amount", "method", "in_kind", "occurred_on", "purpose", "pledge",
        "activity",
    ]  # fmt: skip

    def __init__(self, *args, pledges, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["occurred_on"].initial = timezone.localdate()
        self.fields["pledge"].queryset = pledges
        self.fields["pledge"].labeller = lambda pledge: f"{pledge.reference} · {pledge.donor}"

    def clean(self):
        data = super().clean()
        if data.get("method") == Method.IN_KIND and not data.get("in_kind"):
            self.add_error("in_kind", _("Say what was given in kind."))
        return data


class PledgeForm(DonorFields, _Links):
    amount = MoneyField(
        label=_("Amount pledged"),
        required=True,
        help_text=_("In đồng: 1.500.000, 1500000 or 1,5 triệu."),
    )
    due_on = forms.DateField(label=_("Due by"), widget=DAY_INPUT, input_formats=DAY_FORMATS)
    note = VisibleTextField(
        label=_("Note"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    field_order = [
        "donor_choice", "donor", "kind", "name", "public_display", "address", "phone",
        "email", "amount", "due_on", "purpose", "activity", "note",
    ]  # fmt: skip


class ReasonForm(forms.Form):
    reason = VisibleTextField(
        label=_("Reason"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Write the reason: it stays in the books.")},
    )


class DonorSearchForm(forms.Form):
    """The donor search above the form (a GET): narrows the list of donors on record."""

    find = VisibleTextField(label=_("Find a donor on record"), max_length=100, required=False)
