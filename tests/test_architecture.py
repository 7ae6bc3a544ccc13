"""The shape of the code: the core/GUI boundary, layers without circles (import-linter's
contracts in pyproject.toml, which the design document draws), one seam between files and
endpoints, the window built in one place, and small modules and functions."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pytest

from helpers import REPO

FORBIDDEN = ("PySide6", "PyQt5", "PyQt6", "shiboken6", "ui")

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


def test_no_import_circle_between_any_two_modules() -> None:
    trees = dict(_sources("explorer", "ui"))
    circles = list(nx.simple_cycles(_import_graph(set(trees), trees)))
    assert circles == []


def test_the_circle_check_sees_a_circle() -> None:
    trees = {
        "explorer.a": ast.parse("from explorer.b import x\n"),
        "explorer.b": ast.parse("def f():\n    import explorer.a\n"),
    }
    assert list(nx.simple_cycles(_import_graph(set(trees), trees)))


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
    window = (REPO / "ui" / "window" / "main_window.py").read_text(encoding="utf-8")
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


def _contracts() -> dict[str, dict[str, object]]:
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    return {c["id"]: c for c in config["tool"]["importlinter"]["contracts"]}


def _documented_layers(heading: str) -> list[str]:
    """The layers of a table in docs/architecture.md, top first: its first column, each
    cell's packages as the contract writes them (``cli | workspace``)."""
    text = (REPO / "docs" / "architecture.md").read_text(encoding="utf-8")
    table = text.split(heading, 1)[1].split("\n\n", 2)[1]
    rows = [line for line in table.splitlines() if line.startswith("| `")]
    return [" | ".join(re.findall(r"`([\w_]+)`", row.split(" | ")[0])) for row in rows]


@pytest.mark.parametrize(
    ("contract", "heading"),
    [("engine-layers", "The engine's layers"), ("app-layers", "The app's layers")],
)
def test_the_design_document_draws_the_contracts_layers(contract: str, heading: str) -> None:
    assert _documented_layers(heading) == _contracts()[contract]["layers"]


def test_the_design_documents_tree_is_the_tree() -> None:
    text = (REPO / "docs" / "architecture.md").read_text(encoding="utf-8")
    tree = text.split("## The tree", 1)[1].split("```text", 1)[1].split("```", 1)[0]
    drawn, top = set(), ""
    for line in tree.splitlines():
        if found := re.match(r"^(\w+)/", line):
            top = found.group(1)
        elif found := re.match(r"^  (\w+)/", line):
            drawn.add(f"{top}/{found.group(1)}")
    packages = {
        f"{root}/{path.parent.name}"
        for root in ("explorer", "ui")
        for path in (REPO / root).glob("*/__init__.py")
    }
    assert drawn == packages


def test_every_package_is_in_a_layer() -> None:
    """The contracts are exhaustive (a package no layer names fails them); this says
    which is missing in words, before import-linter runs."""
    for contract, root in (("engine-layers", "explorer"), ("app-layers", "ui")):
        layers = _contracts()[contract]["layers"]
        named = {name.strip() for layer in layers for name in re.split(r"[|:]", layer)}
        present = {p.stem if p.suffix else p.name for p in (REPO / root).iterdir()}
        present = {p for p in present if not p.startswith(("_", ".")) or p == "__main__"}
        present -= {"icons", "__init__"}
        assert present <= named, f"{root}: {sorted(present - named)} in no layer"


def test_only_the_app_builds_the_main_window() -> None:
    """Command groups, panels and the canvas get what they act on, never the window."""
    builders = {
        name
        for name, tree in _sources("ui")
        for module, names in _imports(tree)
        if module == "ui.window.main_window" or "MainWindow" in names
    }
    assert builders == {"ui.app"}


def test_import_linter_keeps_every_contract() -> None:
    linter = Path(sys.executable).with_name("lint-imports")
    done = subprocess.run(
        [str(linter), "--no-cache"], capture_output=True, text=True, cwd=REPO, check=False
    )
    assert done.returncode == 0, done.stdout[-3000:]
