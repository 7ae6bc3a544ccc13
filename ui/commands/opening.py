"""File ▸ Open, Open folder, Open SPARQL endpoint, Compare with snapshot, Stop comparing.

Opening runs in the background; the open estate stays until the new one is ready, and
stays if it fails. What is opened goes to the workspace, which every panel follows.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from explorer.domain.errors import InputError
from explorer.domain.progress import StepProgress
from explorer.estate import Comparison, Estate, last_endpoint, open_estate, source_label
from explorer.formats.registry import open_filter
from explorer.workspace.state import Workspace
from ui.actions import handles
from ui.commands.recent import RecentSources
from ui.dialogs.endpoint import EndpointDialog
from ui.dialogs.prompts import Prompts
from ui.jobs.runner import JobRunner
from ui.jobs.worker import Job

__all__ = ["OpenCommands"]


def _opened(sources: Sequence[str], progress: StepProgress, context: Path | None) -> Estate:
    """What the app opens: everything that loads (what does not is in the Problems panel)."""
    estate = open_estate(sources, progress, keep_going=True, context=context)
    estate.prepare(progress)
    estate.remember()  # what the first picture took, for the next open of the same files
    return estate


class OpenCommands(QObject):
    """Signals:
    compared(): a comparison with an earlier snapshot is shown.
    failed(str): a job failed; the message names file, line and problem.
    """

    compared = Signal()
    failed = Signal(str)

    def __init__(
        self, state: Workspace, jobs: JobRunner, prompts: Prompts, recent: RecentSources
    ) -> None:
        super().__init__(prompts.parent())
        self.state, self.jobs, self.prompts, self.recent = state, jobs, prompts, recent

    def open(
        self,
        sources: Sequence[str | Path],
        context: Path | None = None,
        recent: Sequence[str] | None = None,
    ) -> Job | None:
        """Open ``sources`` in the background; the open estate stays until the new one is
        ready, and stays if it fails. ``context``: a context file to read with them (a
        recovery's); ``recent``: what File ▸ Open recent lists for it (the sources)."""
        named = [str(s) for s in sources]
        try:
            names = source_label(named)[0]
        except InputError:  # a malformed endpoint: opening says what is wrong with it
            names = ", ".join(named)

        def show(estate: Estate) -> None:
            self.recent.remember(estate.sources if recent is None else recent)
            self.state.open(estate)

        return self.jobs.run(
            lambda progress: _opened(named, progress, context), show, f"Opening {names}…"
        )

    @handles("open")
    def ask_files(self) -> None:
        names = self.prompts.files_to_open("Open sources", open_filter())
        if names:
            self.open(names)

    @handles("open_folder")
    def ask_folder(self) -> None:
        folder = self.prompts.folder_to_open("Open a folder of sources")
        if folder:
            self.open([folder])

    @handles("open_endpoint")
    def ask_endpoint(self) -> None:
        dialog = EndpointDialog(self.prompts.parent(), last_endpoint(self.recent.entries()))
        if dialog.exec() and dialog.endpoint is not None:
            self.open([dialog.endpoint.source])

    def report_failure(self, title: str, message: str) -> None:
        """A job failed (opening, or any other): say it in a box, and to ``failed``."""
        self.failed.emit(message)
        self.prompts.error(title, message)

    def compare_with(self, paths: Sequence[str | Path]) -> Job | None:
        """Load an earlier snapshot in the background and mark what changed since."""
        estate = self.state.estate
        if estate is None:
            return None
        names = ", ".join(Path(p).name for p in paths)
        return self.jobs.run(
            lambda progress: estate.compare(paths, progress),
            self._show_comparison,
            f"Comparing with {names}…",
            "Cannot compare",
        )

    def _show_comparison(self, comparison: Comparison) -> None:
        self.state.compare(comparison)
        self.compared.emit()

    @handles("compare")
    def ask_compare(self) -> None:
        names = self.prompts.files_to_open("Compare with a snapshot", open_filter())
        if names:
            self.compare_with(names)

    @handles("stop_compare")
    def stop_comparing(self) -> None:
        self.state.stop_comparing()
