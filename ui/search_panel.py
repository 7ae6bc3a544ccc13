"""The search box and its results: results follow the typing; Enter picks the first."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from explorer.errors import InputError
from explorer.model import KINDS, Entity
from explorer.search import Fragment, SearchHit
from explorer.session import Session
from ui.models import SEARCH_COLUMNS
from ui.table import RecordTable

__all__ = ["SearchPanel"]

ALL_KINDS = "All kinds"


class SearchPanel(QWidget):
    """Signals:
    node_chosen(str): the IRI of the result the user picked.
    """

    node_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session: Session | None = None
        self.query = QLineEdit(placeholderText='Search: words, "a phrase", pre*, kind:vendor')
        self.query.setClearButtonEnabled(True)
        self.kind = QComboBox()
        self.kind.addItems([ALL_KINDS, *KINDS])
        self.message = QLabel()
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.results = RecordTable(SEARCH_COLUMNS)
        self.results.proxy.setFilterKeyColumn(1)
        self.results.widest_column = 190
        row = QHBoxLayout()
        row.addWidget(self.query, 1)
        row.addWidget(self.kind)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(row)
        layout.addWidget(self.message)
        layout.addWidget(self.results, 1)
        self._debounce = QTimer(self, singleShot=True, interval=120)
        self._debounce.timeout.connect(self.refresh)
        self.query.textChanged.connect(self._debounce.start)
        self.query.returnPressed.connect(self.choose_first)
        self.kind.currentTextChanged.connect(self._filter_kind)
        self.results.record_activated.connect(lambda hit: self.node_chosen.emit(hit.iri))

    def set_session(self, session: Session) -> None:
        self.session = session
        self.refresh()

    def focus(self) -> None:
        self.query.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.query.selectAll()

    def refresh(self) -> None:
        """Run the query now (an empty query lists every entity)."""
        self._debounce.stop()
        if self.session is None:
            return
        text = self.query.text()
        self.message.clear()
        self.message.hide()
        if not text.strip():
            self.results.set_records([_as_hit(e) for e in self.session.entities])
            return
        try:
            hits = self.session.search(text, limit=200)
        except InputError as exc:
            self.message.setText(str(exc))
            self.message.show()
            hits = []
        self.results.set_records(hits)
        if not hits and not self.message.text():
            self.message.setText(f"No matches for {text!r}.")
            self.message.show()

    def choose_first(self) -> None:
        """Enter: search now and pick the best visible result."""
        self.refresh()
        if self.results.proxy.rowCount():
            self.results.selectRow(0)
            self.node_chosen.emit(self.results.record_at(0).iri)

    def _filter_kind(self, kind: str) -> None:
        pattern = "" if kind == ALL_KINDS else f"^{kind}$"
        self.results.proxy.setFilterRegularExpression(pattern)


def _as_hit(entity: Entity) -> SearchHit:
    """An entity as a result row, for the list shown before anything is typed."""
    text = " ".join(entity.description.split())
    return SearchHit(entity.iri, entity.id, entity.label, entity.kind, 0.0, Fragment(text[:160]))
