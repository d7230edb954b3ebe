"""The whole-file import the communes' lists and counts share (learning_models.resources):
the file is read and checked whole before anything is written, and written all or nothing.

`before_import` reads every row against the tree and the database and plans the rows to
write (`plan`), `import_row` gives each row the outcome found for its line, and
`after_import` writes the plan in one go (`write`), only when no row is wrong and not on a
dry run. A commune is found by its statistics code in the row's year (`CommuneFinder`)."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext
from import_export import resources
from import_export.results import Result, RowResult

from common.periods import Period
from common.spreadsheets.reading import ImportReport, data_rows
from common.text import CONTROL_CHARACTERS, fold
from learning_models.states import HOUSEHOLD_TITLES, Title
from organizations.models import Unit, UnitKind, UnitLevel

# The columns every list and count has, as the Vietnamese template names them.
COMMUNE_CODE = "Mã xã"
YEAR = "Năm"
TITLE = "Danh hiệu"


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
        the_year = Period(datetime.date(year, 1, 1), datetime.date(year, 12, 31))
        during = [unit for unit in self.by_code.get(code, []) if unit.period.overlaps(the_year)]
        at_end = [unit for unit in during if unit.is_valid_on(the_year.end)]
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
