"""The apps depend one way (docs/architecture.md): common, the shared tools, imports no app
of the portal; organizations is the base and imports none of the domain apps; the domain
apps import organizations and, between themselves, only another app's selectors (the one
named seam)."""

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


PORTAL_APPS = ("config", "organizations", *DOMAIN_APPS)


def test_common_imports_no_app_of_the_portal():
    wrong = [
        f"{path.relative_to(ROOT)}: {module}"
        for path, module in imports_of("common")
        if module.split(".")[0] in PORTAL_APPS
    ]
    assert wrong == []


def test_organizations_imports_no_domain_app():
    wrong = [
        f"{path.relative_to(ROOT)}: {module}"
        for path, module in imports_of("organizations")
        if module.split(".")[0] in DOMAIN_APPS
    ]
    assert wrong == []


def names_of_other_apps(app, others):
    """(file, line, what) for every place in the app's Python files, migrations included,
    that names one of `others`: an import of it, or a string that is its label or starts
    with it ("campaigns", "campaigns.sign_off", an admin permission keyed by the label)."""
    found = []
    for path in sorted((ROOT / app).rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        where = path.relative_to(ROOT).as_posix()
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules = [node.module]
            else:
                modules = []
            found.extend(
                (where, node.lineno, f"import {module}")
                for module in modules
                if module.split(".")[0] in others
            )
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and node.value.startswith(others)
            ):
                found.append((where, node.lineno, repr(node.value)))
    return found


def test_the_scan_sees_names_of_other_apps():
    scanned = names_of_other_apps("campaigns", ("organizations", "campaigns"))
    found = {what for _path, _line, what in scanned}
    assert "import organizations.permissions" in found
    assert "'campaigns.sign_off'" in found


def test_organizations_names_no_other_app():
    """The base asks, each app declares: organizations holds no other app's label, action or
    admin permission, not even in a string (each app's permissions.py declares them)."""
    wrong = [
        f"{path}:{line}: {what}"
        for path, line, what in names_of_other_apps("organizations", DOMAIN_APPS)
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


# --- history: one code per type, written only by the services ----------------------------

APPS = ("common", "organizations", *DOMAIN_APPS)
# Modules besides the services that may write history entries: the writer itself. (The demo
# loader takes its month through the services, with `at=` and `notify=False`.)
HISTORY_WRITERS_ALLOWED = {"common/history/audit.py", "common/workflows.py"}


def test_no_two_history_types_share_a_code():
    from django.apps import apps

    from common.history.types import declared_by

    codes = [t.code for config in apps.get_app_configs() for t in declared_by(config)]
    assert codes, "the apps declare their history types"
    assert sorted({code for code in codes if codes.count(code) > 1}) == []


def history_writes(app):
    """(file, line, call) for every call in the app's code that writes a history entry:
    audit.record(...) / record(...) from common.history.audit, HistoryEntry.objects.create."""
    found = []
    for path in (ROOT / app).rglob("*.py"):
        if "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        plain_record = any(
            isinstance(node, ast.ImportFrom)
            and node.module == "common.history.audit"
            and any(alias.name == "record" for alias in node.names)
            for node in ast.walk(tree)
        )
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            call = ast.unparse(node.func)
            if (
                call == "audit.record"
                or (call == "record" and plain_record)
                or call.endswith("HistoryEntry.objects.create")
                or call.endswith("HistoryEntry.objects.bulk_create")
            ):
                found.append((path.relative_to(ROOT).as_posix(), node.lineno, call))
    return found


def is_service_module(path):
    """An app's service layer: its `services.py`, or a module of its `services/` package
    (scholarships splits its writes by subject)."""
    parts = Path(path).parts
    return parts[-1] == "services.py" or (len(parts) == 3 and parts[1] == "services")


def test_a_services_package_is_the_service_layer_but_nothing_else_is():
    assert is_service_module("campaigns/services.py")
    assert is_service_module("scholarships/services/ledger.py")
    assert not is_service_module("scholarships/views/portal.py")
    assert not is_service_module("scholarships/services_extra/ledger.py")
    assert not is_service_module("scholarships/views/services/ledger.py")


def test_the_scan_sees_history_writes():
    assert any(
        path == "campaigns/services.py" for path, _line, _call in history_writes("campaigns")
    )
    assert any(
        path == "scholarships/services/pledges.py"
        for path, _line, _call in history_writes("scholarships")
    )


@pytest.mark.parametrize("app", APPS)
def test_only_services_write_history(app):
    wrong = [
        f"{path}:{line}: {call}"
        for path, line, call in history_writes(app)
        if not is_service_module(path) and path not in HISTORY_WRITERS_ALLOWED
    ]
    assert wrong == []


# --- roles: given, ended and noted only by organizations.services -------------------------

ROLE_WRITES = frozenset(
    {"create", "bulk_create", "update", "get_or_create", "update_or_create", "delete", "save"}
)
ROLE_WRITERS_ALLOWED = {"organizations/services.py"}


def role_writes(app):
    """(file, line, call) for every call in the app's code that writes a role directly:
    `Membership(...)`, `Membership.objects.create(...)`, `user.memberships.update(...)`,
    `membership.save()`."""
    found = []
    for path in (ROOT / app).rglob("*.py"):
        if "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        where = path.relative_to(ROOT).as_posix()
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            if isinstance(func, ast.Name) and func.id == "Membership":
                found.append((where, node.lineno, "Membership"))
            elif (
                isinstance(func, ast.Attribute)
                and func.attr in ROLE_WRITES
                and "membership" in ast.unparse(func.value).lower()
            ):
                found.append((where, node.lineno, ast.unparse(func)))
    return found


def test_the_scan_sees_role_writes():
    assert {call for path, _line, call in role_writes("organizations")} >= {
        "Membership",
        "membership.save",
    }


@pytest.mark.parametrize("app", [*APPS, "config"])
def test_only_services_write_roles(app):
    """The admin, the commands and the demo give and end roles through
    organizations.services (who may, with history), never by writing them directly."""
    wrong = [
        f"{path}:{line}: {call}"
        for path, line, call in role_writes(app)
        if path not in ROLE_WRITERS_ALLOWED
    ]
    assert wrong == []


# --- states change only through the workflows ----------------------------------------------

# Every state change goes through a service, which makes it through the app's workflow
# (common.workflows): the lock, the checks, the history and the mail are then never skipped.
STATE_WRITERS_ALLOWED = {"common/workflows.py"}


def state_writes_in(source: str, filename: str = "<code>"):
    """(line, code) for every write of a `state` in `source`: `x.state = …` (alone, in a
    tuple, augmented or annotated), `….update(state=…)` and `setattr(x, "state", …)`."""
    found = []
    for node in ast.walk(ast.parse(source, filename=filename)):
        targets = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, ast.AugAssign | ast.AnnAssign):
            targets = [node.target]
        for target in targets:
            found.extend(
                (part.lineno, ast.unparse(part))
                for part in ast.walk(target)
                if isinstance(part, ast.Attribute)
                and part.attr == "state"
                and isinstance(part.ctx, ast.Store)
            )
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if (
            isinstance(func, ast.Attribute)
            and func.attr == "update"
            and any(keyword.arg == "state" for keyword in node.keywords)
        ) or (
            isinstance(func, ast.Name)
            and func.id == "setattr"
            and len(node.args) >= 2
            and isinstance(node.args[1], ast.Constant)
            and node.args[1].value == "state"
        ):
            found.append((node.lineno, ast.unparse(node)))
    return found


def test_the_scan_sees_every_way_of_writing_a_state():
    source = (
        "activity.state = 'published'\n"
        "first.state, second.state = 'open', 'closed'\n"
        "row.state: str = 'draft'\n"
        "Activity.objects.filter(pk=1).update(state='published', sequence=2)\n"
        "setattr(activity, 'state', 'cancelled')\n"
        "state = 'draft'\n"  # a name, not a record's attribute
        "Activity.objects.filter(state='draft').update(title='x')\n"
        "print(activity.state)\n"
    )
    assert [line for line, _code in state_writes_in(source)] == [1, 2, 2, 3, 4, 5]


def state_writes(app):
    found = []
    for path in (ROOT / app).rglob("*.py"):
        if {"migrations", "tests"} & set(path.parts):
            continue
        relative = path.relative_to(ROOT).as_posix()
        found.extend(
            (relative, line, code)
            for line, code in state_writes_in(path.read_text(encoding="utf-8"), relative)
        )
    return found


@pytest.mark.parametrize("app", ["common", *PORTAL_APPS])
def test_only_services_and_the_workflow_funnel_write_a_state(app):
    wrong = [
        f"{path}:{line}: {code}"
        for path, line, code in state_writes(app)
        if not is_service_module(path) and path not in STATE_WRITERS_ALLOWED
    ]
    assert wrong == []
