"""File ▸ Export brief: the page to send about what the window shows, as a web page,
Markdown or PDF, written in the background with progress; a refusal or a failure is said
in a message. What it is of follows one rule (``explorer.workspace.brief_scope``): the
highlight; else the program picked last in the Programs panel; else the selection. The
save dialog and the status line say which ("Brief of program …") before it is written.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal

from explorer.brief import check_brief
from explorer.domain.errors import InputError
from explorer.formats.registry import brief_filter
from explorer.workspace.brief_scope import BriefScope, brief_scope, write_brief_of
from explorer.workspace.state import Workspace
from ui.dialogs.prompts import Prompts
from ui.jobs.runner import JobRunner

__all__ = ["BriefExport"]

FAILED = "Cannot write the brief"


class BriefExport(QObject):
    """Signals:
    written(str): a brief went to this path.
    """

    written = Signal(str)

    def __init__(self, state: Workspace, jobs: JobRunner, prompts: Prompts) -> None:
        super().__init__(prompts.parent())
        self.state, self.jobs, self.prompts = state, jobs, prompts

    def ask(self) -> None:
        """Ask where to write the brief of what the window shows, then write it."""
        scope = brief_scope(self.state)
        if self.state.estate is None or scope is None:
            self.prompts.error(
                FAILED, "Select a node or a program, or highlight a blast radius, first."
            )
            return
        self.prompts.say(f"Brief of {scope.about}: where to write it?")
        path = self.prompts.file_to_save(f"Brief of {scope.about}", scope.name, brief_filter())
        if path is None:
            self.prompts.say(f"Brief of {scope.about}: not written.")
        else:
            self.write(scope, path)

    def write(self, scope: BriefScope, path: Path) -> bool:
        """Write the brief of ``scope`` to ``path`` off the GUI thread; False when refused
        at once (an unknown format, a missing folder, an input)."""
        estate, comparison = self.state.estate, self.state.comparison
        if estate is None:
            return False
        try:
            check_brief(path, estate.inputs)
        except InputError as exc:
            self.prompts.error(FAILED, str(exc))
            return False
        self.jobs.run(
            lambda progress: write_brief_of(estate, scope, path, comparison, progress),
            lambda written: self._written(scope, written),
            f"Writing the brief of {scope.about} to {path.name}…",
            FAILED,
        )
        return True

    def _written(self, scope: BriefScope, path: Path) -> None:
        self.prompts.say(f"Wrote the brief of {scope.about} to {path}.")
        self.written.emit(str(path))
