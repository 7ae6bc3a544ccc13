"""The search box and its results: results follow the typing; Enter picks the first.

A file's estate is searched at once; an endpoint's in the background, where a newer
query makes the answer to an older one be dropped when it comes.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from explorer.errors import InputError
from explorer.model import KINDS, Entity
from explorer.search import Fragment, SearchHit
from explorer.session import Session
from ui.models import SEARCH_COLUMNS
from ui.table import RecordTable
from ui.worker import Job

__all__ = ["SearchPanel"]

ALL_KINDS = "All kinds"
Answer = tuple[int, str, list[SearchHit], str]  # which query, its text, hits, an error


class SearchPanel(QWidget):
    """Signals:
    node_chosen(str): the IRI of the result the user picked.
    searched(): the results of the latest query are shown.
    """

    node_chosen = Signal(str)
    searched = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session: Session | None = None
        self.jobs: set[Job] = set()  # searches of an endpoint still under way
        self._asked = 0  # queries sent to an endpoint; only the latest one's answer counts
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
        self._asked += 1
        if not text.strip():
            self._show([_as_hit(e) for e in self.session.entities], text)
        elif self.session.remote:
            self._search_endpoint(self.session, text)
        else:
            try:
                self._show(self.session.search(text, limit=200), text)
            except InputError as exc:
                self._show([], text, str(exc))

    def _search_endpoint(self, session: Session, text: str) -> None:
        asked = self._asked

        def work(_report: object) -> Answer:
            try:
                return asked, text, session.search(text, limit=200), ""
            except InputError as exc:
                return asked, text, [], str(exc)

        job = Job(work)
        # a bound method: the answer is handed over to the GUI thread, queued
        job.finished.connect(self._endpoint_answered)
        job.failed.connect(self._endpoint_answered)
        job.runner.finished.connect(self._forget_finished_jobs)
        self.jobs.add(job)
        self.message.setText(f"Searching {session.title} for {text!r}…")
        self.message.show()
        job.start()

    def _endpoint_answered(self, answer: Answer | str) -> None:
        if isinstance(answer, str):  # not the endpoint's failure: a bug, said in one line
            self._show([], self.query.text(), answer)
        elif answer[0] == self._asked:
            _, text, hits, error = answer
            self._show(hits, text, error)

    def _forget_finished_jobs(self) -> None:
        self.jobs = {job for job in self.jobs if job.runner.isRunning()}

    def _show(self, hits: list[SearchHit], text: str, error: str = "") -> None:
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
        """Enter: search now and pick the best result (an endpoint's, once it answers)."""
        self._pick_first = True
        self.refresh()

    def _choose_shown(self) -> None:
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
