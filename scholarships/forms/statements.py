"""The statement import's two forms: the upload (the file, and its layout or a column
mapping), and the confirmation (what to do with each credit the preview shows)."""

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from common.spreadsheets.limits import too_large
from common.spreadsheets.reading import MAX_BYTES
from common.strict import StrictModelChoiceField, parse_int
from common.text import trimmed
from scholarships.models import Donor, DonorKind
from scholarships.statements import (
    LAYOUTS,
    MAPPING,
    MATCHED,
    RECORDED,
    THOUSANDS,
    Confirmed,
    mapping_layout,
)

MAX_HEADER_ROW = 1000
_MAPPED = ("header_row", "date_column", "credit_column", "description_column")


class StatementUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("The statement file"),
        help_text=gettext_lazy("The .xlsx or .csv file the bank's internet banking exports."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )
    layout = forms.ChoiceField(
        label=gettext_lazy("The bank's layout"),
        choices=[*((layout.key, layout.label) for layout in LAYOUTS.values()),
                 (MAPPING, gettext_lazy("Another bank: I say which column is which (below)"))],
        initial="vietcombank",
        widget=forms.RadioSelect,
    )  # fmt: skip
    header_row = forms.CharField(
        label=gettext_lazy("Line of the column names"),
        required=False,
        max_length=4,
        help_text=gettext_lazy("The line number Excel shows, e.g. 7."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "size": 4}),
    )
    date_column = forms.CharField(
        label=gettext_lazy("Column of the day"), required=False, max_length=100
    )
    credit_column = forms.CharField(
        label=gettext_lazy("Column of the money in (credit)"), required=False, max_length=100
    )
    description_column = forms.CharField(
        label=gettext_lazy("Column of the description"), required=False, max_length=100
    )
    reference_column = forms.CharField(
        label=gettext_lazy("Column of the bank's transaction number (if any)"),
        required=False,
        max_length=100,
    )
    thousands = forms.ChoiceField(
        label=gettext_lazy("Amounts are written"),
        choices=list(THOUSANDS.items()),
        initial=".",
        widget=forms.RadioSelect,
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise ValidationError(too_large(MAX_BYTES).message, code="too_large")
        return upload

    def clean_header_row(self):
        text = self.cleaned_data["header_row"].strip()
        if not text:
            return None
        number = parse_int(text, minimum=1, maximum=MAX_HEADER_ROW)
        if number is None:
            raise ValidationError(
                _("Write the line number as a whole number from 1 to %(max)s.")
                % {"max": MAX_HEADER_ROW}
            )
        return number

    def clean(self):
        data = super().clean()
        if data.get("layout") == MAPPING:
            for name in _MAPPED:
                value = data.get(name)
                if value in (None, "") and name not in self.errors:
                    self.add_error(name, _("Needed when you map the columns yourself."))
        return data

    def spec(self) -> dict:
        """The layout chosen, as the signed token carries it to the confirmation."""
        data = self.cleaned_data
        if data["layout"] != MAPPING:
            return {"key": data["layout"]}
        return {
            "key": MAPPING,
            "header_row": data["header_row"],
            "date": trimmed(data["date_column"]),
            "credit": trimmed(data["credit_column"]),
            "description": trimmed(data["description_column"]),
            "reference": trimmed(data["reference_column"]),
            "thousands": data["thousands"],
        }


def layout_of(spec: dict):
    """The Layout a spec (StatementUploadForm.spec) names; KeyError or ValueError if none."""
    if spec["key"] != MAPPING:
        return LAYOUTS[spec["key"]]
    return mapping_layout(
        header_row=int(spec["header_row"]),
        date=str(spec["date"]),
        credit=str(spec["credit"]),
        description=str(spec["description"]),
        reference=str(spec.get("reference") or ""),
        thousands=str(spec["thousands"]),
    )


# --- the confirmation ------------------------------------------------------------------------

PLEDGE, DONOR, NEW, SKIP = "pledge", "donor", "new", "skip"


def fund_donors(fund):
    """The donors a treasurer may pick for a credit: those who gave to the fund or pledged."""
    return (
        Donor.objects.filter(Q(donations__fund=fund) | Q(pledges__fund=fund))
        .distinct()
        .order_by("name", "pk")
    )


class StatementConfirmForm(forms.Form):
    """One choice for each credit not already recorded: pay the matched pledge, give it to
    an existing donor, to a new donor, or leave it out."""

    token = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, proposals, donors, **kwargs):
        super().__init__(*args, **kwargs)
        self.proposals = proposals
        self.lines = []
        for proposal in proposals:
            row = proposal.credit.row
            if proposal.status == RECORDED:
                self.lines.append({"proposal": proposal})
                continue
            if proposal.status == MATCHED:
                choices = [(PLEDGE, _("Record it as paying pledge %(reference)s")
                            % {"reference": proposal.reference})]  # fmt: skip
            else:
                choices = []
            choices += [
                (DONOR, _("Record it as given by a donor already known")),
                (NEW, _("Record it as given by a new donor")),
                (SKIP, _("Leave it out")),
            ]
            self.fields[f"choice_{row}"] = forms.ChoiceField(
                label=_("Line %(line)s") % {"line": row},
                choices=choices,
                initial=PLEDGE if proposal.status == MATCHED else SKIP,
                widget=forms.RadioSelect,
            )
            self.fields[f"donor_{row}"] = StrictModelChoiceField(
                label=_("Donor"), queryset=donors, required=False
            )
            self.fields[f"name_{row}"] = forms.CharField(
                label=_("New donor's name"), max_length=200, required=False
            )
            self.fields[f"kind_{row}"] = forms.ChoiceField(
                label=_("Kind of donor"),
                choices=[("", "—"), *DonorKind.choices],
                required=False,
            )
            self.lines.append({
                "proposal": proposal,
                "choice": self[f"choice_{row}"],
                "donor": self[f"donor_{row}"],
                "name": self[f"name_{row}"],
                "kind": self[f"kind_{row}"],
            })  # fmt: skip

    def clean(self):
        data = super().clean()
        for proposal in self.proposals:
            row = proposal.credit.row
            choice = data.get(f"choice_{row}")
            if choice == DONOR and not data.get(f"donor_{row}"):
                self.add_error(f"donor_{row}", _("Choose the donor."))
            if choice == NEW:
                if not trimmed(data.get(f"name_{row}") or ""):
                    self.add_error(f"name_{row}", _("Write the new donor's name."))
                if not data.get(f"kind_{row}"):
                    self.add_error(f"kind_{row}", _("Say what kind of donor it is."))
        return data

    def confirmed(self) -> list:
        """What the service records: every credit to record, and the already recorded ones
        (which it skips and counts)."""
        out = []
        for proposal in self.proposals:
            credit, row = proposal.credit, proposal.credit.row
            if proposal.status == RECORDED:
                out.append(Confirmed(credit))
                continue
            choice = self.cleaned_data[f"choice_{row}"]
            if choice == PLEDGE:
                out.append(Confirmed(credit, pledge=proposal.pledge))
            elif choice == DONOR:
                out.append(Confirmed(credit, donor=self.cleaned_data[f"donor_{row}"]))
            elif choice == NEW:
                out.append(
                    Confirmed(
                        credit,
                        new_name=trimmed(self.cleaned_data[f"name_{row}"]),
                        new_kind=self.cleaned_data[f"kind_{row}"],
                    )
                )
        return out
