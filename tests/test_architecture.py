"""The apps depend one way (docs/architecture.md): organizations is the base and imports
none of the domain apps; the domain apps import organizations and, between themselves, only
another app's selectors (the one named seam)."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOMAIN_APPS = ("campaigns", "learning_models", "scholarships")


def imports_of(app):
    """(file, imported module) for every import in the app's Python files."""
    found = []
    for path in (ROOT / app).rglob("*.py"):
        if "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                found.extend((path, alias.name) for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found.extend((path, f"{node.module}.{alias.name}") for alias in node.names)
    return found


def test_the_scan_sees_imports():
    assert any(module.startswith("organizations") for _path, module in imports_of("campaigns"))


def test_organizations_imports_no_domain_app():
    wrong = [
        f"{path.relative_to(ROOT)}: {module}"
        for path, module in imports_of("organizations")
        if module.split(".")[0] in DOMAIN_APPS
    ]
    assert wrong == []


@pytest.mark.parametrize("app", DOMAIN_APPS)
def test_domain_apps_meet_only_through_selectors(app):
    wrong = [
        f"{path.relative_to(ROOT)}: {module}"
        for path, module in imports_of(app)
        if module.split(".")[0] in DOMAIN_APPS
        and module.split(".")[0] != app
        and not module.startswith(f"{module.split('.')[0]}.selectors")
    ]
    assert wrong == []
