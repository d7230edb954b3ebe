"""Imports that take every row of a file or none of them.

`common.spreadsheets.reading` (re-exported here) reads an uploaded CSV or xlsx file and
reports bad rows by spreadsheet line; any app's import builds on it. `units` imports the
unit tree (with the tree checks of `checks`), `official` loads the lists shipped in
organizations/data/.
"""

from common.spreadsheets.reading import (
    MAX_BYTES,
    MAX_ROWS,
    ImportReport,
    RowChange,
    RowError,
    TableError,
    data_rows,
    read_table,
)

from .official import DATA_DIR, OFFICIAL_FILES, load_official_units
from .units import (
    COLUMNS,
    REQUIRED_COLUMNS,
    UnitImportFailed,
    check_unit,
    format_predecessor,
    import_units,
    parse_date,
    parse_predecessors,
    plan_units,
    predecessors_text,
    unit_snapshot,
    write_units,
)

__all__ = [
    "COLUMNS",
    "DATA_DIR",
    "MAX_BYTES",
    "MAX_ROWS",
    "OFFICIAL_FILES",
    "REQUIRED_COLUMNS",
    "ImportReport",
    "RowChange",
    "RowError",
    "TableError",
    "UnitImportFailed",
    "check_unit",
    "data_rows",
    "format_predecessor",
    "import_units",
    "load_official_units",
    "parse_date",
    "parse_predecessors",
    "plan_units",
    "predecessors_text",
    "read_table",
    "unit_snapshot",
    "write_units",
]
