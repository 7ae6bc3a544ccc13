"""What the window's actions do: open, compare, export, change the view, analyse.

Each action of ``ui.actions`` names one of the argument-free methods here. Work that may
take long goes through the window's job runner: in the background, with progress and a
Cancel, for an estate that answers slowly, and on the spot for one that answers at once.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from explorer.analysis import Reach
from explorer.domain.errors import InputError
from explorer.domain.progress import StepProgress
from explorer.domain.vocab import id_from_iri
from explorer.estate import Comparison, Estate, last_endpoint, open_estate, source_label
from explorer.views.filters import NO_FILTER
from ui.commands.exports import ExportCommands
from ui.commands.groups import GroupCommands
from ui.commands.recording import ContextCommands
from ui.dialogs import messages as dialogs
from ui.dialogs.endpoint import EndpointDialog
from ui.dialogs.shortcuts import ShortcutsDialog
from ui.jobs.runner import Work
from ui.jobs.worker import Job

if TYPE_CHECKING:
    from ui.window.main_window import MainWindow

__all__ = ["BACKGROUND_FROM", "SOURCE_FILTER", "WindowCommands"]

BACKGROUND_FROM = 300
SOURCE_FILTER = "Estates (*.ttl *.nt *.jsonld *.rdf *.owl *.trig *.yaml *.yml *.csv);;All files (*)"


def _opened(sources: Sequence[str], report: StepProgress) -> Estate:
    """What the app opens: everything that loads (what does not is in the Problems panel)."""
    estate = open_estate(sources, report, keep_going=True)
    estate.prepare(report)
    estate.remember()  # what the first picture took, for the next open of the same files
    return estate


class WindowCommands(ExportCommands, GroupCommands):
    """The handlers of one window's actions (the exports' in ``ui.commands.exports``, the
    groups' in ``ui.commands.groups``)."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.state = window.workspace
        self.shortcuts: ShortcutsDialog | None = None
        self.context = ContextCommands(window)

    # ------------------------------------------------------------------ opening

    def open(self, sources: Sequence[str | Path]) -> Job | None:
        """Open ``sources`` in the background; the open estate stays until the new one is
        ready, and stays if it fails."""
        named = [str(s) for s in sources]
        try:
            names = source_label(named)[0]
        except InputError:  # a malformed endpoint: opening says what is wrong with it
            names = ", ".join(named)
        return self.window.jobs.run(
            lambda report: _opened(named, report), self._show_opened, f"Opening {names}…"
        )

    def _show_opened(self, estate: Estate) -> None:
        self.window.recent.remember(estate.sources)
        self.window.set_estate(estate)

    def estate_opened(self, estate: Estate) -> None:
        """What the window offers for this estate: its title, and compare if it can."""
        compare = self.window.named_actions["compare"]
        compare.setEnabled(estate.capabilities.compare)
        tip = "Export a snapshot of the endpoint and open it to compare"
        compare.setStatusTip("" if estate.capabilities.compare else tip)
        self.context.show_title()

    def ask_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self.window, "Open sources", "", SOURCE_FILTER)
        if names:
            self.open(names)

    def ask_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self.window, "Open a folder of sources")
        if folder:
            self.open([folder])

    def ask_endpoint(self) -> None:
        dialog = EndpointDialog(self.window, last_endpoint(self.window.recent.entries()))
        if dialog.exec() and dialog.endpoint is not None:
            self.open([dialog.endpoint.source])

    def report_failure(self, title: str, message: str) -> None:
        self.window.load_failed.emit(message)
        dialogs.show_error(self.window, title, message)

    # ------------------------------------------------------------------ comparing

    def compare_with(self, paths: Sequence[str | Path]) -> Job | None:
        """Load an earlier snapshot in the background and mark what changed since."""
        estate = self.state.estate
        if estate is None:
            return None
        names = ", ".join(Path(p).name for p in paths)
        return self.window.jobs.run(
            lambda report: estate.compare(paths, report),
            self._show_comparison,
            f"Comparing with {names}…",
            "Cannot compare",
        )

    def _show_comparison(self, comparison: Comparison) -> None:
        self.state.compare(comparison)
        self.window.docks.changes_dock.show()
        self.window.docks.changes_dock.raise_()
        self.window.compared.emit()

    def ask_compare(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(
            self.window, "Compare with a snapshot", "", SOURCE_FILTER
        )
        if names:
            self.compare_with(names)

    def stop_comparing(self) -> None:
        self.state.stop_comparing()

    def quit(self) -> None:
        self.window.close()

    # ------------------------------------------------------------------ views

    def find(self) -> None:
        self.window.docks.search_dock.show()
        self.window.docks.search_dock.raise_()
        self.window.search.focus()

    def after_search_enter(self) -> None:
        """The result picked with Enter is selected: the keyboard goes to the canvas, so
        B, U, Esc and Ctrl+2 act on it at once."""
        self.window.canvas.setFocus(Qt.FocusReason.OtherFocusReason)

    def search_escape(self) -> None:
        """Esc in the search box: the highlight first, then the text."""
        if self.state.reach is not None:
            self.state.clear_reach()
        else:
            self.window.search.clear_text()

    def show_filters(self) -> None:
        self.window.docks.filter_dock.show()
        self.window.docks.filter_dock.raise_()
        self.window.filters.tree.setFocus()

    def clear_filters(self) -> None:
        self.state.set_filter(NO_FILTER)

    def show_shortcuts(self) -> None:
        dialog = ShortcutsDialog(self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        self.shortcuts = dialog  # kept for the tests; it is deleted when closed

    def show_about(self) -> None:
        dialogs.show_about(self.window)

    def show_whole(self) -> None:
        if self.state.estate is not None:
            self.state.show_whole()

    def show_focus(self) -> None:
        """Focus on the selection, or on what the highlight reaches."""
        if self.state.estate is None:
            return
        if self.state.reach is None and self.state.selected and self._one_node() is None:
            return
        self.state.focus()

    def focus_on(self, centres: list[str]) -> None:
        """Focus on ``centres`` (a cycle's nodes, say) and select the first."""
        if self.state.estate is not None and centres:
            self.state.focus(tuple(centres))
            self.window.select(centres[0])

    def open_or_expand(self, iri: str) -> None:
        """Double-click: open a group, or bring a node's neighbours into the focus view."""
        group = self.drawn_group(iri)
        if group is not None:
            self.state.open_group(group)
        else:
            self.expand(iri)

    def expand(self, iri: str) -> None:
        """Double-click: bring a node's neighbours into the focus view, fitted anew."""
        if self.state.estate is not None:
            self.state.expand(iri)
            self.window.selection_changed.emit(iri)

    def more_hops(self) -> None:
        self.window.hops.stepUp()

    def fewer_hops(self) -> None:
        self.window.hops.stepDown()

    def fit(self) -> None:
        self.window.canvas.fit()

    def zoom_in(self) -> None:
        self.window.canvas.zoom(1.25)

    def zoom_out(self) -> None:
        self.window.canvas.zoom(0.8)

    # ------------------------------------------------------------------ analyses

    def _one_node(self) -> str | None:
        """The selected node; None, with a note, when a group is selected."""
        node = self.state.selected
        if self.drawn_group(node) is not None:
            self.window.summary.setText("A group is selected: open it and pick one node.")
            return None
        return node

    def blast_radius(self) -> None:
        """B: everything affected if the selected node fails, and the teams to tell."""
        estate, node = self.state.estate, self._one_node()
        if estate is not None and node is not None:
            self._reach(lambda report: estate.blast_radius(node, None, report), "What fails with")

    def upstream(self) -> None:
        """U: everything the selected node needs, and whose it is."""
        estate, node = self.state.estate, self._one_node()
        if estate is not None and node is not None:
            self._reach(lambda report: estate.upstream(node, None, report), "What is needed by")

    def _reach(self, ask: Any, doing: str) -> None:
        assert self.state.estate is not None and self.state.selected is not None
        view = self.window.scene.view

        def answer(report: Any) -> Reach:
            found = ask(report).ready()
            if view is not None and view.groups:
                view.hits(found.distances)  # the highlight's groups, for the GUI thread
            return found

        self.window.jobs.run(
            answer,
            self._show_reach,
            f"{doing} {id_from_iri(self.state.selected)}…",
            "Cannot answer",
            background=self.background(),
        )

    def background(self) -> bool:
        """Whether answers take long enough to be worked out off the GUI thread: on an
        endpoint, and on an estate past ``BACKGROUND_FROM`` entities (a layout of a few
        hundred nodes already takes a noticeable moment)."""
        estate = self.state.estate
        return estate is not None and (
            estate.capabilities.slow or len(estate.entities()) > BACKGROUND_FROM
        )

    def _show_reach(self, answer: Reach) -> None:
        self.state.show_reach(answer)

    def clear_highlight(self) -> None:
        self.state.clear_reach()

    def cycles(self) -> None:
        """The dependency cycles, listed in the Structure panel."""
        estate = self.state.estate
        if estate is not None:
            panel = self.window.structure
            self._structure(estate.cycles, panel.show_cycles, "Finding dependency cycles…")

    def single_points(self) -> None:
        """The single points of failure, listed in the Structure panel."""
        estate = self.state.estate
        if estate is not None:
            panel, doing = self.window.structure, "Finding single points of failure…"
            self._structure(estate.single_points_of_failure, panel.show_points, doing)

    def _structure(self, ask: Work, show: Callable[[Any], None], doing: str) -> None:
        """Ask in the background; list the answer in the Structure panel."""

        def done(answer: Any) -> None:
            show(answer)
            self.window.docks.structure_dock.show()
            self.window.docks.structure_dock.raise_()

        self.window.jobs.run(ask, done, doing, "Cannot answer")
