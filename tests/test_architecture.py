"""The core/GUI boundary: explorer/ never imports Qt or ui/, and the CLI starts without Qt."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from helpers import REPO

FORBIDDEN = ("PySide6", "PyQt5", "PyQt6", "shiboken6", "ui")


def _imported_modules(source: str) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_no_module_of_explorer_imports_qt_or_ui() -> None:
    offenders = []
    for path in sorted((REPO / "explorer").rglob("*.py")):
        for name in _imported_modules(path.read_text(encoding="utf-8")):
            if name.split(".")[0] in FORBIDDEN:
                offenders.append(f"{path.relative_to(REPO)} imports {name}")
    assert offenders == []


def test_the_scan_sees_a_lazy_import_inside_a_function() -> None:
    source = "def f():\n    from PySide6.QtCore import QObject\n"
    assert "PySide6.QtCore" in _imported_modules(source)


def _modules_after(code: str) -> set[str]:
    probe = f"{code}\nimport sys\nprint(' '.join(sorted(sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=REPO, check=True
    )
    return set(out.stdout.split())


def test_importing_the_whole_engine_loads_no_qt() -> None:
    code = (
        "import explorer.cli, explorer.ingest, explorer.export, explorer.model\n"
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
