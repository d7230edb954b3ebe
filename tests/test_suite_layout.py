"""The suite's own layout: a fixture that several test modules share lives in the conftest.py
of the folder that holds them all (tests/conftest.py for the whole suite), and a test module
uses it by name.

A module that takes a fixture from another module of the suite (`campaign =
fixtures_admin.campaign`, `from tests.campaigns.test_upload import campaign`) makes that
module a fixtures module the others silently depend on; two modules that define a fixture of
the same name with the same code keep one fixture twice, and the copies drift apart. Both
fail here, naming the file and line. A fixture that differs where its tests depend on it
stays in its module under a name that says how it differs (`campaign_with_area_5`).
"""

import ast
import collections
import functools
from pathlib import Path

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent


def suite_files():
    return sorted(path for path in TESTS.rglob("*.py") if "vendor" not in path.parts)


@functools.cache
def parsed(path):
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def where(path):
    return path.relative_to(ROOT).as_posix()


def is_fixture(node):
    """A function decorated with pytest.fixture, with or without arguments."""
    if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
        return False
    return any(
        ast.unparse(decorator.func if isinstance(decorator, ast.Call) else decorator)
        in ("pytest.fixture", "fixture")
        for decorator in node.decorator_list
    )


def fixtures_in(tree):
    """{name: function} of the module's fixtures."""
    return {node.name: node for node in tree.body if is_fixture(node)}


def suite_module(dotted):
    """The file of a module of the suite (`tests.campaigns.factories`), or None."""
    parts = dotted.split(".")
    path = ROOT.joinpath(*parts).with_suffix(".py")
    return path if parts[0] == "tests" and path.is_file() else None


def fixtures_of(dotted):
    path = suite_module(dotted)
    return fixtures_in(parsed(path)) if path else {}


def borrowed_fixtures(tree):
    """(line, code) for each fixture the module takes from another module of the suite: a
    name imported from it, or a module-level name bound to one of its attributes."""
    modules = {}  # the name a module of the suite is imported under -> its dotted name
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules.update(
                {alias.asname: alias.name for alias in node.names if alias.asname}
                | {alias.name: alias.name for alias in node.names if not alias.asname}
            )
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            for alias in node.names:
                if suite_module(f"{node.module}.{alias.name}"):
                    modules[alias.asname or alias.name] = f"{node.module}.{alias.name}"
                elif alias.name in fixtures_of(node.module) or (
                    alias.name == "*" and fixtures_of(node.module)
                ):
                    found.append((node.lineno, f"from {node.module} import {alias.name}"))
    for node in tree.body:
        value = node.value if isinstance(node, ast.Assign | ast.AnnAssign) else None
        if isinstance(value, ast.Attribute):
            owner = ast.unparse(value.value)
            if value.attr in fixtures_of(modules.get(owner, owner)):
                found.append((node.lineno, ast.unparse(node)))
    return sorted(found)


def code_of(function):
    """The fixture's parameters and body, its docstring and decorators aside."""
    body = function.body
    if isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        body = body[1:]
    return ast.dump(function.args) + "".join(ast.dump(statement) for statement in body)


def fixtures_kept_twice(files):
    """[[file:line, ...], ...]: the places of each fixture defined with the same name and the
    same code in more than one module."""
    places = collections.defaultdict(list)
    for path, tree in files:
        for name, function in fixtures_in(tree).items():
            places[name, code_of(function)].append(f"{path}:{function.lineno} {name}")
    return [found for found in places.values() if len(found) > 1]


def test_the_scan_sees_the_shared_fixtures():
    assert {"campaign", "activity", "official_tree", "staff_client"} <= set(
        fixtures_of("tests.conftest")
    )
    assert {"make_activity", "key_dates"} <= set(fixtures_of("tests.campaigns.conftest"))


def test_the_scan_sees_a_borrowed_fixture():
    borrowing = ast.parse(
        "from tests.campaigns import conftest\n"
        "import tests.campaigns.conftest as shared\n"
        "from tests.campaigns.conftest import new_activity\n"
        "from tests.campaigns.pages import get\n"
        "make_activity = conftest.make_activity\n"
        "every_state = shared.every_state\n"
    )

    assert borrowed_fixtures(borrowing) == [
        (3, "from tests.campaigns.conftest import new_activity"),
        (5, "make_activity = conftest.make_activity"),
        (6, "every_state = shared.every_state"),
    ]


def test_the_scan_sees_a_fixture_kept_twice():
    once = "@pytest.fixture\ndef media(settings, tmp_path):\n    settings.MEDIA_ROOT = tmp_path\n"
    again = once.replace(
        "def media(settings, tmp_path):\n", 'def media(settings, tmp_path):\n    """Files."""\n'
    )
    other = once.replace("tmp_path\n", "tmp_path / 'media'\n")

    found = fixtures_kept_twice(
        [("a.py", ast.parse(once)), ("b.py", ast.parse(again)), ("c.py", ast.parse(other))]
    )

    assert found == [["a.py:2 media", "b.py:2 media"]]


def test_no_module_takes_a_fixture_from_another():
    wrong = [
        f"{where(path)}:{line}: {code}"
        for path in suite_files()
        for line, code in borrowed_fixtures(parsed(path))
    ]
    assert wrong == []


def test_no_fixture_is_kept_twice():
    assert fixtures_kept_twice((where(path), parsed(path)) for path in suite_files()) == []
