"""Every ownership gap, most impact first; a click selects the node."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from explorer.analysis import Gap
from ui.models import GAP_COLUMNS
from ui.table import RecordTable

__all__ = ["GapsPanel"]


class GapsPanel(QWidget):
    """Signals:
    node_chosen(str): the IRI of the node of the gap the user picked.
    """

    node_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setWordWrap(True)
        self.table = RecordTable(GAP_COLUMNS)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.heading)
        layout.addWidget(self.table, 1)
        self.table.record_activated.connect(lambda gap: self.node_chosen.emit(gap.entity.iri))

    def set_gaps(self, gaps: list[Gap]) -> None:
        self.table.set_records(gaps)
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        nodes = len({g.entity.iri for g in gaps})
        self.heading.setText(
            f"{len(gaps)} ownership gap(s) on {nodes} node(s), most impact first. "
            "Impact: how much is hurt, by tier, if the thing without a reachable owner fails."
            if gaps
            else "No ownership gaps."
        )
