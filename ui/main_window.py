"""The main window: canvas in the middle, search, details, impact, gaps and structure
around it. It lays out the panels and draws what the workspace (``explorer.workspace``)
says; what the actions do is in ``ui.commands``."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from explorer.estate import Estate
from explorer.workspace import Change, Mode, Workspace, reach_distances
from ui.actions import install_actions, install_toolbar
from ui.canvas import GraphCanvas
from ui.changes_panel import ChangesPanel
from ui.commands import WindowCommands
from ui.details_panel import DetailsPanel
from ui.gaps_panel import GapsPanel
from ui.impact_panel import ImpactPanel
from ui.jobs import JobRunner
from ui.legend import Legend
from ui.problems_panel import ProblemsPanel
from ui.recent import RecentSources, WindowLayout
from ui.scene import GraphScene
from ui.search_panel import SearchPanel
from ui.structure_panel import StructurePanel

__all__ = ["MainWindow"]

_LEFT, _RIGHT = Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea
_BOTTOM = Qt.DockWidgetArea.BottomDockWidgetArea


class MainWindow(QMainWindow):
    """One open estate. Opening another replaces it only if it loads cleanly.

    Signals:
        loaded(): a new estate is shown.
        compared(): a comparison with an earlier snapshot is shown.
        load_failed(str): a job failed; the message names file, line and problem.
        selection_changed(str): the IRI of the newly selected node.
        exported(str): a snapshot written in the background went to this path.
    """

    loaded = Signal()
    load_failed = Signal(str)
    compared = Signal()
    selection_changed = Signal(str)
    exported = Signal(str)

    def __init__(self, estate: Estate | None = None, settings: QSettings | None = None) -> None:
        super().__init__()
        self.settings = settings if settings is not None else QSettings()
        self.workspace = Workspace()
        self._add_status_bar()
        self.jobs = JobRunner(self.progress, self.cancel_button, self.summary.setText, self)
        self.scene = GraphScene(self)
        self.canvas = GraphCanvas(self.scene)
        self._add_centre()
        self._add_panels()
        self.hops = QSpinBox(minimum=1, maximum=6, value=1, prefix="hops: ")
        self.hops.setToolTip("How many relations away the focus view reaches")
        self.commands = WindowCommands(self)
        self.named_actions, menus = install_actions(self, self.commands)
        install_toolbar(self, self.named_actions, {"hops": self.hops})
        for dock in self.docks:
            menus["View"].addAction(dock.toggleViewAction())
        self.recent = RecentSources(self.settings, menus["recent"], self.commands.open)
        self.layout_memory = WindowLayout(self.settings, self, self.impact.split)
        self._connect()
        self.setAcceptDrops(True)
        self.setWindowTitle("Infra Context Explorer")
        self.resize(1400, 900)
        self.layout_memory.restore()
        if estate is not None:
            self.set_estate(estate)

    # ------------------------------------------------------------------ building

    def _add_status_bar(self) -> None:
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.progress, self.cancel_button = QProgressBar(), QPushButton("Cancel")
        self.progress.setMaximumWidth(260)
        self.statusBar().addWidget(self.summary, 1)
        self.statusBar().addPermanentWidget(self.progress)
        self.statusBar().addPermanentWidget(self.cancel_button)

    def _add_centre(self) -> None:
        self.legend = Legend()
        centre = QWidget()
        column = QVBoxLayout(centre)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.legend)
        column.addWidget(self.canvas, 1)
        self.setCentralWidget(centre)

    def _dock(self, title: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(f"{title.split()[-1].lower()}-dock")
        dock.setWidget(widget)
        widget.setMinimumWidth(160)
        self.addDockWidget(area, dock)
        self.docks.append(dock)
        return dock

    def _add_panels(self) -> None:
        self.search = SearchPanel(self.jobs)
        self.details, self.impact, self.gaps = DetailsPanel(), ImpactPanel(), GapsPanel()
        self.changes, self.structure = ChangesPanel(), StructurePanel()
        self.problems = ProblemsPanel()
        self.docks: list[QDockWidget] = []
        self.search_dock = self._dock("Search", self.search, _LEFT)
        self.details_dock = self._dock("Details", self.details, _RIGHT)
        self.impact_dock = self._dock("Impact", self.impact, _BOTTOM)
        self.gaps_dock = self._dock("Ownership gaps", self.gaps, _BOTTOM)
        self.splitDockWidget(self.impact_dock, self.gaps_dock, Qt.Orientation.Horizontal)
        self.changes_dock = self._dock("Changes", self.changes, _BOTTOM)
        self.structure_dock = self._dock("Structure", self.structure, _BOTTOM)
        self.problems_dock = self._dock("Problems", self.problems, _BOTTOM)
        for dock in (self.changes_dock, self.structure_dock, self.problems_dock):
            self.tabifyDockWidget(self.gaps_dock, dock)
        self.gaps_dock.raise_()
        self.resizeDocks(
            [self.search_dock, self.details_dock], [300, 300], Qt.Orientation.Horizontal
        )
        self.resizeDocks([self.impact_dock], [240], Qt.Orientation.Vertical)
        self.resizeDocks([self.impact_dock, self.gaps_dock], [900, 650], Qt.Orientation.Horizontal)

    def _connect(self) -> None:
        for panel in (self.search, self.details, self.impact, self.gaps, self.changes):
            panel.node_chosen.connect(self.select)
        self.structure.node_chosen.connect(self.select)
        self.structure.group_chosen.connect(self.commands.focus_on)
        self.canvas.node_clicked.connect(lambda iri: self.select(iri, centre=False))
        self.canvas.node_double_clicked.connect(self.commands.expand)
        self.hops.valueChanged.connect(self.workspace.set_hops)
        self.jobs.failed.connect(self.commands.report_failure)
        self.jobs.settled.connect(self.show_summary)
        observe = self.workspace.observe
        observe(Change.ESTATE, self._estate_shown)
        observe(Change.SELECTION, self._selection_shown)
        observe(Change.REACH, self._reach_shown)
        observe(Change.VIEW, self._draw)
        observe(Change.COMPARISON, lambda: self.changes.show_comparison(self.workspace.comparison))

    # ------------------------------------------------------------------ following the state

    def set_estate(self, estate: Estate) -> None:
        """Show an opened estate: the whole graph, its gaps, everything searchable."""
        self.workspace.open(estate)
        self.loaded.emit()

    def select(self, iri: str, centre: bool = True) -> None:
        """Select a node everywhere: canvas, details; centre it unless asked not to."""
        if self.workspace.estate is None:
            return
        self.workspace.select(iri)
        if centre:
            self.canvas.centre_on(iri)
        self.selection_changed.emit(iri)

    def _estate_shown(self) -> None:
        estate = self.workspace.estate
        assert estate is not None
        self.search.set_estate(estate)
        self.gaps.set_gaps(estate.gaps())
        self.structure.clear()
        if self.problems.show_estate(estate):
            self.problems_dock.show()
            self.problems_dock.raise_()
        can_compare = estate.capabilities.compare
        self.named_actions["compare"].setEnabled(can_compare)
        self.named_actions["compare"].setStatusTip(
            "" if can_compare else "Export a snapshot of the endpoint and open it to compare"
        )
        self.setWindowTitle(f"{estate.title} - Infra Context Explorer")

    def _selection_shown(self) -> None:
        iri = self.workspace.selected
        self.scene.set_selected(iri)
        describer = self.workspace.describer(iri) if iri else None
        if iri is None or describer is None:
            self.details.clear()
        else:
            self.details.show_details(describer.details(iri))

    def _reach_shown(self) -> None:
        answer = self.workspace.reach
        self.scene.set_highlight(reach_distances(answer) if answer is not None else None)
        if answer is None:
            self.impact.clear()
            return
        self.impact.show_reach(answer)
        self.impact_dock.show()
        self.impact_dock.raise_()

    def _draw(self) -> None:
        """Draw what the workspace asks for, with its selection, highlight and changes."""
        state, estate = self.workspace, self.workspace.estate
        assert estate is not None
        request = state.view_request()
        if request.mode is Mode.COMPARE and state.comparison is not None:
            view = state.comparison.view
        elif request.mode is Mode.FOCUS:
            view = estate.focus(request.centres, request.hops)
        else:
            view = estate.whole()
        self.scene.show_view(view, estate.gap_nodes(), self.palette())
        state.shown = frozenset(view.nodes)
        self.scene.set_changes(state.change_marks())
        self.scene.set_selected(state.selected)
        if state.reach is not None:
            self.scene.set_highlight(reach_distances(state.reach))
        self.canvas.fit()
        self.show_summary()

    def show_summary(self) -> None:
        estate = self.workspace.estate
        if estate is not None:
            drawn = f"Showing {len(self.scene.nodes)} node(s), {self.workspace.mode} view."
            self.summary.setText(f"{estate.summary()} {drawn}")

    # ------------------------------------------------------------------ window events

    def closeEvent(self, event: QCloseEvent) -> None:
        self.layout_memory.save()
        self.jobs.shutdown()
        super().closeEvent(event)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            self.commands.open(paths)
