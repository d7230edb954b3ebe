"""Every spreadsheet the portal writes goes through common.spreadsheets.writing, which writes
what people typed as text (never a formula) and drops what Excel cannot hold: no other
module writes cells, rows or export formats of its own."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APPS = ("common", "config", "organizations", "campaigns", "learning_models", "scholarships")
HELPER = ROOT / "common" / "spreadsheets" / "writing.py"
# The reading side's formats (uploads read through read_table); they export nothing.
IMPORT_FORMATS_MODULE = ROOT / "common" / "spreadsheets" / "formats.py"


def writes_elsewhere():
    found = []
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" in path.parts or path == HELPER:
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
            for node in ast.walk(tree):
                where = f"{path.relative_to(ROOT)}:{getattr(node, 'lineno', 0)}"
                if (
                    isinstance(node, ast.ImportFrom)
                    and node.module == "import_export.formats"
                    and path != IMPORT_FORMATS_MODULE
                ):
                    found.append(f"{where} imports django-import-export's formats")
                elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                    name = node.func.attr
                    text_arg = node.args and isinstance(node.args[0], ast.Constant)
                    if name == "export" and text_arg and node.args[0].value in ("csv", "xlsx"):
                        found.append(f"{where} exports a dataset itself")
                    receiver = getattr(node.func.value, "id", "")
                    if name == "append" and receiver in ("sheet", "ws", "worksheet", "guide"):
                        found.append(f"{where} appends a row itself")
                elif isinstance(node, ast.Assign):
                    for target in node.targets:
                        # A parser's own state (self.value) is not a cell.
                        receiver = getattr(getattr(target, "value", None), "id", "")
                        if (
                            isinstance(target, ast.Attribute)
                            and target.attr == "value"
                            and receiver != "self"
                        ):
                            found.append(f"{where} sets a cell's value itself")
    return found


def test_the_exempt_modules_exist():
    assert HELPER.is_file()
    assert IMPORT_FORMATS_MODULE.is_file()


def test_spreadsheets_are_written_only_through_the_shared_helper():
    assert writes_elsewhere() == []


def test_the_import_formats_export_nothing():
    from common.spreadsheets.formats import IMPORT_FORMATS

    assert IMPORT_FORMATS
    assert not any(format_class().can_export() for format_class in IMPORT_FORMATS)
