"""Blast radius or upstream of the selected node: what is reached, and who must be told."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from explorer.analysis import Direction, Reach
from explorer.atomic import atomic_write_bytes
from explorer.errors import InputError
from explorer.report import reach_csv
from ui import dialogs
from ui.models import IMPACT_COLUMNS, TEAM_COLUMNS
from ui.table import RecordTable

__all__ = ["ImpactPanel", "heading_for"]


def heading_for(answer: Reach) -> str:
    """The panel's title, direction said in words."""
    name = answer.node.label
    count = len(answer.impacted)
    if answer.direction is Direction.AFFECTED:
        return f"Affected if {name} fails: {count} node(s), {len(answer.teams)} team(s) to tell"
    return f"{name} needs: {count} node(s), owned by {len(answer.teams)} team(s)"


class ImpactPanel(QWidget):
    """Signals:
    node_chosen(str): the IRI of a reached node or team the user picked.
    """

    node_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.answer: Reach | None = None
        self.heading = QLabel("Select a node and press B (affected if it fails) or U (needs).")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        bold = self.heading.font()
        bold.setBold(True)
        self.heading.setFont(bold)
        self.heading.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.impacted = RecordTable(IMPACT_COLUMNS)
        self.teams = RecordTable(TEAM_COLUMNS)
        self.impacted.widest_column = 220
        self.teams.widest_column = 200
        self.copy_button = QPushButton("Copy")
        self.copy_button.setToolTip("Copy the list as CSV (Ctrl+Shift+C)")
        self.copy_button.setShortcut(QKeySequence("Ctrl+Shift+C"))
        self.save_button = QPushButton("Save CSV…")
        for button in (self.copy_button, self.save_button):
            button.setEnabled(False)
        self.copy_button.clicked.connect(self.copy)
        self.save_button.clicked.connect(self._ask_save)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.copy_button)
        top.addWidget(self.save_button)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.setObjectName("impact-split")
        split.addWidget(self.impacted)
        split.addWidget(self.teams)
        split.setSizes([520, 380])
        self.split = split
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        self.impacted.record_activated.connect(lambda i: self.node_chosen.emit(i.entity.iri))
        self.teams.record_activated.connect(lambda t: self.node_chosen.emit(t.entity.iri))

    def show_reach(self, answer: Reach) -> None:
        self.answer = answer
        self.heading.setText(heading_for(answer))
        self.impacted.set_records(answer.impacted)
        self.teams.set_records(answer.teams)
        for button in (self.copy_button, self.save_button):
            button.setEnabled(True)

    def clear(self) -> None:
        self.answer = None
        self.heading.setText("Select a node and press B (affected if it fails) or U (needs).")
        self.impacted.set_records([])
        self.teams.set_records([])
        for button in (self.copy_button, self.save_button):
            button.setEnabled(False)

    def copy(self) -> None:
        if self.answer is not None:
            QGuiApplication.clipboard().setText(reach_csv(self.answer))

    def save_csv(self, path: Path) -> None:
        """Write the roster atomically: a half-written file never replaces a good one."""
        if self.answer is not None:
            atomic_write_bytes(path, reach_csv(self.answer).encode("utf-8"))

    def _ask_save(self) -> None:
        if self.answer is None:
            return
        name, _ = QFileDialog.getSaveFileName(
            self,
            "Save as CSV",
            f"{self.answer.node.id}-{self.answer.direction}.csv",
            "CSV (*.csv)",
        )
        if name:
            try:
                self.save_csv(Path(name))
            except InputError as exc:
                dialogs.show_error(self, "Cannot save", str(exc))
