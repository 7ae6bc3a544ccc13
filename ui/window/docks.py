"""The panels around the canvas and where they sit.

Left: search, with the filters as a second tab. Right: the selected node's details, the
programs under them (and the undo history, when asked for). Below, one row of tabs the
full width of the window (impact, ownership gaps, changes, structure, problems,
questions), so that their columns have room at 1366 pixels wide as at 1920.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, SignalInstance
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from explorer.workspace.state import Workspace
from ui.jobs.runner import JobRunner
from ui.panels.changes import ChangesPanel
from ui.panels.details import DetailsPanel
from ui.panels.filters import FilterPanel
from ui.panels.gaps import GapsPanel
from ui.panels.impact import ImpactPanel
from ui.panels.problems import ProblemsPanel
from ui.panels.programs import ProgramsPanel
from ui.panels.questions import QuestionsPanel
from ui.panels.search import SearchPanel
from ui.panels.structure import StructurePanel

__all__ = ["Docks", "column", "status_bar"]

_LEFT, _RIGHT = Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea
_BOTTOM = Qt.DockWidgetArea.BottomDockWidgetArea


class Docks:
    """Every panel of a window, each in its dock."""

    def __init__(self, window: QMainWindow, jobs: JobRunner) -> None:
        self.window = window
        self.all: list[QDockWidget] = []
        self.search, self.filters = SearchPanel(jobs), FilterPanel()
        self.details, self.impact, self.gaps = DetailsPanel(), ImpactPanel(), GapsPanel()
        self.changes, self.structure = ChangesPanel(), StructurePanel()
        self.problems, self.questions = ProblemsPanel(), QuestionsPanel()
        self.programs = ProgramsPanel(jobs)
        self.search_dock = self._dock("Search", self.search, _LEFT)
        self.filter_dock = self._dock("Filters", self.filters, _LEFT)
        self.details_dock = self._dock("Details", self.details, _RIGHT)
        self.programs_dock = self._dock("Programs", self.programs, _RIGHT)
        self.impact_dock = self._dock("Impact", self.impact, _BOTTOM)
        self.gaps_dock = self._dock("Ownership gaps", self.gaps, _BOTTOM)
        self.changes_dock = self._dock("Changes", self.changes, _BOTTOM)
        self.structure_dock = self._dock("Structure", self.structure, _BOTTOM)
        self.problems_dock = self._dock("Problems", self.problems, _BOTTOM)
        self.questions_dock = self._dock("Questions", self.questions, _BOTTOM)
        window.tabifyDockWidget(self.search_dock, self.filter_dock)
        for dock in (
            self.gaps_dock,
            self.changes_dock,
            self.structure_dock,
            self.problems_dock,
            self.questions_dock,
        ):
            window.tabifyDockWidget(self.impact_dock, dock)
        self.search_dock.raise_()
        self.gaps_dock.raise_()
        # docks jump to their place: an animation leaves a tab bar drawn where it was
        window.setDockOptions(window.dockOptions() & ~QMainWindow.DockOption.AnimatedDocks)

    def choosers(self) -> list[SignalInstance]:
        """Each panel's ``node_chosen``: a node picked in it is selected everywhere."""
        panels = (self.search, self.details, self.impact, self.gaps, self.changes)
        return [p.node_chosen for p in (*panels, self.structure, self.questions)]

    def observers(self) -> list[Callable[[Workspace], None]]:
        """Each panel that follows the workspace, by its ``observe``."""
        panels = (self.search, self.filters, self.details, self.impact, self.gaps)
        others = (self.changes, self.structure, self.problems, self.questions, self.programs)
        return [p.observe for p in (*panels, *others)]

    def add_history(self, history: QWidget) -> QDockWidget:
        """The undo history, on the right, hidden until asked for."""
        dock = self._dock("Undo history", history, _RIGHT)
        dock.hide()
        return dock

    def _dock(self, title: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self.window)
        dock.setObjectName(f"{title.split()[-1].lower()}-dock")
        dock.setWidget(widget)
        widget.setMinimumWidth(160)
        self.window.addDockWidget(area, dock)
        self.all.append(dock)
        return dock

    def size_for(self, width: int, height: int) -> None:
        """Side panels a fifth of the width each (at most 320 pixels), the row of tabs
        below over a third of the height: the canvas keeps the middle."""
        side = min(320, width // 5)
        window = self.window
        window.resizeDocks(
            [self.search_dock, self.details_dock], [side, side], Qt.Orientation.Horizontal
        )
        window.resizeDocks(
            [self.impact_dock], [max(230, height * 37 // 100)], Qt.Orientation.Vertical
        )
        window.resizeDocks(  # the details over the programs, which need a few rows
            [self.details_dock, self.programs_dock],
            [height * 28 // 100, height * 27 // 100],
            Qt.Orientation.Vertical,
        )

    def show(self, dock: QDockWidget) -> None:
        dock.show()
        dock.raise_()

    def reveal(self, panel: QWidget) -> None:
        """Show the dock that holds ``panel`` and bring it to the front."""
        holder = panel.parentWidget()
        while holder is not None and not isinstance(holder, QDockWidget):
            holder = holder.parentWidget()
        if holder is not None:
            self.show(holder)


def column(*widgets: QWidget) -> QWidget:
    """The widgets one above the other, the last taking the room left (the canvas)."""
    centre = QWidget()
    layout = QVBoxLayout(centre)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    for widget in widgets[:-1]:
        layout.addWidget(widget)
    layout.addWidget(widgets[-1], 1)
    return centre


def status_bar(window: QMainWindow) -> tuple[QLabel, QProgressBar, QPushButton]:
    """The window's status bar: a line of summary, then progress and Cancel for jobs."""
    summary = QLabel()
    summary.setTextFormat(Qt.TextFormat.PlainText)
    progress, cancel = QProgressBar(), QPushButton("Cancel")
    progress.setMaximumWidth(260)
    window.statusBar().addWidget(summary, 1)
    window.statusBar().addPermanentWidget(progress)
    window.statusBar().addPermanentWidget(cancel)
    return summary, progress, cancel
