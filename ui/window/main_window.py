"""The main window: canvas in the middle, the panels around it (``ui.window.docks``). It draws
what the workspace (``explorer.workspace.state``) says, through its filter; what the actions do
is in ``ui.commands.window``."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QMainWindow, QSpinBox

from explorer.analysis import Reach
from explorer.estate import Estate
from explorer.report import node_changes
from explorer.views.filters import kept_gaps, kept_reach, rules_of
from explorer.workspace.picture import Picture, picture
from explorer.workspace.state import Change, Workspace, reach_distances
from ui.actions import install_actions, install_toolbar
from ui.canvas.breadcrumb import Breadcrumb
from ui.canvas.graph_canvas import GraphCanvas
from ui.canvas.legend import Legend
from ui.canvas.scene import GraphScene
from ui.commands.window import WindowCommands
from ui.jobs.runner import JobRunner, Lane
from ui.panels.filters import FilterBar
from ui.window.docks import Docks, column, status_bar
from ui.window.recent import RecentSources, WindowLayout

__all__ = ["MainWindow"]


class MainWindow(QMainWindow):
    """One open estate. Opening another replaces it only if it loads cleanly.

    Signals:
        loaded(): a new estate is shown.
        compared(): a comparison with an earlier snapshot is shown.
        load_failed(str): a job failed; the message names file, line and problem.
        selection_changed(str): the IRI of the newly selected node.
        exported(str): a snapshot written in the background went to this path.
        drawn(): the canvas shows a new picture.
    """

    loaded = Signal()
    load_failed = Signal(str)
    compared = Signal()
    selection_changed = Signal(str)
    exported = Signal(str)
    drawn = Signal()

    def __init__(self, estate: Estate | None = None, settings: QSettings | None = None) -> None:
        super().__init__()
        self.settings = settings if settings is not None else QSettings()
        self.workspace = Workspace()
        self.rules: dict[str, frozenset[str]] = {}  # node -> gap rules, for the filter
        self.opening = False  # until the new estate's first picture is drawn
        self.summary, self.progress, self.cancel_button = status_bar(self)
        self.jobs = JobRunner(self.progress, self.cancel_button, self.summary.setText, self)
        self.scene = GraphScene(self)
        self.canvas = GraphCanvas(self.scene)
        self._add_centre()
        self.docks = d = Docks(self, self.jobs)
        self.search, self.filters, self.details = d.search, d.filters, d.details
        self.impact, self.gaps, self.changes = d.impact, d.gaps, d.changes
        self.structure, self.problems = d.structure, d.problems
        self.hops = QSpinBox(minimum=1, maximum=6, value=1, prefix="hops: ")
        self.hops.setToolTip("How many relations away the focus view reaches (Ctrl+] / Ctrl+[)")
        self.commands = WindowCommands(self)
        self.named_actions, menus = install_actions(self, self.commands)
        self.commands.restore_settings()
        install_toolbar(self, self.named_actions, {"hops": self.hops})
        for dock in d.all:
            menus["View"].addAction(dock.toggleViewAction())
        self.recent = RecentSources(self.settings, menus["recent"], self.commands.open)
        self.layout_memory = WindowLayout(self.settings, self, self.impact.split)
        self._connect()
        self.setAcceptDrops(True)
        self.setWindowTitle("Infra Context Explorer")
        self.resize(1400, 900)
        d.size_for(1400, 900)
        self.layout_memory.restore()
        if estate is not None:
            self.set_estate(estate)

    # ------------------------------------------------------------------ building

    def _add_centre(self) -> None:
        self.legend, self.filter_bar, self.breadcrumb = Legend(), FilterBar(), Breadcrumb()
        self.setCentralWidget(column(self.legend, self.filter_bar, self.breadcrumb, self.canvas))

    def _connect(self) -> None:
        for panel in (self.search, self.details, self.impact, self.gaps, self.changes):
            panel.node_chosen.connect(self.select)
        self.search.picked_with_enter.connect(self.commands.after_search_enter)
        self.search.escaped.connect(self.commands.search_escape)
        self.structure.node_chosen.connect(self.select)
        self.structure.group_chosen.connect(self.commands.focus_on)
        self.filters.changed.connect(self.workspace.set_filter)
        self.filter_bar.cleared.connect(self.commands.clear_filters)
        self.impact.saved.connect(lambda path: self.summary.setText(f"Saved the roster to {path}."))
        self.canvas.node_clicked.connect(lambda iri: self.select(iri, centre=False))
        self.canvas.node_double_clicked.connect(self.commands.open_or_expand)
        self.breadcrumb.chosen.connect(self.workspace.back_to)
        self.hops.valueChanged.connect(self.workspace.set_hops)
        self.jobs.failed.connect(self.commands.report_failure)
        self.jobs.settled.connect(self.show_summary)
        self.scene.complete.connect(self._complete)
        observe = self.workspace.observe
        observe(Change.ESTATE, self._estate_shown)
        observe(Change.FACTS, self._filter_shown)
        observe(Change.SELECTION, self._selection_shown)
        observe(Change.REACH, self._reach_shown)
        observe(Change.FILTER, self._filter_shown)
        observe(Change.VIEW, self._draw)
        observe(Change.NOTE, self.show_summary)
        observe(Change.COMPARISON, lambda: self.changes.show_comparison(self.workspace.comparison))

    # ------------------------------------------------------------------ following the state

    def set_estate(self, estate: Estate) -> None:
        """Show an opened estate: the whole graph, its gaps, everything searchable;
        ``loaded`` once its first picture is drawn."""
        self.opening = True
        self.workspace.open(estate)

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
        self._filter_shown()
        self.structure.clear()
        if self.problems.show_estate(estate):
            self.docks.show(self.docks.problems_dock)
        self.commands.estate_opened(estate)

    def _filter_shown(self) -> None:
        """The filter's choices and counts, and the lists through it (again after an edit)."""
        estate, kept = self.workspace.estate, self.workspace.filter
        if estate is None:
            return
        self.rules = rules_of(estate.gaps())
        self.filters.show_choices(estate.facets, kept)
        self.gaps.set_gaps(kept_gaps(estate.gaps(), kept), len(estate.gaps()))
        self._reach_shown()

    def _selection_shown(self) -> None:
        state, iri = self.workspace, self.workspace.selected
        self.scene.set_selected(iri)
        group = self.commands.drawn_group(iri)
        describer = state.describer(iri) if iri and group is None else None
        if group is not None and state.estate is not None:
            name = self.scene.nodes[group.iri].entity.label
            self.details.show_group(name, group, state.estate.whole().nodes)
        elif iri is None or describer is None:
            self.details.show_hint()
        else:
            changes = node_changes(state.comparison.changes, iri) if state.comparison else None
            self.details.show_details(describer.details(iri), changes)

    def _reach_shown(self) -> None:
        answer, kept = self.workspace.reach, self._kept()
        self.scene.set_highlight(reach_distances(kept) if kept is not None else None)
        if answer is None or kept is None:
            self.impact.clear()
            return
        self.impact.show_reach(answer, kept)
        self.docks.show(self.docks.impact_dock)

    def _kept(self) -> Reach | None:
        """The answer as the filter keeps it: what the canvas highlights and the lists show
        (declared only leaves out what only observed calls reach)."""
        answer = self.workspace.reach
        return kept_reach(answer, self.workspace.filter, self.rules) if answer else None

    def _draw(self) -> None:
        """Ask for the picture the workspace wants, through its filter; a large estate's
        is worked out in the background, and a newer request supersedes it."""
        state, estate, rules = self.workspace, self.workspace.estate, self.rules
        assert estate is not None
        request, kept, comparison = state.view_request(), state.filter, state.comparison
        self.jobs.run(
            lambda report: picture(estate, request, kept, rules, comparison, report),
            self._paint,
            "Drawing…",
            "Cannot draw",
            Lane.VIEW,
            background=self.commands.background(),
        )

    def _paint(self, shot: Picture) -> None:
        """Draw a picture with the workspace's selection, highlight and changes."""
        state, estate = self.workspace, self.workspace.estate
        assert estate is not None
        self.filter_bar.show_filter(state.filter, shot.after_filter, shot.before_filter)
        grouped = bool(shot.path) or (bool(shot.view.groups) and not shot.view.layered)
        self.breadcrumb.show_path(shot.path if grouped else None)
        self.scene.show_view(shot.view, estate.gap_nodes(), self.palette())
        state.shown, state.grouped = frozenset(shot.view.nodes), bool(shot.view.groups)
        self.scene.set_changes(state.change_marks())
        self.scene.set_selected(state.selected, place=False)
        if (kept := self._kept()) is not None:
            self.scene.set_highlight(reach_distances(kept), place=False)
        self.canvas.fit()  # places the labels for the zoom it settles on
        self.show_summary()
        self.scene.add_edges()  # in slices; ``complete`` when done

    def _complete(self) -> None:
        """Every item of the new picture is built: say so, and that the estate is open."""
        self.drawn.emit()
        if self.opening:
            self.opening = False
            self.loaded.emit()

    def show_summary(self) -> None:
        """The estate and the view in a line; first, what the last action replaced."""
        estate, note = self.workspace.estate, self.workspace.note
        if estate is not None:
            drawn = f"Showing {len(self.scene.nodes)} node(s), {self.workspace.mode} view."
            self.summary.setText(" ".join(t for t in (note, estate.summary(), drawn) if t))

    # ------------------------------------------------------------------ window events

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.commands.context.may_close():
            event.ignore()
            return
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
