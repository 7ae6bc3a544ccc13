"""Recording what one learns, in the window: edits through an undo stack, the context file,
the questions panel, and a recovery file so that nothing learned is lost.

Every edit is an ``explorer.recording.edits.Edit`` the estate applies (``Estate.apply_edit``);
this group only pushes it on the stack and tells the workspace. After each edit or undo the
context is written to a recovery file beside the settings; the next start offers it back
if the app did not close cleanly. The forms that make edits are ``ui.commands.edit_forms``.
"""

from __future__ import annotations

import getpass
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, QTimer
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QWidget

from explorer.analysis import Reach
from explorer.domain.errors import InputError
from explorer.domain.progress import StepProgress
from explorer.estate import Estate
from explorer.recording.context_file import CONTEXT_SUFFIXES, Context, ContextChanged
from explorer.recording.edits import Applied, Edit
from explorer.recording.recovery import RESTORING, Recovered, RecoveryFile
from explorer.workspace.highlight import reach_again
from explorer.workspace.state import Change, Workspace
from ui.actions import handles
from ui.dialogs.prompts import Button, Prompts
from ui.jobs.runner import JobRunner
from ui.panels.questions import QuestionsPanel

__all__ = ["CONTEXT_FILTER", "RecordingCommands"]

CONTEXT_FILTER = f"Context files ({' '.join('*' + s for s in CONTEXT_SUFFIXES)})"


class _EditCommand(QUndoCommand):
    def __init__(self, owner: RecordingCommands, edit: Edit) -> None:
        super().__init__(edit.text)
        self.owner, self.edit = owner, edit
        self.done: Applied | None = None

    def redo(self) -> None:
        estate = self.owner.state.estate
        assert estate is not None
        changed, self.done = estate.apply_edit(self.edit)
        self.owner.changed(changed, _sentence(self.edit.done or self.edit.text))

    def undo(self) -> None:
        estate = self.owner.state.estate
        assert estate is not None and self.done is not None
        self.owner.changed(estate.revert_edit(self.done), _sentence(f"Undid: {self.edit.text}"))


class RecordingCommands(QObject):
    """The Edit menu's undo, redo and history, the context file, and who records."""

    def __init__(
        self,
        state: Workspace,
        jobs: JobRunner,
        prompts: Prompts,
        settings: QSettings,
        *,
        questions: QuestionsPanel,
        set_title: Callable[[str], None],
        reveal: Callable[[QWidget], None],
    ) -> None:
        super().__init__(prompts.parent())
        self.state, self.jobs, self.prompts, self.settings = state, jobs, prompts, settings
        self.questions, self.set_title, self.reveal = questions, set_title, reveal
        self.stack = QUndoStack(self)
        self.history: QWidget | None = None  # the undo history's view, once the window has it
        self.recovered = False  # edits restored from a recovery file, not saved yet
        self._restoring: Recovered | None = None  # what is being restored
        self.recovery = RecoveryFile(Path(settings.fileName()).parent / "infra-explorer-recovery")
        self.waiting: list[Callable[[], None]] = []  # asked while a job read the estate
        jobs.idle.connect(self._record_waiting)
        state.observe(Change.ESTATE, self._opened)

    # ------------------------------------------------------------------ who says it

    def author(self) -> str:
        return str(self.settings.value("context/author", "") or getpass.getuser())

    @handles("author")
    def set_author(self) -> None:
        name = self.prompts.text("Your name", "Edits are recorded as said by:", self.author())
        if name and name.strip():
            self.settings.setValue("context/author", name.strip())

    # ------------------------------------------------------------------ the edits

    def push(self, edit: Edit) -> None:
        """Record ``edit``; while a job reads the estate in the background, it waits for
        the job to end, so that no answer is ever of a graph an edit has changed since."""
        estate = self.state.estate
        if estate is None or not estate.capabilities.edits:
            self.prompts.say("Open files to record on: an endpoint cannot be edited.")
            return
        self._when_idle(lambda: self.stack.push(_EditCommand(self, edit)), edit.text)

    def _when_idle(self, change: Callable[[], None], what: str) -> None:
        """Change the graph now, or once no job reads it (in the order asked)."""
        self.waiting.append(change)
        if self.jobs.lanes:
            self.prompts.say(f"{what}: recorded once the work under way ends.")
        self._record_waiting()

    def _record_waiting(self) -> None:
        """Make the changes that waited for the jobs; each starts a job of its own (the
        edited estate's answers), so the next waits for that one."""
        while self.waiting and not self.jobs.lanes:
            self.waiting.pop(0)()

    def changed(self, estate: Estate, note: str) -> None:
        """After an edit or its undo: the recovery file is written; the estate's gaps, first
        picture and highlight are worked out again (off the GUI thread for a large one,
        as when opening), then the workspace follows."""
        context = estate.context
        if context is not None:
            self.recovery.write(context, estate.sources, estate.read)
        QTimer.singleShot(0, self.show_title)  # once the stack has moved to its new index
        shown = self.state.reach

        def work(progress: StepProgress) -> tuple[Estate, Reach | None]:
            estate.prepare(progress, search=False)
            return estate, reach_again(estate, shown)

        self.jobs.run(
            work,
            lambda got: self.state.edited(got[0], got[1], note),
            f"Recording: {note}",
            "Cannot record that",
            background=self.state.answers_slowly(),
        )

    @handles("undo")
    def undo(self) -> None:
        self._when_idle(self.stack.undo, "Undo")

    @handles("redo")
    def redo(self) -> None:
        self._when_idle(self.stack.redo, "Redo")

    @handles("history")
    def show_history(self) -> None:
        if self.history is not None:
            self.reveal(self.history)

    @handles("questions")
    def show_questions(self) -> None:
        self.reveal(self.questions)
        self.questions.table.setFocus()

    # ------------------------------------------------------------------ the context file

    def _context(self) -> Context | None:
        estate = self.state.estate
        return estate.context if estate is not None else None

    def unsaved(self) -> bool:
        return self._context() is not None and (not self.stack.isClean() or self.recovered)

    @handles("save_context")
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
            self.prompts.error("Cannot save the context", str(exc))
            return False
        return self._saved(context.path)

    @handles("save_context_as")
    def save_context_as(self) -> bool:
        context = self._context()
        if context is None:
            return False
        path = self.prompts.file_to_save("Save the context file", "program.ctx.ttl", CONTEXT_FILTER)
        if path is None:
            return False
        try:
            context.save(path, overwrite=True)
        except InputError as exc:
            self.prompts.error("Cannot save the context", str(exc))
            return False
        return self._saved(context.path)

    def _overwrite(self, problem: str) -> bool:
        answer = self.prompts.choose(
            "The context file changed",
            f"{problem}. Overwrite it with what this window holds?",
            Button.Save | Button.Cancel,
            Button.Cancel,
        )
        return answer == Button.Save

    def _saved(self, path: Path | None) -> bool:
        self.stack.setClean()
        self.recovered = False
        self.recovery.drop()
        self.prompts.say(f"Saved the context to {path}.")
        self.show_title()
        return True

    def may_close(self) -> bool:
        """Ask before unsaved edits are lost; True when the window may close."""
        while self.waiting:  # edits that waited for a job: the jobs give way to them
            self.jobs.shutdown()
            self._record_waiting()
        if not self.unsaved():
            return True
        answer = self.prompts.choose(
            "Unsaved context",
            "Save what you recorded before closing?",
            Button.Save | Button.Discard | Button.Cancel,
            Button.Save,
        )
        if answer == Button.Save:
            return self.save_context()
        if answer == Button.Discard:
            self.recovery.drop()
            return True
        return False

    def offer_recovery(self) -> tuple[list[str], Path, tuple[str, ...]] | None:
        """If unsaved edits were left behind, offer them back. Restoring: the sources to
        open, the context file to read with them, and what File ▸ Open recent lists."""
        try:
            pending = self.recovery.pending()
        except InputError as exc:  # kept where it is: it may still be read by hand
            self.prompts.error("Cannot restore the unsaved context", str(exc))
            return None
        if pending is None:
            return None
        when = pending.when.strftime("%Y-%m-%d %H:%M")
        answer = self.prompts.choose(
            "Restore unsaved context?",
            f"{pending.statements} statement(s) and {pending.questions} question(s) recorded "
            f"at {when} were not saved. Restore them with their sources?",
            Button.Yes | Button.Discard,
            Button.Yes,
        )
        if answer != Button.Yes:
            self.recovery.drop()
            return None
        self._restoring = pending
        return pending.to_load(), self.recovery.restoring(pending), pending.sources

    def _opened(self) -> None:
        self.stack.clear()
        context, pending = self._context(), self._restoring
        self._restoring = None
        if context is not None and context.path is not None and context.path.name == RESTORING:
            self._restored(context, pending)
        self.show_title()

    def _restored(self, context: Context, pending: Recovered | None) -> None:
        """The context read from a recovery is the one of its own context file (if it had
        one), as it was last read or written, so saving it asks only if that file changed
        since; say what came back, and which source changed since."""
        self.recovered = True
        context.path = Path(pending.context) if pending and pending.context else None
        context.read_as = pending.context_read_as if pending else None
        if context.path is not None and context.path.exists():
            kept = Context.read(context.path)
            context.saved, context.saved_questions = kept.saved, kept.saved_questions
        else:
            context.saved, context.saved_questions = set(), set()
        estate = self.state.estate
        if pending is not None and estate is not None:
            changed = pending.changed(estate.read)
            since = f" {', '.join(Path(c).name for c in changed)} changed since." if changed else ""
            self.state.announce(f"{pending.restored()}.{since}")

    def show_title(self) -> None:
        """The estate, the context file and a star while edits are unsaved."""
        estate, context = self.state.estate, self._context()
        if estate is None:
            return
        where = f" [{context.path.name}]" if context is not None and context.path else ""
        star = " *" if self.unsaved() else ""
        self.set_title(f"{estate.title}{where}{star} - Infra Context Explorer")


def _sentence(text: str) -> str:
    return text if text.endswith((".", "?", "!")) else f"{text}."
