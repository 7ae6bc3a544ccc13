"""What changed since an earlier snapshot; a click selects the node."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from explorer.session import Comparison
from ui.models import CHANGE_COLUMNS
from ui.table import RecordTable

__all__ = ["ChangesPanel"]


class ChangesPanel(QWidget):
    """Signals:
    node_chosen(str): the IRI of the node of the change the user picked.
    """

    node_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel("File ▸ Compare with snapshot… (Ctrl+D) lists what changed.")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setWordWrap(True)
        self.table = RecordTable(CHANGE_COLUMNS)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.heading)
        layout.addWidget(self.table, 1)
        self.table.record_activated.connect(lambda row: self.node_chosen.emit(row[1].node.iri))

    def show_comparison(self, comparison: Comparison | None) -> None:
        if comparison is None:
            self.table.set_records([])
            self.heading.setText("File ▸ Compare with snapshot… (Ctrl+D) lists what changed.")
            return
        c = comparison.changes
        rows = (
            [("added", x) for x in c.added]
            + [("removed", x) for x in c.removed]
            + [("changed", x) for x in c.changed]
        )
        self.table.set_records(rows)
        self.heading.setText(
            f"Since {comparison.name}: {len(c.added)} added, {len(c.removed)} removed, "
            f"{len(c.changed)} changed."
            if c
            else f"No changes since {comparison.name}."
        )
