"""A table model over the core's entity records; the view never touches the graph."""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from explorer.model import Entity

__all__ = ["EntityTableModel"]

_Index = QModelIndex | QPersistentModelIndex

_COLUMNS: tuple[tuple[str, Callable[[Entity], object]], ...] = (
    ("Label", lambda e: e.label),
    ("Kind", lambda e: e.kind),
    ("Id", lambda e: e.id),
    ("Owner", lambda e: ", ".join(e.owners)),
    ("Tier", lambda e: e.tier if e.tier is not None else ""),
    ("Status", lambda e: e.status),
)


class EntityTableModel(QAbstractTableModel):
    """One row per entity. ``Qt.UserRole`` gives the ``Entity`` itself."""

    def __init__(self, entities: Sequence[Entity] = (), parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._entities = list(entities)

    def set_entities(self, entities: Sequence[Entity]) -> None:
        """Replace every row at once (a new graph was loaded)."""
        self.beginResetModel()
        self._entities = list(entities)
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._entities)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(_COLUMNS)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._entities):
            return None
        item = self._entities[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return str(_COLUMNS[index.column()][1](item))
        if role == Qt.ItemDataRole.ToolTipRole:
            # Qt guesses whether a tooltip is HTML; escaped text is shown as written.
            return f"<p>{html.escape(item.description)}</p>" if item.description else None
        if role == Qt.ItemDataRole.UserRole:
            return item
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(_COLUMNS):
            return _COLUMNS[section][0]
        return None
