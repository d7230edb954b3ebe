"""The fund's donations and ledger as django-import-export sees them.

- **Import** (`DonationImportResource`): a unit's donation list, through the library's own
  flow (the admin's upload, preview and confirmation, scholarships.admin.imports; the
  portal's task, scholarships.tasks). The whole file is checked before anything is written
  (`before_import`: scholarships.donation_rows), `import_row` gives each line the outcome
  found for it, and `after_import` records every row in one transaction through
  `services.donate_many`, only when no row is wrong and not on a dry run: a file with one
  bad row records nothing, and every problem is named by its line and column.
- **Exports** (`LedgerEntryResource`, `DonationResource`): the fund's books for its
  treasurers and the association's staff, written as text (common.spreadsheets.writing).
  The donors' address, phone and e-mail are in the donations export only when asked for
  (`private=True`), which the portal does for treasurers and staff alone; no public page
  offers either export.
"""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from import_export import resources
from import_export.fields import Field
from import_export.results import Result, RowResult
from import_export.widgets import DateWidget, IntegerWidget

from common.formatting import format_moment
from common.spreadsheets import formats
from common.spreadsheets.reading import ImportReport
from scholarships import donation_rows
from scholarships.donation_rows import REQUIRED, RowChecker
from scholarships.models import Donation, LedgerEntry

_DAY = DateWidget(format="%d/%m/%Y")
_WHOLE = IntegerWidget(coerce_to_string=False)


def _import_formats():
    return [
        type(f"{base.__name__}DonationImport", (base,), {"required_columns": REQUIRED})
        for base in (formats.CSV, formats.XLSX)
    ]


IMPORT_FORMATS = _import_formats()


class DonationImportResult(Result):
    """The library's result, with the import's report and what was recorded."""

    report = None
    recorded = None


def _row_error(errors):
    by_column = {}
    for error in errors:
        by_column.setdefault(error.column or NON_FIELD_ERRORS, []).append(error.message)
    return ValidationError(by_column)


class DonationImportResource(resources.ModelResource):
    """One donation list for one fund, imported whole or not at all.

    `fund` is the fund the rows go to; `progress(done, total)` (optional) hears how many
    rows have been checked, `writing()` (optional) that the checks passed and the rows are
    being recorded. Both are how the portal's task shows its progress.
    """

    day = Field(attribute="entry__occurred_on", column_name=donation_rows.DAY)
    donor = Field(attribute="donor__name", column_name=donation_rows.DONOR)

    class Meta:
        model = Donation
        fields = ("day", "donor")
        use_transactions = True
        skip_diff = True

    def __init__(self, *, fund=None, progress=None, writing=None, **kwargs):
        super().__init__(**kwargs)
        self.fund, self.progress, self.writing = fund, progress, writing
        self.report, self.planned, self._errors = ImportReport(), [], {}

    def get_result_class(self):
        return DonationImportResult

    def before_import(self, dataset, **kwargs):
        self.report, self._errors, self.planned = ImportReport(), {}, []
        self.report.dry_run = kwargs.get("dry_run", True)
        if self.fund is None:
            raise ValidationError(gettext("Choose the fund the donations go to."))
        total = len(dataset)
        progress = None
        if self.progress is not None:
            self.progress(0, total)

            def progress(done):
                self.progress(done, total)

        checker = RowChecker(self.fund, self.report)
        self.planned = checker.rows(dataset, progress=progress)
        self.report.created = len(self.planned)
        for error in self.report.sorted_errors():
            self._errors.setdefault(error.line, []).append(error)

    def import_row(self, row, instance_loader, **kwargs):
        # Checked with the whole file in before_import: the row only gets its outcome here.
        line = kwargs["row_number"] + 1  # the dataset's first row is the sheet's line 2
        row_result = RowResult()
        if line in self._errors:
            row_result.import_type = RowResult.IMPORT_TYPE_INVALID
            row_result.validation_error = _row_error(self._errors[line])
        elif self.report.ok and any(row.values()):
            row_result.import_type = RowResult.IMPORT_TYPE_NEW
        else:
            row_result.import_type = RowResult.IMPORT_TYPE_SKIP
        return row_result

    def after_import(self, dataset, result, **kwargs):
        from scholarships import services

        result.report = self.report
        rows = range(2, len(dataset) + 2)
        for line, errors in self._errors.items():
            if line not in rows:  # about the file as a whole
                result.append_invalid_row(line, {}, _row_error(errors))
        if self.report.ok and self.planned and not kwargs.get("dry_run", True):
            if self.writing is not None:
                self.writing()
            result.recorded = services.donate_many(
                self.fund,
                self.planned,
                by=kwargs.get("user"),
                file_name=kwargs.get("file_name", ""),
            )


# --- exports ---------------------------------------------------------------------------


class LedgerEntryResource(resources.ModelResource):
    """Every entry of a fund's ledger, in the order it was recorded (export only)."""

    id = Field(attribute="id", column_name=_("entry"))
    occurred_on = Field(attribute="occurred_on", column_name=_("date"), widget=_DAY)
    kind = Field(column_name=_("kind"))
    receipt = Field(column_name=_("receipt"))
    money_in = Field(column_name=_("money in (VND)"), widget=_WHOLE)
    money_out = Field(column_name=_("money out (VND)"), widget=_WHOLE)
    purpose = Field(attribute="purpose", column_name=_("restricted to"))
    description = Field(attribute="description", column_name=_("description"))
    reverses = Field(attribute="reverses_id", column_name=_("reverses entry"))
    reason = Field(attribute="reason", column_name=_("reason"))
    recorded_by = Field(column_name=_("recorded by"))
    recorded_at = Field(column_name=_("recorded"))

    class Meta:
        model = LedgerEntry
        fields = (
            "id",
            "occurred_on",
            "kind",
            "receipt",
            "money_in",
            "money_out",
            "purpose",
            "description",
            "reverses",
            "reason",
            "recorded_by",
            "recorded_at",
        )
        export_order = fields

    def dehydrate_kind(self, entry):
        return str(entry.get_kind_display())

    def dehydrate_receipt(self, entry):
        if entry.receipt_number is None:
            return ""
        return f"{entry.receipt_year}/{entry.receipt_number:06d}"

    def dehydrate_money_in(self, entry):
        return entry.amount if entry.direction > 0 else None

    def dehydrate_money_out(self, entry):
        return entry.amount if entry.direction < 0 else None

    def dehydrate_recorded_by(self, entry):
        person = entry.recorded_by
        return (person.get_full_name() or person.username) if person else ""

    def dehydrate_recorded_at(self, entry):
        return format_moment(entry.recorded_at)


PRIVATE_FIELDS = ("address", "phone", "email")


class DonationResource(resources.ModelResource):
    """A fund's donations with their receipts, in the template's Vietnamese columns (export
    only). `private=True` adds the donors' address, phone and e-mail."""

    receipt = Field(column_name="Số biên nhận")
    code = Field(attribute="code", column_name="Mã kiểm tra")
    day = Field(attribute="entry__occurred_on", column_name=donation_rows.DAY, widget=_DAY)
    donor = Field(attribute="donor__name", column_name=donation_rows.DONOR)
    kind = Field(column_name=donation_rows.KIND)
    method = Field(column_name=donation_rows.METHOD)
    in_kind = Field(attribute="in_kind", column_name=donation_rows.IN_KIND)
    amount = Field(attribute="entry__amount", column_name=donation_rows.AMOUNT, widget=_WHOLE)
    purpose = Field(attribute="entry__purpose", column_name=donation_rows.PURPOSE)
    public = Field(column_name=donation_rows.PUBLIC)
    address = Field(attribute="donor__address", column_name=donation_rows.ADDRESS)
    phone = Field(attribute="donor__phone", column_name=donation_rows.PHONE)
    email = Field(attribute="donor__email", column_name=donation_rows.EMAIL)
    pledge = Field(column_name=donation_rows.PLEDGE)
    reversed = Field(column_name="Đã hủy bút toán")

    class Meta:
        model = Donation
        fields = (
            "receipt",
            "code",
            "day",
            "donor",
            "kind",
            "method",
            "in_kind",
            "amount",
            "purpose",
            "public",
            "address",
            "phone",
            "email",
            "pledge",
            "reversed",
        )
        export_order = fields

    def __init__(self, *, private=False, **kwargs):
        super().__init__(**kwargs)
        self.private = private

    def get_export_fields(self, selected_fields=None):
        fields = super().get_export_fields(selected_fields)
        if self.private:
            return fields
        return [field for field in fields if field.attribute not in _PRIVATE_ATTRIBUTES]

    def dehydrate_receipt(self, donation):
        return donation.receipt_label

    def dehydrate_kind(self, donation):
        return donation_rows.KIND_WORD.get(donation.donor.kind, donation.donor.kind)

    def dehydrate_method(self, donation):
        return donation_rows.METHOD_WORD.get(donation.method, donation.method)

    def dehydrate_public(self, donation):
        display = donation.donor.public_display
        return donation_rows.DISPLAY_WORD.get(display, display)

    def dehydrate_pledge(self, donation):
        return donation.pledge.reference if donation.pledge_id else ""

    def dehydrate_reversed(self, donation):
        return "có" if getattr(donation, "is_reversed", False) else ""


_PRIVATE_ATTRIBUTES = {f"donor__{name}" for name in PRIVATE_FIELDS}
