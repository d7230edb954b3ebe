"""The communes' yearly counts and lists of recognised households as django-import-export
sees them: exported, and imported through the library's own flow (upload, preview,
confirmation), in the admin and in the portal. (Dossiers and recognitions are exported
only: learning_models.exports.)

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

import re

from django.utils import timezone
from django.utils.translation import gettext
from import_export.fields import Field

from common.spreadsheets import formats
from common.spreadsheets.reading import RowChange
from common.text import fold
from learning_models.models import (
    HouseholdCount,
    RecognisedHousehold,
)
from learning_models.states import Title
from learning_models.whole_file import (
    COMMUNE_CODE,
    TITLE,
    YEAR,
    WholeFileResource,
)

# The columns of the household lists and of the yearly counts, as the template names them.
COMMUNE_NAME = "Tên xã"
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


def _formats(required):
    return [
        type(f"{base.__name__}Import", (base,), {"required_columns": required})
        for base in (formats.CSV, formats.XLSX)
    ]


HOUSEHOLD_IMPORT_FORMATS = _formats(HOUSEHOLD_REQUIRED)
COUNT_IMPORT_FORMATS = _formats(COUNT_REQUIRED)


def title_label(value) -> str:
    return str(Title(value).label) if value in Title.values else value


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
