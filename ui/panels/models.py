"""One table model over the engine's records: search hits, impacted nodes, teams, gaps.

A list of records and, per column (``ui.panels.columns``), a header and a function of the
record. ``Qt.UserRole`` gives the record itself, so views and tests reach the domain
object, never a string.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from ui.panels.columns import Column

__all__ = ["RecordTableModel"]

_Index = QModelIndex | QPersistentModelIndex


class RecordTableModel(QAbstractTableModel):
    """Rows of records, columns from ``Column`` specs; text is always plain.

    The model sorts and filters its records itself, in Python, on values worked out once
    per row: a sort proxy would ask Python for every cell of every comparison, and the
    view for every role of every painted cell through two models. Rows are handed to the
    view ``PAGE`` at a time as it scrolls (Qt's ``fetchMore``), so a blast radius of ten
    thousand nodes is shown at once and laid out only as seen.
    """

    PAGE = 1000

    def __init__(self, columns: Sequence[Column], parent: Any = None) -> None:
        super().__init__(parent)
        self.columns = tuple(columns)
        self.records: list[Any] = []
        self.order: list[int] = []  # the records shown, by position in ``records``
        self.fetched = 0
        self._keep: Callable[[Any], bool] | None = None
        self._sorted: tuple[int, Qt.SortOrder] | None = None
        self._values: dict[int, tuple[object, ...]] = {}

    def set_records(self, records: Sequence[Any]) -> None:
        """Replace every row at once, kept in the order and under the filter chosen."""
        self.beginResetModel()
        self.records, self._values = list(records), {}
        self._arrange()
        self.endResetModel()

    def set_filter(self, keep: Callable[[Any], bool] | None) -> None:
        """Show only the records ``keep`` says yes to (``None``: all of them)."""
        self.beginResetModel()
        self._keep = keep
        self._arrange()
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Numbers as numbers, then text regardless of case, then blanks (ascending)."""
        self.layoutAboutToBeChanged.emit()
        self._sorted = (column, order) if 0 <= column < len(self.columns) else None
        self._arrange()
        self.layoutChanged.emit()

    def _arrange(self) -> None:
        keep = self._keep
        order = [i for i, r in enumerate(self.records) if keep is None or keep(r)]
        if self._sorted is not None:
            column, direction = self._sorted
            order.sort(
                key=lambda i: _sort_key(self.values(i)[column]),
                reverse=direction == Qt.SortOrder.DescendingOrder,
            )
        self.order = order
        self.fetched = min(self.PAGE, len(order))

    def values(self, position: int) -> tuple[object, ...]:
        """The cells of the record at ``position`` in ``records``, worked out once."""
        cells = self._values.get(position)
        if cells is None:
            record = self.records[position]
            cells = tuple(_cell(c.value(record)) for c in self.columns)
            self._values[position] = cells
        return cells

    def shown(self) -> list[Any]:
        """Every record the table shows, in its order, fetched or not yet."""
        return [self.records[i] for i in self.order]

    def headers(self) -> list[str]:
        return [c.header for c in self.columns]

    def cells(self, rows: Sequence[int] | None = None) -> list[tuple[object, ...]]:
        """The cells of ``rows`` as shown (every row shown, fetched or not, when None):
        what a list is copied or saved as."""
        shown = range(len(self.order)) if rows is None else rows
        return [self.values(self.order[r]) for r in shown if 0 <= r < len(self.order)]

    def record_at(self, row: int) -> Any:
        return self.records[self.order[row]] if 0 <= row < len(self.order) else None

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self.fetched < len(self.order)

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: B008
        more = min(self.PAGE, len(self.order) - self.fetched)
        if parent.isValid() or more <= 0:
            return
        self.beginInsertRows(QModelIndex(), self.fetched, self.fetched + more - 1)
        self.fetched += more
        self.endInsertRows()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.fetched

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row, column = index.row(), index.column()
        if not 0 <= row < self.fetched:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.values(self.order[row])[column]
        if role == Qt.ItemDataRole.ToolTipRole:  # every cell: a cut one is read on hover
            record, spec = self.records[self.order[row]], self.columns[column]
            tip = spec.tip(record) if spec.tip is not None else str(spec.value(record))
            return _plain_tooltip(tip) if tip else None
        if role == Qt.ItemDataRole.UserRole:
            return self.records[self.order[row]]
        numeric = role == Qt.ItemDataRole.TextAlignmentRole and isinstance(
            self.values(self.order[row])[column], int
        )
        if numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self.columns):
            return self.columns[section].header
        return None


def _cell(value: object) -> object:
    return value if isinstance(value, int | float) else str(value)


def _sort_key(value: object) -> tuple[int, float, str]:
    if isinstance(value, int | float):
        return (0, float(value), "")
    text = str(value)
    return (1 if text else 2, 0.0, text.casefold())


def _plain_tooltip(text: str) -> str:
    """Qt guesses whether a tooltip is HTML; escaped text in a paragraph is shown as written."""
    return f"<p>{html.escape(text)}</p>"
