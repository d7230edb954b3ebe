"""The unit tables: the official ones of organizations/data in the test database, and the
ones a user sends to the import.

official_units_loaded(django_db_blocker)
                    (a context) the official tree loaded, outside any test's transaction, and
                    removed again on leaving, with the history the load wrote; gives the
                    load's reports. The `official_tree` fixture of tests/conftest.py uses it.
table_csv(rows, header=COLUMNS, *, bom=False, delimiter=",") -> bytes
table_xlsx(rows, header=COLUMNS, *, dates=False) -> bytes
upload(name, content) -> an uploaded file, as a browser would send it
"""

import contextlib
import csv
import datetime
import io

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile

from common.models import HistoryEntry
from organizations.importing import COLUMNS, load_official_units
from organizations.models import Unit, UnitPredecessor
from organizations.services import rebuild_ancestry


@contextlib.contextmanager
def official_units_loaded(django_db_blocker):
    """The official unit tree loaded into an empty unit table; removed again on leaving."""
    with django_db_blocker.unblock():
        assert not Unit.objects.exists(), "the official tree needs an empty unit table"
        last_entry = HistoryEntry.objects.order_by("-pk").values_list("pk", flat=True).first()
        reports = load_official_units()
    yield reports
    with django_db_blocker.unblock():
        UnitPredecessor.objects.all().delete()
        Unit.objects.all().delete()
        HistoryEntry.objects.filter(pk__gt=last_entry or 0).delete()
        rebuild_ancestry()


def table_csv(rows, header=COLUMNS, *, bom=False, delimiter=","):
    text = io.StringIO()
    writer = csv.writer(text, delimiter=delimiter, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    data = text.getvalue().encode("utf-8")
    return b"\xef\xbb\xbf" + data if bom else data


def table_xlsx(rows, header=COLUMNS, *, dates=False):
    """An xlsx workbook; with dates=True, ISO dates become real date cells, as Excel keeps them."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(list(header))
    for row in rows:
        values = []
        for value in row:
            if dates and isinstance(value, str) and len(value) == 10 and value[4] == "-":
                value = datetime.date.fromisoformat(value)
            values.append(value)
        sheet.append(values)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def upload(name, content):
    types = {
        ".csv": "text/csv",
        ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    }
    suffix = name[name.rfind(".") :]
    return SimpleUploadedFile(name, content, content_type=types.get(suffix, "application/pdf"))
