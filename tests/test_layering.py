"""DESIGN.md §3: an app imports only from the apps below it.

    partnership  <-  governance  <-  agencies, reviews, funding  <-  scrutiny  <-  arrangements,
                                                                                  portfolio
"""

import ast
from pathlib import Path

import pytest

pytestmark = pytest.mark.db_agnostic

ROOT = Path(__file__).resolve().parent.parent
APPS = ("partnership", "governance", "agencies", "reviews", "funding", "scrutiny",
        "arrangements", "portfolio")
MAY_IMPORT = {
    "partnership": set(),
    "governance": {"partnership"},
    "agencies": {"partnership", "governance"},
    "reviews": {"partnership", "governance"},
    "funding": {"partnership", "governance"},
    "scrutiny": {"partnership", "governance", "agencies", "reviews", "funding"},
    # The published arrangements and public pages show what every app below has recorded.
    "arrangements": {"partnership", "governance", "agencies", "reviews", "funding", "scrutiny"},
    # An agency's portfolio: what it owes every partnership it serves, from every app below.
    "portfolio": {"partnership", "governance", "agencies", "reviews", "funding", "scrutiny"},
}


def imported_apps(path):
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        for name in names:
            top = name.split(".")[0]
            if top in APPS:
                yield top, node.lineno
        # Dotted strings ("agencies.urls") are how the core refers to the apps above it.


@pytest.mark.parametrize("app", APPS)
def test_app_imports_only_apps_below_it(app):
    problems = []
    for path in (ROOT / app).rglob("*.py"):
        for imported, line in imported_apps(path):
            if imported != app and imported not in MAY_IMPORT[app]:
                problems.append(f"{path.relative_to(ROOT)}:{line} imports {imported}")
    assert not problems, "layering broken (DESIGN.md §3):\n" + "\n".join(problems)


def test_the_walker_sees_imports(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("import funding.models\nfrom agencies.services import x\nfrom . import y\n")
    assert sorted(a for a, _ in imported_apps(sample)) == ["agencies", "funding"]
