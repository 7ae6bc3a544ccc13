"""The bar over the canvas while a filter is on: what is filtered, and Clear."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from explorer.views.filters import Filter

__all__ = ["FilterBar"]


class FilterBar(QWidget):
    """ "Filtered: kind: service · tier: 1 [Clear]" over the canvas, while a filter is on.

    Signals:
        cleared(): the user asked to show everything again.
    """

    cleared = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = QLabel()
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setWordWrap(True)
        self.clear_button = QPushButton("Clear filter")
        self.clear_button.clicked.connect(self.cleared.emit)
        row = QHBoxLayout(self)
        row.setContentsMargins(6, 2, 6, 2)
        row.addWidget(self.text, 1)
        row.addWidget(self.clear_button)
        self.setStyleSheet("FilterBar { background: palette(alternate-base); }")
        self.hide()

    def show_filter(self, chosen: Filter, shown: int, total: int) -> None:
        self.setVisible(chosen.active)
        self.text.setText(f"Filtered ({shown} of {total} nodes shown): {chosen.describe()}")
