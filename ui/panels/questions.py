"""The open questions on the graph: listed, filtered to the open ones, answered or dropped.

A click selects the first node a question is about; Answer… and Drop close the selected
question through the window's undo stack (``ui.commands.recording``).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, SignalInstance
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from explorer.domain.clock import today
from explorer.domain.vocab import id_from_iri
from explorer.statements import Question
from explorer.workspace.state import Change, Workspace
from ui.actions import menu_path
from ui.panels.columns import Column
from ui.panels.table import RecordPanel

__all__ = ["QUESTION_COLUMNS", "QuestionsPanel"]


def _due(q: Question) -> str:
    if q.due is None:
        return ""
    return f"{q.due.isoformat()} (overdue)" if q.overdue(today()) else q.due.isoformat()


QUESTION_COLUMNS = (
    Column("Status", lambda q: q.status.value),
    Column("Question", lambda q: q.text, lambda q: q.answer or q.text, True),
    Column("About", lambda q: ", ".join(map(id_from_iri, q.about))),
    Column("Asked of", lambda q: id_from_iri(q.assignee) if q.assignee else ""),
    Column("Due", _due),
)


class QuestionsPanel(RecordPanel):
    """Signals:
    answer(object): the user asks to answer this ``Question``.
    drop(object): the user asks to drop it.
    ask(): the user asks to add a question.
    """

    answer = Signal(object)
    drop = Signal(object)
    ask = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(QUESTION_COLUMNS, lambda q: q.about[0] if q.about else "", parent)
        self.questions: list[Question] = []
        self.open_only = QCheckBox("Open only")
        self.open_only.setChecked(True)
        self.ask_button = QPushButton("Ask…")
        self.answer_button, self.drop_button = QPushButton("Answer…"), QPushButton("Drop")
        row = QHBoxLayout()
        row.addWidget(self.open_only)
        row.addStretch(1)
        for button in (self.ask_button, self.answer_button, self.drop_button):
            row.addWidget(button)
        layout = self.layout()
        assert layout is not None
        assert isinstance(layout, QVBoxLayout)
        layout.insertLayout(1, row)
        self.open_only.toggled.connect(lambda _: self.show_questions(self.questions))
        self.ask_button.clicked.connect(self.ask.emit)
        self.answer_button.clicked.connect(lambda: self._closing(self.answer))
        self.drop_button.clicked.connect(lambda: self._closing(self.drop))

    def observe(self, state: Workspace) -> None:
        """List the open estate's questions, again after every edit."""

        def show() -> None:
            self.show_questions(state.estate.questions() if state.estate is not None else [])

        for change in (Change.ESTATE, Change.FACTS):
            state.observe(change, show)

    def show_questions(self, questions: list[Question]) -> None:
        self.questions = list(questions)
        shown = [q for q in questions if q.open or not self.open_only.isChecked()]
        self.table.set_records(shown)
        still = sum(q.open for q in questions)
        self.heading.setText(
            f"{still} open question(s) of {len(questions)}."
            if questions
            else f"No questions yet: ask one on a node ({menu_path('ask')})."
        )

    def selected(self) -> Question | None:
        row = self.table.currentIndex().row()
        return self.table.record_at(row) if row >= 0 else None

    def _closing(self, signal: SignalInstance) -> None:
        question = self.selected()
        if question is not None and question.open:
            signal.emit(question)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Delete and self.selected() is not None:
            self._closing(self.drop)
            return
        super().keyPressEvent(event)
