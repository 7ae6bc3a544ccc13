"""Table models over the engine's records: search hits, impacted nodes, teams, gaps.

One small generic model serves every table: a list of records and, per column, a header
and a function of the record. ``Qt.UserRole`` gives the record itself, so views and tests
reach the domain object, never a string.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from explorer.analysis import Impacted, TeamToTell, Via
from explorer.analysis.changes import Change, What
from explorer.domain.model import Entity
from explorer.domain.statuses import OwnerStatus
from explorer.report import members_text
from explorer.search import Match, SearchHit

__all__ = [
    "CHANGE_COLUMNS",
    "CYCLE_COLUMNS",
    "ENTITY_COLUMNS",
    "GAP_COLUMNS",
    "IMPACT_COLUMNS",
    "POINT_COLUMNS",
    "SEARCH_COLUMNS",
    "TEAM_COLUMNS",
    "Column",
    "RecordTableModel",
    "path_text",
]

_Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    """One column: its header, its value (a number sorts as a number, anything else as
    text) and tooltip. ``elide``: the column may be cut to fit, its full text on hover;
    any other is as wide as what it holds."""

    header: str
    value: Callable[[Any], object]
    tip: Callable[[Any], str] | None = None
    elide: bool = False


def path_text(i: Impacted) -> str:
    return " → ".join(i.path)


def _closeness(hit: SearchHit) -> str:
    return {
        Match.EXACT: "its name is what you typed",
        Match.START: "its name starts with what you typed",
        Match.WORD: "a word of its name starts with what you typed",
        Match.TEXT: "what you typed is in its description or another field",
    }[hit.match]


def _described(e: Entity) -> str:
    return f"{e.name}: {e.description}" if e.description else e.name


def _team_status(t: TeamToTell) -> str:
    """Empty for a team one can tell; else what is wrong, in a word (the tooltip says more)."""
    return "" if t.status is OwnerStatus.ACTIVE else str(t.status)


def _sure(i: Impacted) -> str:
    return f"{i.confidence}: the surest path here is as sure as its least sure relation"


_VIA_WORDS = {
    Via.DECLARED: "declared: a source states every relation of a path here",
    Via.OBSERVED: "observed: only a path through calls seen in traffic comes here",
    Via.BOTH: "both: a declared path and a path of observed calls each come here",
}


def _tier(tier: int | None) -> object:
    return tier if tier is not None else ""


SEARCH_COLUMNS = (
    Column("Name", lambda h: h.label, lambda h: f"{h.label} ({h.id}): {h.fragment.text}", True),
    # how close the name is to the query; empty for the list shown before typing
    Column("Relevance", lambda h: h.match.shown if h.score else "", lambda h: _closeness(h)),
    Column("Kind", lambda h: h.kind),
    Column("Matched", lambda h: h.fragment.marked("«", "»"), lambda h: h.fragment.text, True),
)
ENTITY_COLUMNS = (
    Column("Name", lambda e: e.name, lambda e: e.description),
    Column("Kind", lambda e: e.kind),
    Column("Owner", lambda e: ", ".join(e.owners)),
)
IMPACT_COLUMNS = (
    Column("Distance", lambda i: i.distance),
    Column("Kind", lambda i: i.entity.kind),
    Column("Name", lambda i: i.entity.label, lambda i: _described(i.entity)),
    Column("Tier", lambda i: _tier(i.entity.tier)),
    Column("Sure", lambda i: i.confidence.value, lambda i: _sure(i)),
    Column("Via", lambda i: i.via.value, lambda i: _VIA_WORDS[i.via]),
    Column("Path", path_text, path_text, True),
)
TEAM_COLUMNS = (
    Column("Team", lambda t: t.entity.label, lambda t: t.entity.name),
    Column("Status", _team_status, lambda t: f"{t.status}: {t.status.mark or 'somebody to tell'}"),
    Column("Tier", lambda t: _tier(t.worst_tier), lambda t: "the most critical tier it owns here"),
    Column("Contact", lambda t: ", ".join(t.contacts)),
    Column("Owns here", lambda t: ", ".join(t.owns), lambda t: ", ".join(t.owns), True),
    Column("Members", members_text, members_text, True),
)
GAP_COLUMNS = (
    Column("Impact", lambda g: g.impact),
    Column("Rule", lambda g: g.rule),
    Column("Kind", lambda g: g.entity.kind),
    Column("Name", lambda g: g.entity.name),
    Column("Problem", lambda g: g.message, lambda g: g.message, True),
)


def _change_detail(c: Change) -> str:
    if c.what is What.RELATION and c.target is not None:
        return f"{c.relation} {c.target.name}"
    if c.what is What.ATTRIBUTE:
        return f"{c.attribute}: {c.old or '(none)'} → {c.new or '(none)'}"
    if c.what is What.GAP:
        return f"{c.rule}: {c.message}"
    return c.node.kind


CYCLE_COLUMNS = (
    Column("Size", lambda group: len(group)),
    Column("Nodes", lambda group: ", ".join(e.name for e in group), lambda g: _ids(g)),
)
POINT_COLUMNS = (
    Column("Impact", lambda p: p.impact),
    Column("Kind", lambda p: p.entity.kind),
    Column("Name", lambda p: p.entity.name, lambda p: p.entity.description),
    Column("Tier-1 behind", lambda p: len(p.tier1_services), lambda p: ", ".join(p.tier1_services)),
    Column("Cut off", lambda p: ", ".join(p.cut_off), lambda p: ", ".join(p.cut_off)),
)


def _ids(group: tuple[Entity, ...]) -> str:
    return " → ".join(e.id for e in group)


CHANGE_COLUMNS = (
    Column("Change", lambda row: row[0]),
    Column("What", lambda row: row[1].what),
    Column("Name", lambda row: row[1].node.name),
    Column("Detail", lambda row: _change_detail(row[1]), lambda row: _change_detail(row[1])),
)


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
