"""django-import-export's file formats, reading through read_table.

The admin's import pages hand an uploaded file to a format's `create_dataset`; the stock
XLSX format opens it with openpyxl directly, past every limit of read_table. These formats
read it through read_table instead, so an admin page that imports with django-import-export
is held to the same limits and messages as every other import. They export nothing:
exports are common.spreadsheets.writing' formats, which write what people typed as text.
"""

import tablib
from import_export.formats import base_formats

from .reading import read_table


class GuardedFormat:
    """Mixed into a base format: its uploads are read by read_table."""

    suffix = ""

    def can_export(self):
        return False

    def create_dataset(self, in_stream, **kwargs) -> tablib.Dataset:
        if isinstance(in_stream, str):
            in_stream = in_stream.encode("utf-8")
        return read_table(in_stream, filename=f"import{self.suffix}")


class CSV(GuardedFormat, base_formats.CSV):
    suffix = ".csv"


class XLSX(GuardedFormat, base_formats.XLSX):
    suffix = ".xlsx"


IMPORT_FORMATS = [CSV, XLSX]
