"""The search box and its results: results follow the typing; Enter picks the best.

From the box, Up and Down move through the results and Enter picks the one marked (the
best when none is), then hands the keyboard to the canvas, so B, U and Esc act on it at
once; Esc in the box says so to the window (which clears a highlight first), and clears
the text when nothing else is left to clear.

Ctrl+click and Shift+click in the results add to the selection (Ctrl+click takes a row out
again), as in a file manager; the list marks every node selected, wherever it was picked.

A file's estate is searched at once; a slow one's (an endpoint's) in the background, in
the job runner's search lane, where a newer query supersedes the older one.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelection, QItemSelectionModel, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from explorer.domain.errors import InputError
from explorer.domain.kinds import KINDS
from explorer.domain.model import Entity
from explorer.domain.progress import StepProgress
from explorer.estate import Estate
from explorer.search import Fragment, SearchHit
from explorer.workspace.state import Change, Workspace
from ui.jobs.runner import JobRunner, Lane
from ui.panels.columns import SEARCH_COLUMNS
from ui.panels.table import RecordTable, wrapped_label

__all__ = ["SearchPanel"]

ALL_KINDS = "All kinds"
LISTED_AT_ONCE = 2000  # past this many entities, lists and searches are made off the GUI thread
# the keys that move through the results from the box, and by how many rows
_MOVES: dict[int, int] = {
    Qt.Key.Key_Down.value: 1,
    Qt.Key.Key_Up.value: -1,
    Qt.Key.Key_PageDown.value: 10,
    Qt.Key.Key_PageUp.value: -10,
}
Answer = tuple[str, list[SearchHit], str]  # the query, its hits, an error
_CTRL = Qt.KeyboardModifier.ControlModifier


class SearchPanel(QWidget):
    """Signals:
    node_chosen(str): the IRI of the result the user picked.
    nodes_chosen(list): the IRIs selected after a Ctrl+click or Shift+click in the list
        (those selected elsewhere and not listed stay selected).
    picked_with_enter(): a result was picked from the box with Enter (the window then
        gives the canvas the keyboard).
    escaped(): Esc was pressed in the box.
    searched(): the results of the latest query are shown.
    """

    node_chosen = Signal(str)
    nodes_chosen = Signal(list)
    picked_with_enter = Signal()
    escaped = Signal()
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
        self.message = wrapped_label()
        self.results = RecordTable(SEARCH_COLUMNS)
        self.results.widest_column = 150
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self._chosen: tuple[str, ...] = ()  # the nodes selected, wherever they were picked
        self._held = Qt.KeyboardModifier.NoModifier  # with the last click in the list
        self.results.viewport().installEventFilter(self)
        self._lay_out()
        self._debounce = QTimer(self, singleShot=True, interval=120)
        self._debounce.timeout.connect(self.refresh)
        self.query.textChanged.connect(self._debounce.start)
        self.query.returnPressed.connect(self.choose_first)
        self.query.installEventFilter(self)
        self.kind.currentTextChanged.connect(self._filter_kind)
        self.results.record_activated.connect(self._picked)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The box's keys: Up and Down move through the results; Esc is the window's to
        interpret (taken before the window's Esc shortcut could). In the list: whether a
        click adds to the selection (Ctrl, Shift)."""
        if watched is self.results.viewport() and isinstance(event, QMouseEvent):
            if event.type() == QEvent.Type.MouseButtonPress:
                self._held = event.modifiers() & (_CTRL | Qt.KeyboardModifier.ShiftModifier)
            return False
        if watched is not self.query or not isinstance(event, QKeyEvent):
            return False
        key = event.key()
        if event.type() == QEvent.Type.ShortcutOverride and key == Qt.Key.Key_Escape:
            event.accept()  # ours, not the window's "clear highlight" shortcut
            return True
        if event.type() == QEvent.Type.KeyPress:
            if key == Qt.Key.Key_Escape:
                self.escaped.emit()
                return True
            if key in _MOVES:
                self._move(_MOVES[key])
                return True
        return False

    def _move(self, step: int) -> None:
        rows = self.results.source.rowCount()
        if not rows:
            return
        current = self.results.currentIndex().row()
        row = 0 if current < 0 else min(max(current + step, 0), rows - 1)
        self.results.selectRow(row)

    def clear_text(self) -> None:
        self.query.clear()

    def _lay_out(self) -> None:
        row = QHBoxLayout()
        row.addWidget(self.query, 1)
        row.addWidget(self.kind)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(row)
        layout.addWidget(self.message)
        layout.addWidget(self.results, 1)

    def observe(self, state: Workspace) -> None:
        """Search the open estate; after an edit, ask the query again of what it says now."""

        def opened() -> None:
            if state.estate is not None:
                self.set_estate(state.estate)

        def edited() -> None:
            if state.estate is not None:
                self.follow(state.estate)

        state.observe(Change.ESTATE, opened)
        state.observe(Change.FACTS, edited)
        state.observe(Change.SELECTION, lambda: self.mark(state.chosen))

    def mark(self, chosen: tuple[str, ...]) -> None:
        """Mark the rows of the nodes selected (anywhere), so that a Ctrl+click or
        Shift+click here adds to what is selected."""
        self._chosen, wanted = chosen, set(chosen)
        model, marks = self.results.source, QItemSelection()
        for row in range(model.rowCount()):
            if model.record_at(row).iri in wanted:
                marks.select(model.index(row, 0), model.index(row, model.columnCount() - 1))
        flag = QItemSelectionModel.SelectionFlag.ClearAndSelect
        self.results.selectionModel().select(marks, flag)

    def _picked(self, hit: SearchHit) -> None:
        """A row clicked (or Enter on it): that node alone; after a Ctrl+click or a
        Shift+click, every row selected with those selected elsewhere, the row last."""
        held, self._held = self._held, Qt.KeyboardModifier.NoModifier
        if held == Qt.KeyboardModifier.NoModifier:
            self.node_chosen.emit(hit.iri)
            return
        rows = sorted(i.row() for i in self.results.selectionModel().selectedRows())
        picked = [self.results.record_at(row).iri for row in rows]
        listed = {h.iri for h in self.results.visible_records()}
        kept = [c for c in self._chosen if c not in listed or c in picked]
        chosen = [*kept, *(p for p in picked if p not in kept)]
        if hit.iri in chosen:
            chosen = [*(c for c in chosen if c != hit.iri), hit.iri]
        self.nodes_chosen.emit(chosen)

    def set_estate(self, estate: Estate) -> None:
        """Search ``estate``; a query typed for the one before is gone with it."""
        self.estate = estate
        self.query.blockSignals(True)
        self.query.clear()
        self.query.blockSignals(False)
        self.refresh()

    def follow(self, estate: Estate) -> None:
        """The same estate after an edit: the query stays, its answer is asked again."""
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
            every = estate.entities()
            self.jobs.run(
                lambda progress: (text, [_as_hit(e) for e in every], ""),
                self._show,
                lane=Lane.SEARCH,
                background=len(every) > LISTED_AT_ONCE,
            )
            return
        slow = estate.capabilities.slow
        if slow:
            self.message.setText(f"Searching {estate.title} for {text!r}…")
            self.message.show()
        self.jobs.run(
            lambda progress: _ask(estate, text, progress),
            self._show,
            failure="Cannot search",
            lane=Lane.SEARCH,
            # a large estate's index may be (re)built first, after opening or an edit
            background=slow or len(estate.entities()) > LISTED_AT_ONCE,
        )

    def _show(self, answer: Answer) -> None:
        text, hits, error = answer
        self.results.set_records(hits)
        self.mark(self._chosen)  # what is selected stays marked, for Ctrl+click to add to
        if not hits and not error and text.strip():
            error = f"No matches for {text!r}."
        self.message.setText(error)
        self.message.setVisible(bool(error))
        if self._pick_first:
            self._pick_first = False
            self._choose_shown()
        self.searched.emit()

    def choose_first(self) -> None:
        """Enter: pick the result marked with the arrow keys, or search now and pick the
        best (a slow estate's, once it answers)."""
        row = self.results.currentIndex().row()
        if (
            row >= 0
            and not self._debounce.isActive()
            and self.results.selectionModel().hasSelection()
        ):
            self._choose(row)
            return
        self._pick_first = True
        self.refresh()

    def _choose_shown(self) -> None:
        if self.results.source.rowCount():
            self._choose(0)

    def _choose(self, row: int) -> None:
        self.results.selectRow(row)
        self.node_chosen.emit(self.results.record_at(row).iri)
        self.picked_with_enter.emit()

    def _filter_kind(self, kind: str) -> None:
        self.results.source.set_filter(None if kind == ALL_KINDS else lambda h: h.kind == kind)


def _ask(estate: Estate, text: str, progress: StepProgress) -> Answer:
    """The hits for ``text``; a malformed query is said in the panel, not in a dialog."""
    try:
        return text, estate.search(text, 200, progress), ""
    except InputError as exc:
        return text, [], str(exc)


def _as_hit(entity: Entity) -> SearchHit:
    """An entity as a result row, for the list shown before anything is typed."""
    text = " ".join(entity.description.split())
    return SearchHit(entity.iri, entity.id, entity.label, entity.kind, 0.0, Fragment(text[:160]))
