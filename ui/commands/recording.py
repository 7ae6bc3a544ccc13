"""Recording what one learns, in the window: edits through an undo stack, the context file,
the questions panel, and a recovery file so that nothing learned is lost.

Every edit is an ``explorer.recording.edits.Edit`` the estate applies (``Estate.apply_edit``); this
module only asks for it, pushes it on the stack and tells the workspace. After each edit
or undo the context is written to a recovery file beside the settings; the next start
offers it back if the app did not close cleanly.
"""

from __future__ import annotations

import getpass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QUndoView

from explorer.analysis import Reach
from explorer.domain.errors import InputError
from explorer.estate import Estate
from explorer.recording.context_file import Context, ContextChanged
from explorer.recording.edits import (
    Applied,
    Edit,
    close_question,
)
from explorer.statements import Confidence, QuestionStatus
from explorer.workspace.state import Change, reach_again
from ui.commands.edit_forms import EditRequests
from ui.commands.recovery import RECOVERY, RecoveryFile
from ui.dialogs import messages as dialogs
from ui.jobs.worker import Report
from ui.panels.questions import QuestionsPanel

if TYPE_CHECKING:
    from ui.window.main_window import MainWindow

__all__ = ["ContextCommands"]

CONTEXT_FILTER = "Context files (*.ctx.ttl *.ctx.trig)"
_BOTTOM, _RIGHT = Qt.DockWidgetArea.BottomDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea


class _EditCommand(QUndoCommand):
    def __init__(self, owner: ContextCommands, edit: Edit) -> None:
        super().__init__(edit.text)
        self.owner, self.edit = owner, edit
        self.done: Applied | None = None

    def redo(self) -> None:
        estate = self.owner.window.workspace.estate
        assert estate is not None
        changed, self.done = estate.apply_edit(self.edit)
        self.owner.changed(changed, _sentence(self.edit.text))

    def undo(self) -> None:
        estate = self.owner.window.workspace.estate
        assert estate is not None and self.done is not None
        self.owner.changed(estate.revert_edit(self.done), _sentence(f"Undid: {self.edit.text}"))


class ContextCommands(QObject, EditRequests, RecoveryFile):
    """The Edit menu's handlers, the undo history and the questions panel of one window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.stack = QUndoStack(self)
        self.last_said: tuple[str, Confidence] = ("", Confidence.LIKELY)
        self.recovered = False  # edits restored from a recovery file, not saved yet
        self._restoring: str | None = None  # the context file a recovery belongs to
        self.questions = QuestionsPanel()
        self.history = QUndoView(self.stack)
        self.history.setEmptyLabel("Opened")
        self.questions_dock = window.docks.add("Questions", self.questions, _BOTTOM)
        self.history_dock = window.docks.add("Undo history", self.history, _RIGHT)
        window.tabifyDockWidget(window.docks.impact_dock, self.questions_dock)
        window.docks.gaps_dock.raise_()  # the first tab shown stays the gaps
        self.history_dock.hide()
        self.questions.node_chosen.connect(window.select)
        self.questions.ask.connect(self.ask_question)
        self.questions.answer.connect(self._answer)
        self.questions.drop.connect(lambda q: self.push(close_question(q, QuestionStatus.DROPPED)))
        window.workspace.observe(Change.ESTATE, self._opened)
        window.workspace.observe(Change.FACTS, self._facts)

    # ------------------------------------------------------------------ who says it

    def author(self) -> str:
        return str(self.window.settings.value("context/author", "") or getpass.getuser())

    def set_author(self) -> None:
        name, ok = QInputDialog.getText(
            self.window, "Your name", "Edits are recorded as said by:", text=self.author()
        )
        if ok and name.strip():
            self.window.settings.setValue("context/author", name.strip())

    # ------------------------------------------------------------------ the edits

    def push(self, edit: Edit) -> None:
        estate = self.window.workspace.estate
        if estate is None or not estate.capabilities.edits:
            self.window.summary.setText("Open files to record on: an endpoint cannot be edited.")
            return
        self.stack.push(_EditCommand(self, edit))

    def changed(self, estate: Estate, note: str) -> None:
        """After an edit or its undo: the recovery file is written; the estate's gaps, first
        picture and highlight are worked out again (off the GUI thread for a large one,
        as when opening), then the workspace follows."""
        self._write_recovery()
        QTimer.singleShot(0, self.show_title)  # once the stack has moved to its new index
        shown = self.window.workspace.reach

        def work(report: Report) -> tuple[Estate, Reach | None]:
            estate.prepare(report, search=False)
            return estate, reach_again(estate, shown)

        self.window.jobs.run(
            work,
            lambda got: self.window.workspace.edited(got[0], got[1], note),
            f"Recording: {note}",
            "Cannot record that",
            background=self.window.commands.background(),
        )

    def undo(self) -> None:
        self.stack.undo()

    def redo(self) -> None:
        self.stack.redo()

    def show_history(self) -> None:
        self.window.docks.show(self.history_dock)

    def show_questions(self) -> None:
        self.window.docks.show(self.questions_dock)
        self.questions.table.setFocus()

    # ------------------------------------------------------------------ the context file

    def _context(self) -> Context | None:
        estate = self.window.workspace.estate
        return estate.context if estate is not None else None

    def unsaved(self) -> bool:
        return self._context() is not None and (not self.stack.isClean() or self.recovered)

    def save_context(self) -> bool:
        """Save to the context file; the first time, ask where. True when saved."""
        context = self._context()
        if context is None:
            return False
        if context.path is None:
            return self.save_context_as()
        try:
            context.save()
        except ContextChanged as exc:
            if not self._overwrite(str(exc)):
                return False
            context.save(overwrite=True)
        except InputError as exc:
            dialogs.show_error(self.window, "Cannot save the context", str(exc))
            return False
        return self._saved(context.path)

    def save_context_as(self) -> bool:
        context = self._context()
        if context is None:
            return False
        name, _ = QFileDialog.getSaveFileName(
            self.window, "Save the context file", "program.ctx.ttl", CONTEXT_FILTER
        )
        self.window.activateWindow()  # the keys are the window's again
        if not name:
            return False
        try:
            context.save(Path(name), overwrite=True)
        except InputError as exc:
            dialogs.show_error(self.window, "Cannot save the context", str(exc))
            return False
        return self._saved(context.path)

    def _overwrite(self, problem: str) -> bool:
        answer = QMessageBox.question(
            self.window,
            "The context file changed",
            f"{problem}. Overwrite it with what this window holds?",
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Save

    def _saved(self, path: Path | None) -> bool:
        self.stack.setClean()
        self.recovered = False
        self._drop_recovery()
        self.window.summary.setText(f"Saved the context to {path}.")
        self.show_title()
        return True

    def may_close(self) -> bool:
        """Ask before unsaved edits are lost; True when the window may close."""
        if not self.unsaved():
            return True
        answer = QMessageBox.question(
            self.window,
            "Unsaved context",
            "Save what you recorded before closing?",
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save_context()
        if answer == QMessageBox.StandardButton.Discard:
            self._drop_recovery()
            return True
        return False

    def _opened(self) -> None:
        self.stack.clear()
        context = self._context()
        restoring = self._restoring
        if context is not None and context.path is not None and context.path.name == RECOVERY:
            self.recovered = True
            context.path = Path(restoring) if restoring else None
            if context.path is not None and context.path.exists():
                context.read_as = None  # saving asks before it overwrites what is there
        self._restoring = None
        self._show_questions()
        self.show_title()

    def _facts(self) -> None:
        """After an edit: the search answers from what the estate now says, and the
        questions panel lists what it now holds."""
        estate = self.window.workspace.estate
        if estate is not None:
            self.window.search.follow(estate)
        self._show_questions()

    def _show_questions(self) -> None:
        estate = self.window.workspace.estate
        self.questions.show_questions(estate.questions() if estate is not None else [])

    def show_title(self) -> None:
        """The estate, the context file and a star while edits are unsaved."""
        estate, context = self.window.workspace.estate, self._context()
        if estate is None:
            return
        where = f" [{context.path.name}]" if context is not None and context.path else ""
        star = " *" if self.unsaved() else ""
        self.window.setWindowTitle(f"{estate.title}{where}{star} - Infra Context Explorer")


def _sentence(text: str) -> str:
    return text if text.endswith((".", "?", "!")) else f"{text}."
