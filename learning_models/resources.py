"""The learning models as django-import-export sees them, for the admin's spreadsheets.

Dossiers and recognitions are exported only: they are filed and decided through the
services. Yearly counts and lists of recognised households are also imported, the lists
communes send in bulk, through the library's own flow (upload, preview, confirmation):

- the columns are the Vietnamese ones of the template (`HOUSEHOLD_COLUMNS`,
  `COUNT_COLUMNS`), and an export writes the same columns, so it can be imported again;
- the whole file is checked before anything is written, as the unit import does
  (organizations.resources): `before_import` reads every row against the tree and the
  database and plans the rows to write, `import_row` gives each row the outcome found for
  its line, and `after_import` writes the plan in one go, only when no row is wrong and not
  on a dry run. A file with one bad row writes nothing, and every problem is named by its
  spreadsheet line and column;
- a commune is named by its statistics code, the commune of that code in the year given;
  a title by its code or its Vietnamese name; consent by "có" or "không", and an empty
  cell is "không": silence is not consent (DOMAIN.md §5).
"""

import datetime
import re
from dataclasses import dataclass

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from import_export import resources
from import_export.fields import Field
from import_export.results import Result, RowResult
from import_export.widgets import DateTimeWidget, DateWidget

from common.spreadsheets import formats
from common.spreadsheets.reading import ImportReport, RowChange, data_rows
from common.text import CONTROL_CHARACTERS, fold
from learning_models.models import (
    Dossier,
    HouseholdCount,
    RecognisedHousehold,
    Recognition,
)
from learning_models.states import HOUSEHOLD_TITLES, LEVEL_LABEL, TITLE_LABEL, Title
from organizations.models import Unit, UnitKind, UnitLevel

# The columns of the household lists and of the yearly counts, as the template names them.
COMMUNE_CODE = "Mã xã"
COMMUNE_NAME = "Tên xã"
YEAR = "Năm"
TITLE = "Danh hiệu"
NAME = "Họ tên / Tên"
PLACE = "Thôn/Tổ dân phố"
DECISION = "Số quyết định"
CONSENT = "Đồng ý công khai"
CONSENT_NOTE = "Nơi lưu giấy đồng ý"
TOTAL = "Tổng số"
REGISTERED = "Đã đăng ký"
RECOGNISED = "Đã công nhận"

HOUSEHOLD_COLUMNS = (COMMUNE_CODE, YEAR, TITLE, NAME, PLACE, DECISION, CONSENT, CONSENT_NOTE)
HOUSEHOLD_REQUIRED = (COMMUNE_CODE, YEAR, TITLE, NAME)
COUNT_COLUMNS = (COMMUNE_CODE, YEAR, TITLE, TOTAL, REGISTERED, RECOGNISED)
COUNT_REQUIRED = (COMMUNE_CODE, YEAR, TITLE, REGISTERED, RECOGNISED)

YES, NO = "có", "không"
_YES = {"co", "x", "yes", "1", "dong y"}
_NO = {"", "khong", "no", "0", "khong dong y"}
# Counts may be written with thousands separators: 1.234, 1,234 or 1 234.
_COUNT = re.compile(r"\d{1,3}(?:[.,\s]\d{3})+|\d+")
_MOST = 10_000_000
_DATE = DateWidget(format="%d/%m/%Y")
_MOMENT = DateTimeWidget(format="%d/%m/%Y %H:%M")


def _formats(required):
    return [
        type(f"{base.__name__}Import", (base,), {"required_columns": required})
        for base in (formats.CSV, formats.XLSX)
    ]


HOUSEHOLD_IMPORT_FORMATS = _formats(HOUSEHOLD_REQUIRED)
COUNT_IMPORT_FORMATS = _formats(COUNT_REQUIRED)


def title_label(value) -> str:
    return str(Title(value).label) if value in Title.values else value


def _title_names():
    """{folded name: title} of the household titles: their codes, and their names in
    Vietnamese and in English."""
    names = {}
    for title in HOUSEHOLD_TITLES:
        names[fold(title.value)] = title
        for language in ("vi", "en"):
            with translation.override(language):
                names[fold(str(title.label))] = title
    # The names of the Vietnamese template and the short names communes write.
    names.update(
        {
            "gia dinh hoc tap": Title.FAMILY,
            "dong ho hoc tap": Title.CLAN,
            "cong dong hoc tap cap thon": Title.VILLAGE,
            "cong dong hoc tap cap thon, to dan pho": Title.VILLAGE,
            "thon, to dan pho hoc tap": Title.VILLAGE,
            "cong dan hoc tap": Title.CITIZEN,
            "gia dinh": Title.FAMILY,
            "dong ho": Title.CLAN,
            "thon": Title.VILLAGE,
            "to dan pho": Title.VILLAGE,
            "cong dan": Title.CITIZEN,
        }
    )
    return names


class CommuneFinder:
    """The communes of a statistics code and a year, read once for a whole file."""

    def __init__(self):
        self.by_code = {}
        kinds = UnitKind.of_level(UnitLevel.COMMUNE)
        for unit in Unit.objects.filter(kind__in=kinds).order_by("valid_from", "pk"):
            self.by_code.setdefault(unit.code, []).append(unit)

    def find(self, code, year):
        """The commune of `code` in `year` (the one of 31 December when the code changed
        hands during the year), or None."""
        first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        during = [
            unit
            for unit in self.by_code.get(code, [])
            if (unit.valid_from is None or unit.valid_from <= last)
            and (unit.valid_until is None or unit.valid_until >= first)
        ]
        at_end = [unit for unit in during if unit.is_valid_on(last)]
        return (at_end or during or [None])[-1]

    def known(self, code):
        return code in self.by_code


@dataclass
class Row:
    line: int
    values: dict


class WholeFileImportResult(Result):
    """The library's result, with the import's report (`report.errors` by line)."""

    report = None


def _row_error(errors):
    by_column = {}
    for error in errors:
        by_column.setdefault(error.column or NON_FIELD_ERRORS, []).append(error.message)
    return ValidationError(by_column)


class WholeFileResource(resources.ModelResource):
    """A resource whose import checks the whole file first and writes all rows or none.
    Subclasses say how rows are checked and planned (`plan`) and written (`write`)."""

    def __init__(self, *, allowed=None, **kwargs):
        """`allowed`, when given, says of a commune whether the importing person may act on
        it (the officers' portal passes it): a row of any other commune is an error on its
        "Mã xã". Without it (the admin), every commune may be imported."""
        super().__init__(**kwargs)
        self.report, self.planned, self._errors, self._changes = ImportReport(), [], {}, {}
        self.allowed, self._allowed = allowed, {}

    def get_result_class(self):
        return WholeFileImportResult

    def before_import(self, dataset, **kwargs):
        self.report, self._errors, self._changes = ImportReport(), {}, {}
        self.report.dry_run = kwargs.get("dry_run", True)
        self.planned = self.plan(dataset, self.report)
        for error in self.report.sorted_errors():
            self._errors.setdefault(error.line, []).append(error)
        for change in self.report.changes:
            self._changes[change.line] = change

    def import_row(self, row, instance_loader, **kwargs):
        # Checked with the whole file in before_import: the row only gets its outcome here.
        line = kwargs["row_number"] + 1  # the dataset's first row is the sheet's line 2
        row_result = self.get_row_result_class()()
        change = self._changes.get(line)
        if line in self._errors:
            row_result.import_type = RowResult.IMPORT_TYPE_INVALID
            row_result.validation_error = _row_error(self._errors[line])
        elif change is not None:
            row_result.import_type = (
                RowResult.IMPORT_TYPE_NEW
                if change.action == "created"
                else RowResult.IMPORT_TYPE_UPDATE
            )
            row_result.object_repr = change.label
        else:
            row_result.import_type = RowResult.IMPORT_TYPE_SKIP
        return row_result

    def after_import(self, dataset, result, **kwargs):
        result.report = self.report
        rows = range(2, len(dataset) + 2)
        for line, errors in self._errors.items():
            if line not in rows:  # about the file as a whole
                result.append_invalid_row(line, {}, _row_error(errors))
        if self.report.ok and not kwargs.get("dry_run", True):
            with transaction.atomic():
                self.write(self.planned, by=kwargs.get("user"))

    # --- the checks every household file shares -----------------------------------------

    def rows(self, dataset, report):
        self.communes, self.titles = CommuneFinder(), _title_names()
        self.this_year = timezone.localdate().year
        if not len(dataset):
            report.add_error(1, "", gettext("The file has no rows under the column names."))
        return [Row(line, values) for line, values in data_rows(dataset)]

    def text(self, row, column, report, *, required=False, max_length=200):
        value = (row.values.get(column) or "").strip()
        if CONTROL_CHARACTERS.search(value):
            report.add_error(
                row.line,
                column,
                gettext("The text holds an invisible control character: type it again."),
            )
            return None
        if required and not value:
            report.add_error(row.line, column, gettext("This column cannot be empty."))
            return None
        if len(value) > max_length:
            report.add_error(
                row.line,
                column,
                gettext("At most %(count)s characters.") % {"count": max_length},
            )
            return None
        return value

    def year(self, row, report):
        value = (row.values.get(YEAR) or "").strip()
        if not value.isdigit() or not 2000 <= int(value) <= self.this_year:
            report.add_error(
                row.line,
                YEAR,
                gettext("Write a year from 2000 to %(year)s.") % {"year": self.this_year},
            )
            return None
        return int(value)

    def commune(self, row, year, report):
        code = (row.values.get(COMMUNE_CODE) or "").strip()
        if not code:
            report.add_error(row.line, COMMUNE_CODE, gettext("This column cannot be empty."))
            return None
        if not self.communes.known(code):
            report.add_error(
                row.line,
                COMMUNE_CODE,
                gettext("No commune, ward or special zone has the code “%(code)s”.")
                % {"code": code[:30]},
            )
            return None
        if year is None:
            return None
        commune = self.communes.find(code, year)
        if commune is None:
            report.add_error(
                row.line,
                COMMUNE_CODE,
                gettext("No commune had the code “%(code)s” in %(year)s.")
                % {"code": code, "year": year},
            )
        elif not self.may_import(commune):
            report.add_error(
                row.line,
                COMMUNE_CODE,
                gettext("You may not send lists for %(commune)s (code “%(code)s”).")
                % {"commune": commune.name, "code": code},
            )
            return None
        return commune

    def may_import(self, commune):
        if self.allowed is None:
            return True
        if commune.pk not in self._allowed:
            self._allowed[commune.pk] = bool(self.allowed(commune))
        return self._allowed[commune.pk]

    def title(self, row, report):
        value = fold(row.values.get(TITLE) or "")
        title = self.titles.get(value)
        if title is None:
            report.add_error(
                row.line,
                TITLE,
                gettext("Write one of: %(titles)s.")
                % {"titles": ", ".join(f"“{t.label}”" for t in HOUSEHOLD_TITLES)},
            )
        return title


class RecognisedHouseholdResource(WholeFileResource):
    commune_code = Field(attribute="commune__code", column_name=COMMUNE_CODE)
    commune_name = Field(attribute="commune__name", column_name=COMMUNE_NAME)
    year = Field(attribute="year", column_name=YEAR)
    title = Field(column_name=TITLE)
    name = Field(attribute="name", column_name=NAME)
    place = Field(attribute="place", column_name=PLACE)
    decision_number = Field(attribute="decision_number", column_name=DECISION)
    public_consent = Field(column_name=CONSENT)
    consent_note = Field(attribute="consent_note", column_name=CONSENT_NOTE)

    class Meta:
        model = RecognisedHousehold
        fields = (
            "commune_code",
            "commune_name",
            "year",
            "title",
            "name",
            "place",
            "decision_number",
            "public_consent",
            "consent_note",
        )
        export_order = fields
        use_transactions = True
        skip_diff = True

    def dehydrate_title(self, household):
        return title_label(household.title)

    def dehydrate_public_consent(self, household):
        return YES if household.public_consent else NO

    @staticmethod
    def key(commune_id, year, title, name, place):
        return (commune_id, year, title, fold(name), fold(place))

    def plan(self, dataset, report):
        rows = self.rows(dataset, report)
        checked = []
        for row in rows:
            year = self.year(row, report)
            commune = self.commune(row, year, report)
            title = self.title(row, report)
            name = self.text(row, NAME, report, required=True)
            place = self.text(row, PLACE, report)
            decision = self.text(row, DECISION, report, max_length=60)
            note = self.text(row, CONSENT_NOTE, report, max_length=300)
            consent = fold(row.values.get(CONSENT) or "")
            if consent in _YES:
                consent = True
            elif consent in _NO:
                consent = False
            else:
                report.add_error(row.line, CONSENT, gettext("Write “có” or “không”."))
                consent = None
            if None in (year, commune, title, name, place, decision, note, consent):
                continue
            checked.append((row, commune, year, title, name, place, decision, consent, note))
        if not report.ok:
            return []
        existing = {}
        communes = {item[1].pk for item in checked}
        years = {item[2] for item in checked}
        for household in RecognisedHousehold.objects.filter(
            commune_id__in=communes, year__in=years
        ):
            key = self.key(
                household.commune_id,
                household.year,
                household.title,
                household.name,
                household.place,
            )
            existing[key] = household
        seen, planned = {}, []
        for row, commune, year, title, name, place, decision, consent, note in checked:
            key = self.key(commune.pk, year, title, name, place)
            if key in seen:
                report.add_error(
                    row.line,
                    NAME,
                    gettext("The same household is on line %(line)s already.")
                    % {"line": seen[key]},
                )
                continue
            seen[key] = row.line
            label = f"{name} · {commune.name} · {title.label} · {year}"
            household = existing.get(key)
            if household is None:
                household = RecognisedHousehold(
                    commune=commune,
                    year=year,
                    title=title,
                    name=name,
                    place=place,
                    decision_number=decision,
                    public_consent=consent,
                    consent_note=note,
                )
                report.created += 1
                report.changes.append(RowChange(row.line, "created", label, {}))
                planned.append(household)
                continue
            new = {"decision_number": decision, "public_consent": consent, "consent_note": note}
            changed = {f: v for f, v in new.items() if getattr(household, f) != v}
            if not changed:
                report.unchanged += 1
                continue
            for field, value in changed.items():
                setattr(household, field, value)
            report.updated += 1
            report.changes.append(RowChange(row.line, "updated", label, changed))
            planned.append(household)
        return planned if report.ok else []

    def write(self, planned, *, by):
        by = by if getattr(by, "is_authenticated", False) else None
        new = [h for h in planned if h.pk is None]
        known = [h for h in planned if h.pk is not None]
        for household in new:
            household.imported_by = by
        RecognisedHousehold.objects.bulk_create(new, batch_size=500)
        RecognisedHousehold.objects.bulk_update(
            known,
            ["decision_number", "public_consent", "consent_note"],
            batch_size=500,
        )


class HouseholdCountResource(WholeFileResource):
    commune_code = Field(attribute="commune__code", column_name=COMMUNE_CODE)
    commune_name = Field(attribute="commune__name", column_name=COMMUNE_NAME)
    year = Field(attribute="year", column_name=YEAR)
    title = Field(column_name=TITLE)
    total = Field(attribute="total", column_name=TOTAL)
    registered = Field(attribute="registered", column_name=REGISTERED)
    recognised = Field(attribute="recognised", column_name=RECOGNISED)

    class Meta:
        model = HouseholdCount
        fields = (
            "commune_code",
            "commune_name",
            "year",
            "title",
            "total",
            "registered",
            "recognised",
        )
        export_order = fields
        use_transactions = True
        skip_diff = True

    def dehydrate_title(self, count):
        return title_label(count.title)

    def number(self, row, column, report, *, required=True):
        value = (row.values.get(column) or "").strip()
        if not value:
            if required:
                report.add_error(row.line, column, gettext("This column cannot be empty."))
                return False
            return None
        if not _COUNT.fullmatch(value):
            report.add_error(row.line, column, gettext("Write a whole number, 0 or more."))
            return False
        number = int(re.sub(r"\D", "", value))
        if number >= _MOST:
            report.add_error(row.line, column, gettext("The number is too large."))
            return False
        return number

    def plan(self, dataset, report):
        rows = self.rows(dataset, report)
        checked = []
        for row in rows:
            year = self.year(row, report)
            commune = self.commune(row, year, report)
            title = self.title(row, report)
            total = self.number(row, TOTAL, report, required=False)
            registered = self.number(row, REGISTERED, report)
            recognised = self.number(row, RECOGNISED, report)
            if registered is not False and recognised is not False and recognised > registered:
                report.add_error(
                    row.line,
                    RECOGNISED,
                    gettext("More recognised (%(recognised)s) than registered (%(registered)s).")
                    % {"recognised": recognised, "registered": registered},
                )
                continue
            if total not in (None, False) and registered is not False and registered > total:
                report.add_error(
                    row.line,
                    REGISTERED,
                    gettext("More registered (%(registered)s) than in total (%(total)s).")
                    % {"registered": registered, "total": total},
                )
                continue
            if None in (year, commune, title) or False in (total, registered, recognised):
                continue
            checked.append((row, commune, year, title, total, registered, recognised))
        if not report.ok:
            return []
        existing = {
            (count.commune_id, count.year, count.title): count
            for count in HouseholdCount.objects.filter(
                commune_id__in={item[1].pk for item in checked},
                year__in={item[2] for item in checked},
            )
        }
        seen, planned = {}, []
        for row, commune, year, title, total, registered, recognised in checked:
            key = (commune.pk, year, title.value)
            if key in seen:
                report.add_error(
                    row.line,
                    TITLE,
                    gettext("This commune, year and title are on line %(line)s already.")
                    % {"line": seen[key]},
                )
                continue
            seen[key] = row.line
            label = f"{commune.name} · {title.label} · {year}"
            new = {"total": total, "registered": registered, "recognised": recognised}
            count = existing.get(key)
            if count is None:
                planned.append(HouseholdCount(commune=commune, year=year, title=title, **new))
                report.created += 1
                report.changes.append(RowChange(row.line, "created", label, {}))
                continue
            changed = {f: v for f, v in new.items() if getattr(count, f) != v}
            if not changed:
                report.unchanged += 1
                continue
            for field, value in changed.items():
                setattr(count, field, value)
            planned.append(count)
            report.updated += 1
            report.changes.append(RowChange(row.line, "updated", label, changed))
        return planned if report.ok else []

    def write(self, planned, *, by):
        by = by if getattr(by, "is_authenticated", False) else None
        new = [c for c in planned if c.pk is None]
        known = [c for c in planned if c.pk is not None]
        now = timezone.now()
        for count in planned:
            count.recorded_by, count.changed_at = by, now
        HouseholdCount.objects.bulk_create(new, batch_size=500)
        HouseholdCount.objects.bulk_update(
            known,
            ["total", "registered", "recognised", "recorded_by", "changed_at"],
            batch_size=500,
        )


def _yes_no(value):
    if value is None:
        return ""
    return gettext("met") if value else gettext("not met")


class DossierResource(resources.ModelResource):
    """Dossiers for the association's reports (export only)."""

    id = Field(attribute="id", column_name=_("ID"))
    unit_code = Field(attribute="unit__code", column_name=_("unit code"))
    unit_name = Field(attribute="unit__name", column_name=_("unit"))
    title = Field(column_name=TITLE_LABEL)
    level = Field(column_name=LEVEL_LABEL)
    year = Field(attribute="year", column_name=_("assessment year"))
    criteria_set = Field(column_name=_("criteria set"))
    state = Field(column_name=_("state"))
    registered_on = Field(attribute="registered_on", column_name=_("registered on"), widget=_DATE)
    submitted_at = Field(attribute="submitted_at", column_name=_("submitted"), widget=_MOMENT)
    self_result = Field(column_name=_("self-assessment result"))
    appraised_result = Field(column_name=_("appraisal result"))
    decision_reason = Field(attribute="decision_reason", column_name=_("reasons of the decision"))

    class Meta:
        model = Dossier
        fields = (
            "id",
            "unit_code",
            "unit_name",
            "title",
            "level",
            "year",
            "criteria_set",
            "state",
            "registered_on",
            "submitted_at",
            "self_result",
            "appraised_result",
            "decision_reason",
        )
        export_order = fields

    def dehydrate_title(self, dossier):
        return str(dossier.get_title_display())

    def dehydrate_level(self, dossier):
        return str(dossier.get_level_display())

    def dehydrate_criteria_set(self, dossier):
        return str(dossier.criteria_set)

    def dehydrate_state(self, dossier):
        return str(dossier.get_state_display())

    def dehydrate_self_result(self, dossier):
        return _yes_no(dossier.self_result)

    def dehydrate_appraised_result(self, dossier):
        return _yes_no(dossier.appraised_result)


RECOGNITION_STATUS = {
    "revoked": _("revoked"),
    "expired": _("expired"),
    "not_yet": _("not yet in force"),
    "valid": _("in force"),
}


class RecognitionResource(resources.ModelResource):
    """Recognition decisions for the association's reports (export only)."""

    code = Field(attribute="code", column_name=_("verification code"))
    unit_code = Field(attribute="unit__code", column_name=_("unit code"))
    unit_name = Field(attribute="unit__name", column_name=_("unit"))
    title = Field(column_name=TITLE_LABEL)
    level = Field(column_name=LEVEL_LABEL)
    year = Field(attribute="year", column_name=_("assessment year"))
    decision_number = Field(attribute="decision_number", column_name=_("decision number"))
    decision_date = Field(attribute="decision_date", column_name=_("decision date"), widget=_DATE)
    signed_by = Field(attribute="signed_by", column_name=_("signed by"))
    authority = Field(attribute="authority", column_name=_("deciding authority"))
    valid_until = Field(attribute="valid_until", column_name=_("valid until"), widget=_DATE)
    status = Field(column_name=_("status"))
    revoked_at = Field(attribute="revoked_at", column_name=_("revoked"), widget=_MOMENT)
    revoked_reason = Field(attribute="revoked_reason", column_name=_("why revoked"))

    class Meta:
        model = Recognition
        fields = (
            "code",
            "unit_code",
            "unit_name",
            "title",
            "level",
            "year",
            "decision_number",
            "decision_date",
            "signed_by",
            "authority",
            "valid_until",
            "status",
            "revoked_at",
            "revoked_reason",
        )
        export_order = fields

    def dehydrate_title(self, recognition):
        return str(recognition.get_title_display())

    def dehydrate_level(self, recognition):
        return str(recognition.get_level_display())

    def dehydrate_status(self, recognition):
        return str(RECOGNITION_STATUS[recognition.status_on(timezone.localdate())])
