"""django-import-export's file formats, reading through read_table.

The admin's import pages hand an uploaded file to a format's `create_dataset`; the stock
XLSX format opens it with openpyxl directly, past every limit of read_table. These formats
read it through read_table instead, so an admin page that imports with django-import-export
is held to the same limits and messages as every other import. They take the file's bytes
as they were uploaded (a CSV is not decoded by the library first), so that read_table says
what is wrong with a file that is not UTF-8. They export nothing: exports are
common.spreadsheets.writing' formats, which write what people typed as text.

An import whose file must name some columns subclasses a format with `required_columns`:
read_table then matches them without regard to case, and refuses a file without them.
"""

import tablib
from import_export.formats import base_formats

from .reading import read_table


class GuardedFormat:
    """Mixed into a base format: its uploads are read by read_table."""

    #: what read_table.table_format calls the files this format reads
    kind = ""
    suffix = ""
    required_columns = ()

    def can_export(self):
        return False

    def is_binary(self):
        return True

    def get_read_mode(self):
        return "rb"

    def create_dataset(self, in_stream, **kwargs) -> tablib.Dataset:
        if isinstance(in_stream, str):
            in_stream = in_stream.encode("utf-8")
        return read_table(
            in_stream, filename=f"import{self.suffix}", required_columns=self.required_columns
        )


class CSV(GuardedFormat, base_formats.CSV):
    kind = "csv"
    suffix = ".csv"


class XLSX(GuardedFormat, base_formats.XLSX):
    kind = "xlsx"
    suffix = ".xlsx"


IMPORT_FORMATS = [CSV, XLSX]
