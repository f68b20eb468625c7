"""No import cycles among the project's modules: each module of the apps is parsed (not
imported), its module-level imports are resolved to the project's modules, and the import
graph must have no cycle. Imports inside functions don't count (they run later, once every
module is loaded); imports in `if TYPE_CHECKING:` blocks never run."""

import ast
from pathlib import Path

import pytest

pytestmark = pytest.mark.db_agnostic

ROOT = Path(__file__).resolve().parent.parent
APPS = ("partnership", "governance", "agencies", "reviews", "funding", "scrutiny",
        "arrangements")


def project_modules():
    """{dotted name: path} of every module of the apps (a package is its __init__.py)."""
    modules = {}
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            modules[".".join(parts)] = path
    return modules


def module_level_imports(tree):
    """The import statements that run when the module is imported: its body, class bodies
    and if/try/with blocks, but not function bodies nor `if TYPE_CHECKING:`."""
    pending = list(tree.body)
    while pending:
        node = pending.pop()
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        elif isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            pending.extend(node.orelse)
        else:
            pending.extend(child for child in ast.iter_child_nodes(node)
                           if isinstance(child, ast.stmt | ast.excepthandler | ast.match_case))


def imported_modules(name, path, modules):
    """The project modules that module `name` imports at module level."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in module_level_imports(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        else:
            if node.level:
                base = package.split(".")
                base = base[:len(base) - (node.level - 1)]
                source = ".".join(base + ([node.module] if node.module else []))
            else:
                source = node.module
            # `from package import name` imports the submodule package.name when there is one
            targets = [f"{source}.{alias.name}" if f"{source}.{alias.name}" in modules else source
                       for alias in node.names]
        for target in targets:
            # `import a.b.c` of a name that is not a module: the nearest module above it
            while target and target not in modules:
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


def import_graph():
    modules = project_modules()
    return {name: imported_modules(name, path, modules) for name, path in modules.items()}


def cycles(graph):
    """The strongly connected components with more than one module (Tarjan), each sorted."""
    index, low, on_stack, stack, found = {}, {}, set(), [], []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for successor in graph.get(node, ()):
            if successor not in index:
                visit(successor)
                low[node] = min(low[node], low[successor])
            elif successor in on_stack:
                low[node] = min(low[node], index[successor])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(found)


def test_the_project_has_no_import_cycle():
    graph = import_graph()
    assert len(graph) > 100 and "scrutiny.tasks" in graph  # it did find the project's modules
    found = cycles(graph)
    assert not found, "import cycles (module-level imports):\n" + "\n".join(
        " <-> ".join(component) for component in found)


def test_the_cycle_finder_finds_cycles():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_relative_and_submodule_imports_are_resolved(tmp_path):
    modules = {"app": tmp_path / "app" / "__init__.py", "app.tasks": tmp_path / "app" / "tasks.py",
               "app.services": tmp_path / "app" / "services" / "__init__.py",
               "app.services.render": tmp_path / "app" / "services" / "render.py"}
    for path in modules.values():
        path.parent.mkdir(parents=True, exist_ok=True)
    modules["app.services.render"].write_text(
        "from ..tasks import job\nfrom . import render\n"
        "def later():\n    from app.services import render\n")
    modules["app.tasks"].write_text(
        "import typing\nif typing.TYPE_CHECKING:\n    from .services import render\n"
        "class Job:\n    from app.services import render as r\n")
    assert imported_modules("app.services.render", modules["app.services.render"],
                            modules) == {"app.tasks"}
    assert imported_modules("app.tasks", modules["app.tasks"], modules) == {"app.services.render"}
