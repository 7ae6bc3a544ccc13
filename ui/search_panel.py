"""The search box and its results: results follow the typing; Enter picks the first.

A file's estate is searched at once; a slow one's (an endpoint's) in the background, in
the job runner's search lane, where a newer query supersedes the older one.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from explorer.errors import InputError
from explorer.estate import Estate
from explorer.kinds import KINDS
from explorer.model import Entity
from explorer.progress import StepProgress
from explorer.search import Fragment, SearchHit
from ui.jobs import JobRunner, Lane
from ui.models import SEARCH_COLUMNS
from ui.table import RecordTable

__all__ = ["SearchPanel"]

ALL_KINDS = "All kinds"
Answer = tuple[str, list[SearchHit], str]  # the query, its hits, an error


class SearchPanel(QWidget):
    """Signals:
    node_chosen(str): the IRI of the result the user picked.
    searched(): the results of the latest query are shown.
    """

    node_chosen = Signal(str)
    searched = Signal()

    def __init__(self, jobs: JobRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.jobs = jobs
        self.estate: Estate | None = None
        self._pick_first = False
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
        self._lay_out()
        self._debounce = QTimer(self, singleShot=True, interval=120)
        self._debounce.timeout.connect(self.refresh)
        self.query.textChanged.connect(self._debounce.start)
        self.query.returnPressed.connect(self.choose_first)
        self.kind.currentTextChanged.connect(self._filter_kind)
        self.results.record_activated.connect(lambda hit: self.node_chosen.emit(hit.iri))

    def _lay_out(self) -> None:
        row = QHBoxLayout()
        row.addWidget(self.query, 1)
        row.addWidget(self.kind)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(row)
        layout.addWidget(self.message)
        layout.addWidget(self.results, 1)

    def set_estate(self, estate: Estate) -> None:
        self.estate = estate
        self.refresh()

    def focus(self) -> None:
        self.query.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.query.selectAll()

    def refresh(self) -> None:
        """Run the query now (an empty query lists every entity)."""
        self._debounce.stop()
        estate, text = self.estate, self.query.text()
        if estate is None:
            return
        if not text.strip():
            self.jobs.cancel(Lane.SEARCH)
            self._show((text, [_as_hit(e) for e in estate.entities()], ""))
            return
        slow = estate.capabilities.slow
        if slow:
            self.message.setText(f"Searching {estate.title} for {text!r}…")
            self.message.show()
        self.jobs.run(
            lambda report: _ask(estate, text, report),
            self._show,
            failure="Cannot search",
            lane=Lane.SEARCH,
            background=slow,
        )

    def _show(self, answer: Answer) -> None:
        text, hits, error = answer
        self.results.set_records(hits)
        if not hits and not error and text.strip():
            error = f"No matches for {text!r}."
        self.message.setText(error)
        self.message.setVisible(bool(error))
        if self._pick_first:
            self._pick_first = False
            self._choose_shown()
        self.searched.emit()

    def choose_first(self) -> None:
        """Enter: search now and pick the best result (a slow estate's, once it answers)."""
        self._pick_first = True
        self.refresh()

    def _choose_shown(self) -> None:
        if self.results.proxy.rowCount():
            self.results.selectRow(0)
            self.node_chosen.emit(self.results.record_at(0).iri)

    def _filter_kind(self, kind: str) -> None:
        pattern = "" if kind == ALL_KINDS else f"^{kind}$"
        self.results.proxy.setFilterRegularExpression(pattern)


def _ask(estate: Estate, text: str, report: StepProgress) -> Answer:
    """The hits for ``text``; a malformed query is said in the panel, not in a dialog."""
    try:
        return text, estate.search(text, 200, report), ""
    except InputError as exc:
        return text, [], str(exc)


def _as_hit(entity: Entity) -> SearchHit:
    """An entity as a result row, for the list shown before anything is typed."""
    text = " ".join(entity.description.split())
    return SearchHit(entity.iri, entity.id, entity.label, entity.kind, 0.0, Fragment(text[:160]))
