"""A read-only, sortable table of records: the one list widget every panel uses."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from math import ceil
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QContextMenuEvent, QFontMetricsF, QKeyEvent, QKeySequence, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QProxyStyle,
    QStyle,
    QStyleOption,
    QStyleOptionHeader,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.actions import COPY_ROWS_KEYS
from ui.panels.columns import Column
from ui.panels.copying import copy_rows, rows_menu
from ui.panels.models import RecordTableModel

__all__ = ["RecordPanel", "RecordTable", "wrapped_label"]


_ARROW = QStyleOptionHeader.SortIndicator
_FLIP = {_ARROW.SortUp: _ARROW.SortDown, _ARROW.SortDown: _ARROW.SortUp}


def wrapped_label(text: str = "", selectable: bool = False) -> QLabel:
    """A panel's heading or note: plain text (names are the user's, never markup), wrapped,
    and, with ``selectable``, selectable by the mouse to be copied."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class _SortArrows(QProxyStyle):
    """Header arrows as file managers draw them: up for ascending, down for descending
    (Qt's Fusion style draws them the other way round)."""

    def drawPrimitive(
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        if element == QStyle.PrimitiveElement.PE_IndicatorHeaderArrow and isinstance(
            option, QStyleOptionHeader
        ):
            flipped = QStyleOptionHeader(option)
            flipped.sortIndicator = _FLIP.get(option.sortIndicator, option.sortIndicator)
            option = flipped
        super().drawPrimitive(element, option, painter, widget)


SAMPLED_ROWS = 200  # rows a column's width is measured on


class RecordTable(QTableView):
    """Rows of records, sortable by a header click; a click or Enter says which record.
    Its rows are copied or saved from its context menu, and by Ctrl+C (``ui.panels.copying``).

    Signals:
        record_activated(object): the record of the row the user clicked or pressed Enter on.
    """

    record_activated = Signal(object)

    def __init__(
        self,
        columns: Sequence[Column],
        parent: QWidget | None = None,
        elide: Qt.TextElideMode = Qt.TextElideMode.ElideRight,
    ) -> None:
        super().__init__(parent)
        self.source = RecordTableModel(columns, self)
        self.widest_column = 320  # what a column that may be cut gets at most
        self.setTextElideMode(elide)
        self.setModel(self.source)
        self.setSortingEnabled(True)
        self.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 5)
        self.horizontalHeader().setStretchLastSection(True)
        if self.style().name().casefold() == "fusion":
            self._arrows = _SortArrows(self.style().name())
            self.horizontalHeader().setStyle(self._arrows)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.clicked.connect(self._activate)
        self.activated.connect(self._activate)

    def set_records(self, records: Sequence[Any]) -> None:
        """Show ``records``; a column is as wide as what it holds, but one that may be cut
        (``Column.elide``) gets at most ``widest_column``."""
        self.source.set_records(records)
        self.size_columns()

    def size_columns(self) -> None:
        """Widths measured on the first ``SAMPLED_ROWS`` rows shown, in Python: Qt's
        ``resizeColumnsToContents`` asks the model for every role of every fetched row."""
        metrics, header = QFontMetricsF(self.font()), self.horizontalHeader()
        sample = self.source.order[:SAMPLED_ROWS]
        pad = 2 * (self.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1) + 1
        for column, spec in enumerate(self.source.columns[:-1]):
            texts = {str(self.source.values(i)[column]) for i in sample}  # each once
            widest = ceil(max((metrics.horizontalAdvance(t) for t in texts), default=0)) + pad
            width = max(widest, header.sectionSizeHint(column))
            self.setColumnWidth(column, min(width, self.widest_column) if spec.elide else width)

    def record_at(self, row: int) -> Any:
        """The record shown in ``row`` (after sorting and filtering)."""
        return self.source.record_at(row)

    def visible_records(self) -> list[Any]:
        """Every record shown, in the order shown, including rows not fetched yet."""
        return self.source.shown()

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        """Copy as Markdown or CSV, Save as CSV…; shown without waiting for it to close."""
        menu = rows_menu(self, self.source)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(event.globalPos())
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Ctrl+C: the rows selected, or every row shown, as a Markdown table."""
        if QKeySequence(event.keyCombination()) == QKeySequence(COPY_ROWS_KEYS):
            copy_rows(self, self.source, "markdown", selected=True)
            event.accept()
            return
        super().keyPressEvent(event)

    def _activate(self, index: QModelIndex) -> None:
        record = index.data(Qt.ItemDataRole.UserRole)
        if record is not None:
            self.record_activated.emit(record)


class RecordPanel(QWidget):
    """A heading over a ``RecordTable``; picking a row says which node it is about.

    Signals:
        node_chosen(str): the IRI of the node of the record the user picked.
    """

    node_chosen = Signal(str)

    def __init__(
        self,
        columns: Sequence[Column],
        node_of: Callable[[Any], str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.heading = wrapped_label()
        self.table = RecordTable(columns)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.heading)
        layout.addWidget(self.table, 1)
        self.table.record_activated.connect(lambda record: self.node_chosen.emit(node_of(record)))
