"""What nobody answers for in an answer: each node reached that has no active owner, why,
and whom to ask instead (``explorer.analysis.asking``), under the teams to tell."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from explorer.analysis import Reach
from ui.panels.columns import NOBODY_COLUMNS, REACHED_FROM
from ui.panels.table import RecordTable, wrapped_label

__all__ = ["NobodyList"]

SHOWN_ROWS = 6  # rows shown before the list scrolls


class NobodyList(QWidget):
    """A heading that counts them, over one row per node nobody answers for; the table is
    hidden when there are none (the heading says so)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = wrapped_label()
        self.table = RecordTable(NOBODY_COLUMNS)
        self.table.widest_column = 300
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.table, 1)
        self.clear()

    def show_answer(self, answer: Reach) -> None:
        """The nodes of ``answer`` nobody answers for; for a scope, with the changes that
        reach each."""
        nobody = answer.nobody
        self.heading.setText(
            f"Nobody to tell: {len(nobody)} node(s) no active owner answers for; ask instead:"
            if nobody
            else "Nobody to tell: none (every node reached has an active owner)."
        )
        self.table.set_records(nobody)
        self.table.setColumnHidden(NOBODY_COLUMNS.index(REACHED_FROM), not answer.scope)
        self.table.setVisible(bool(nobody))
        self._fit(len(nobody))

    def _fit(self, rows: int) -> None:
        """As tall as its rows (up to ``SHOWN_ROWS``): the teams to tell keep the room."""
        table = self.table
        height = table.horizontalHeader().sizeHint().height() + 2 * table.frameWidth()
        height += min(rows, SHOWN_ROWS) * table.verticalHeader().defaultSectionSize()
        table.setMaximumHeight(height + table.horizontalScrollBar().sizeHint().height())

    def clear(self) -> None:
        self.heading.clear()
        self.table.set_records([])
        self.table.hide()
