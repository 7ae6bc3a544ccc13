"""What the open load could not read, and what it skipped: one row each, where it is.

Double-click (or Enter on) a row to open its file in the program the desktop uses for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QVBoxLayout, QWidget

from explorer.domain.vocab import id_from_iri
from explorer.estate import Estate
from explorer.workspace.state import Change, Workspace
from ui.panels.columns import Column
from ui.panels.table import RecordTable, wrapped_label

__all__ = ["Finding", "ProblemsPanel"]

_EMPTY = "Everything that was opened was read."


@dataclass(frozen=True)
class Finding:
    """A problem (left out) or a warning (read, with something skipped), and where."""

    severity: str
    path: str | None
    line: int | None
    text: str

    @property
    def where(self) -> str:
        if self.path is None:
            return ""
        return (
            f"{Path(self.path).name}:{self.line}" if self.line is not None else Path(self.path).name
        )


def findings(estate: Estate) -> list[Finding]:
    problems = [Finding("problem", p.path, p.line, p.message) for p in estate.problems]
    warnings = [
        Finding("warning", getattr(w, "path", None), getattr(w, "line", None), str(w))
        for w in estate.warnings
    ]
    merged = [
        Finding(
            "merged",
            _file(m.where),
            _line(m.where),
            f"{m.other} is the same as {id_from_iri(m.node)} (matched by {m.how}): one node",
        )
        for m in estate.merges()
    ]
    return problems + warnings + merged


def _file(where: str) -> str | None:
    return where.rpartition(":")[0] if where.rpartition(":")[2].isdigit() else where or None


def _line(where: str) -> int | None:
    tail = where.rpartition(":")[2]
    return int(tail) if tail.isdigit() else None


COLUMNS = (
    Column("Severity", lambda f: f.severity),
    Column("Where", lambda f: f.where, lambda f: f.path or ""),
    Column("What", lambda f: f.text, lambda f: f.text),
)


class ProblemsPanel(QWidget):
    """Signals:
    found(): an estate was opened with problems (the panel should be seen).
    """

    found = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = wrapped_label(_EMPTY)
        self.table = RecordTable(COLUMNS)
        self.table.widest_column = 260
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.heading)
        layout.addWidget(self.table, 1)
        self.table.clicked.disconnect()  # a click selects; opening a file needs more
        self.table.activated.disconnect()
        self.table.activated.connect(self._open)  # a double-click, or Enter

    def observe(self, state: Workspace) -> None:
        """List each opened estate's problems; say when there are some."""

        def opened() -> None:
            if state.estate is not None and self.show_estate(state.estate):
                self.found.emit()

        state.observe(Change.ESTATE, opened)

    def show_estate(self, estate: Estate) -> int:
        """List the estate's problems and warnings; returns how many problems."""
        found = findings(estate)
        self.table.set_records(found)
        problems = sum(f.severity == "problem" for f in found)
        if problems:
            self.heading.setText(
                f"{problems} problem(s): left out, the rest is open. "
                "Double-click one to open its file."
            )
        else:
            self.heading.setText(f"{len(found)} warning(s)." if found else _EMPTY)
        return problems

    def _open(self, index: QModelIndex) -> None:
        finding = index.data(Qt.ItemDataRole.UserRole)
        if isinstance(finding, Finding) and finding.path and Path(finding.path).exists():
            QDesktopServices.openUrl(QUrl.fromLocalFile(finding.path))
