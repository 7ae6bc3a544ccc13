"""The shape of the code: the core/GUI boundary, layers without circles, one seam between
files and endpoints, and small modules and functions."""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pytest

from helpers import REPO

FORBIDDEN = ("PySide6", "PyQt5", "PyQt6", "shiboken6", "ui")

# lowest first: a module may import its own layer and the layers below, never above
LAYERS = (
    (
        "explorer.domain.errors",
        "explorer.domain.vocab",
        "explorer.files.resources",
        "explorer.files.atomic",
        "explorer.formats.xmlchars",
        "explorer.formats.cells",
        "explorer.files.caches",
        "explorer.files.licences",
        "explorer",
    ),
    (
        "explorer.domain.progress",
        "explorer.domain.kinds",
        "explorer.domain.statuses",
        "explorer.domain.rules",
        "explorer.domain.tiers",
        "explorer.statements",
        "explorer.domain.clock",
    ),
    (
        "explorer.domain.relations",
        "explorer.domain.model",
        "explorer.graph.store",
        "explorer.views.layout",
        "explorer.graph.scan",
    ),
    ("explorer.graph.index",),
    (
        "explorer.ingest",
        "explorer.graph.lookup",
        "explorer.export.provenance",
        "explorer.search",
        "explorer.graph.calls",
    ),
    ("explorer.analysis", "explorer.views.graph_view", "explorer.estate.warm"),
    (
        "explorer.analysis.details",
        "explorer.analysis.changes",
        "explorer.export",
        "explorer.views.filters",
        "explorer.views.grouping",
        "explorer.report",
        "explorer.recording.context_file",
        "explorer.recording.edits",
    ),
    ("explorer.remote",),
    ("explorer.estate",),
    ("explorer.workspace.state", "explorer.workspace.picture", "explorer.cli", "explorer.__main__"),
    ("explorer.workspace.names",),
    ("ui",),
)
# only the seam asks whether a source is a file or an endpoint
SEAM = ("explorer.estate", "explorer.remote")
ENDPOINT_WORDS = {"is_endpoint", "endpoint_among", "EndpointEstate", "FileEstate", "load_files"}
# outside the seam, an endpoint is only ever an address (the app's dialog parses one)
ADDRESS_NAMES = {"Endpoint", "parse_endpoint"}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _sources(*roots: str) -> Iterator[tuple[str, ast.Module]]:
    for root in roots:
        for path in sorted((REPO / root).rglob("*.py")):
            yield _module_name(path), ast.parse(path.read_text(encoding="utf-8"))


def _imports(tree: ast.AST) -> Iterator[tuple[str, list[str]]]:
    """(module, names imported from it) of every import, lazy ones inside functions too."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from ((alias.name, []) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module, [alias.name for alias in node.names]


def _imported_modules(source: str) -> set[str]:
    return {module for module, _ in _imports(ast.parse(source))}


def _layer(module: str) -> int:
    """The layer of ``module``: of its longest matching prefix (the package ``explorer``
    itself, which holds the version, matches only itself)."""
    best, found = -1, -1
    for number, prefixes in enumerate(LAYERS):
        for prefix in prefixes:
            matches = module == prefix or (prefix != "explorer" and module.startswith(prefix + "."))
            if matches and len(prefix) > best:
                best, found = len(prefix), number
    return found


def _import_graph(modules: set[str], trees: dict[str, ast.Module]) -> nx.DiGraph:
    graph = nx.DiGraph()
    for name, tree in trees.items():
        for module, names in _imports(tree):
            targets = [f"{module}.{n}" for n in names if f"{module}.{n}" in modules]
            for target in targets or ([module] if module in modules else []):
                if target != name:
                    graph.add_edge(name, target)
    return graph


def test_no_module_of_explorer_imports_qt_or_ui() -> None:
    offenders = [
        f"{name} imports {module}"
        for name, tree in _sources("explorer")
        for module, _ in _imports(tree)
        if module.split(".")[0] in FORBIDDEN
    ]
    assert offenders == []


def test_the_scan_sees_a_lazy_import_inside_a_function() -> None:
    source = "def f():\n    from PySide6.QtCore import QObject\n"
    assert "PySide6.QtCore" in _imported_modules(source)


def test_explorer_has_no_import_circle() -> None:
    trees = dict(_sources("explorer"))
    circles = list(nx.simple_cycles(_import_graph(set(trees), trees)))
    assert circles == []


def test_the_circle_check_sees_a_circle() -> None:
    trees = {
        "explorer.a": ast.parse("from explorer.b import x\n"),
        "explorer.b": ast.parse("def f():\n    import explorer.a\n"),
    }
    assert list(nx.simple_cycles(_import_graph(set(trees), trees)))


def test_no_module_imports_a_higher_layer() -> None:
    offenders = []
    for name, tree in _sources("explorer", "ui"):
        assert _layer(name) >= 0, f"{name} belongs to no layer: add it to LAYERS"
        for module, _ in _imports(tree):
            if module.startswith(("explorer", "ui")) and _layer(module) > _layer(name):
                offenders.append(f"{name} imports {module}")
    assert offenders == []


def _endpoint_branches(name: str, tree: ast.AST) -> list[str]:
    found = []
    for module, names in _imports(tree):
        if module.startswith(("explorer.estate.", "explorer.remote")) and not (
            module == "explorer.remote.endpoint" and set(names) <= ADDRESS_NAMES
        ):
            found.append(f"{name} imports {module} {names}")
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and node.id in ENDPOINT_WORDS:
            found.append(f"{name} uses {node.id}")
        if isinstance(node, ast.Attribute) and node.attr in ENDPOINT_WORDS | {"remote"}:
            found.append(f"{name} uses .{node.attr}")
    return found


def test_nothing_outside_the_seam_asks_whether_it_holds_files_or_an_endpoint() -> None:
    offenders = [
        problem
        for name, tree in _sources("explorer", "ui")
        if not name.startswith(SEAM)
        for problem in _endpoint_branches(name, tree)
    ]
    assert offenders == []


@pytest.mark.parametrize(
    "source",
    [
        "from explorer.remote.endpoint import is_endpoint\n",
        "from explorer.estate.files import FileEstate\n",
        "def f(estate):\n    return estate.remote\n",
        "from explorer.remote.mirror import walk\n",
    ],
)
def test_the_seam_check_sees_a_branch(source: str) -> None:
    assert _endpoint_branches("ui.x", ast.parse(source))


def test_modules_and_functions_stay_small() -> None:
    too_long = []
    for root in ("explorer", "ui"):
        for path in sorted((REPO / root).rglob("*.py")):
            text = path.read_text(encoding="utf-8")
            if text.count("\n") > 300:
                too_long.append(f"{path.relative_to(REPO)}: {text.count(chr(10))} lines")
            for node in ast.walk(ast.parse(text)):
                if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                    length = (node.end_lineno or node.lineno) - node.lineno + 1
                    if length > 40:
                        too_long.append(f"{path.relative_to(REPO)}:{node.lineno} {node.name}")
    window = (REPO / "ui" / "main_window.py").read_text(encoding="utf-8")
    if window.count("\n") >= 250:
        too_long.append(f"ui/window/main_window.py: {window.count(chr(10))} lines")
    assert too_long == []


def _modules_after(code: str) -> set[str]:
    probe = f"{code}\nimport sys\nprint(' '.join(sorted(sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=REPO, check=True
    )
    return set(out.stdout.split())


def test_importing_the_whole_engine_loads_no_qt() -> None:
    code = (
        "import explorer.cli, explorer.ingest, explorer.export, explorer.domain.model, "
        "explorer.workspace.state\n"
        "explorer.ingest.load()"
    )
    assert not {m for m in _modules_after(code) if m.split(".")[0] in FORBIDDEN[:4]}


def test_console_script_runs_a_cli_command_without_qt(tmp_path: Path) -> None:
    out = tmp_path / "estate.nt"
    code = f"from ui.launcher import main\nassert main(['snapshot', '-o', {str(out)!r}]) == 0"
    assert "PySide6" not in _modules_after(code)
    assert out.stat().st_size > 0


def test_launcher_sends_only_gui_command_lines_to_qt() -> None:
    from ui.launcher import _wants_gui

    assert _wants_gui([]) and _wants_gui(["gui"]) and _wants_gui(["estate/", "more.ttl"])
    assert _wants_gui(["screenshot", "-o", "x.png"])
    assert not _wants_gui(["gaps"]) and not _wants_gui(["--help"])
    assert not _wants_gui(["import", "a.csv", "-o", "a.ttl"])
