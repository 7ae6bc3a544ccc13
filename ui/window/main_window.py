"""The main window: it lays out the canvas and the panels, builds the command groups with
what each acts on, binds the actions and connects the signals. It decides nothing: the
workspace (``explorer.workspace``) holds the state, the panels and the canvas painter
follow it, and the command groups (``ui.commands``) change it."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSettings, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QMainWindow, QSpinBox, QUndoView

from explorer.estate import Estate
from explorer.workspace.state import Change, Workspace
from ui.actions import handlers_of, hint
from ui.canvas.breadcrumb import Breadcrumb
from ui.canvas.filter_bar import FilterBar
from ui.canvas.graph_canvas import GraphCanvas
from ui.canvas.legend import Legend
from ui.canvas.painter import CanvasPainter
from ui.canvas.scene import GraphScene
from ui.commands.analyses import AnalysisCommands
from ui.commands.edit_forms import EditForms
from ui.commands.exports import ExportCommands
from ui.commands.help import HelpCommands
from ui.commands.opening import OpenCommands
from ui.commands.programs import ProgramCommands
from ui.commands.recent import RecentSources
from ui.commands.recording import RecordingCommands
from ui.commands.views import ViewCommands
from ui.dialogs.prompts import WindowPrompts
from ui.jobs.runner import JobRunner
from ui.window.docks import Docks, column, status_bar
from ui.window.layout_memory import WindowLayout
from ui.window.menus import install_actions, install_toolbar

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
        self.summary, self.progress, self.cancel_button = status_bar(self)
        self.jobs = JobRunner(self.progress, self.cancel_button, self.summary.setText, self)
        self._lay_out()
        self._build_commands()
        self._install_menus()
        self._connect()
        self.setAcceptDrops(True)
        self.setWindowTitle("Infra Context Explorer")
        self.resize(1400, 900)
        self.docks.size_for(1400, 900)
        self.layout_memory = WindowLayout(self.settings, self, self.impact.split)
        self.layout_memory.restore()
        if estate is not None:
            self.workspace.open(estate)

    # ------------------------------------------------------------------ building

    def _lay_out(self) -> None:
        """The canvas under its legend and bars, the panels in docks around it."""
        self.scene = GraphScene(self)
        self.canvas = GraphCanvas(self.scene)
        self.legend, self.filter_bar, self.breadcrumb = Legend(), FilterBar(), Breadcrumb()
        self.setCentralWidget(column(self.legend, self.filter_bar, self.breadcrumb, self.canvas))
        self.docks = d = Docks(self, self.jobs)
        self.search, self.filters, self.details = d.search, d.filters, d.details
        self.impact, self.gaps, self.changes = d.impact, d.gaps, d.changes
        self.structure, self.problems = d.structure, d.problems
        self.hops = QSpinBox(minimum=1, maximum=6, value=1, prefix="hops: ")
        self.hops.setToolTip(
            f"How many relations away the focus view reaches "
            f"({hint('more_hops')} / {hint('fewer_hops')})"
        )
        self.painter = CanvasPainter(
            self.workspace,
            self.jobs,
            self.canvas,
            self.say,
            filter_bar=self.filter_bar,
            breadcrumb=self.breadcrumb,
        )

    def say(self, text: str) -> None:
        """One line in the status bar."""
        self.summary.setText(text)

    def _build_commands(self) -> None:
        state, jobs, docks = self.workspace, self.jobs, self.docks
        prompts, settings, reveal = WindowPrompts(self, self.say), self.settings, docks.reveal
        self.recent = RecentSources(settings)
        self.opening = OpenCommands(state, jobs, prompts, self.recent)
        self.views = ViewCommands(
            state,
            self.canvas,
            self.hops,
            prompts,
            search=docks.search,
            filters=docks.filters,
            reveal=reveal,
        )
        self.analyses = AnalysisCommands(state, jobs, prompts, docks.structure, reveal)
        self.exports = ExportCommands(
            state,
            jobs,
            prompts,
            settings,
            scene=self.scene,
            legend=self.legend,
            impact=self.impact,
        )
        self._build_recording(prompts)
        self.help = HelpCommands(prompts, self.close)

    def _build_recording(self, prompts: WindowPrompts) -> None:
        """The undo stack, the context file and its history dock, and the Edit forms."""
        state, docks = self.workspace, self.docks
        self.recording = RecordingCommands(
            state,
            self.jobs,
            prompts,
            self.settings,
            questions=docks.questions,
            set_title=self.setWindowTitle,
            reveal=docks.reveal,
        )
        self.recording.history = QUndoView(self.recording.stack)
        self.recording.history.setEmptyLabel("Opened")
        docks.add_history(self.recording.history)
        self.edit_forms = EditForms(state, prompts, self.recording, self.canvas)
        self.programs = ProgramCommands(
            state, prompts, self.edit_forms, self.analyses, docks.programs, docks.reveal
        )

    def _install_menus(self) -> None:
        groups = (self.opening, self.views, self.analyses, self.exports, self.recording)
        handlers = handlers_of(*groups, self.edit_forms, self.programs, self.help)
        self.named_actions, menus = install_actions(self, handlers)
        heading = self.named_actions["image_heading"]
        heading.blockSignals(True)  # shows the setting; writing it back would be a change
        heading.setChecked(self.exports.heading)
        heading.blockSignals(False)
        install_toolbar(self, self.named_actions, {"hops": self.hops})
        for dock in self.docks.all:
            menus["View"].addAction(dock.toggleViewAction())
        self.recent.show_in(menus["recent"], self.opening.open)

    def _connect(self) -> None:
        docks, state, views = self.docks, self.workspace, self.views
        for chooser in docks.choosers():
            chooser.connect(views.select)
        for observe in docks.observers():
            observe(state)
        docks.search.picked_with_enter.connect(views.after_search_enter)
        docks.search.nodes_chosen.connect(views.choose)
        docks.search.escaped.connect(views.search_escape)
        docks.structure.group_chosen.connect(views.focus_on)
        docks.filters.changed.connect(state.set_filter)
        docks.impact.answered.connect(lambda: docks.show(docks.impact_dock))
        docks.problems.found.connect(lambda: docks.show(docks.problems_dock))
        self.impact.saved.connect(lambda path: self.say(f"Saved the roster to {path}."))
        self.filter_bar.cleared.connect(views.clear_filters)
        self.canvas.node_clicked.connect(lambda iri: views.select(iri, centre=False))
        self.canvas.node_toggled.connect(views.toggle)
        self.canvas.node_added.connect(views.add)
        self.canvas.node_double_clicked.connect(views.open_or_expand)
        self.breadcrumb.chosen.connect(state.back_to)
        self.hops.valueChanged.connect(state.set_hops)
        self.jobs.failed.connect(self.opening.report_failure)
        self.jobs.settled.connect(self.painter.show_summary)
        self._forward_signals()
        state.observe(Change.ESTATE, self._estate_opened)

    def _forward_signals(self) -> None:
        """The window's signals, as tests and scripts wait on them, from where they start."""
        self.painter.loaded.connect(self.loaded)
        self.painter.drawn.connect(self.drawn)
        self.opening.failed.connect(self.load_failed)
        self.opening.compared.connect(lambda: self.docks.show(self.docks.changes_dock))
        self.opening.compared.connect(self.compared)
        self.exports.exported.connect(self.exported)
        self.views.selection_changed.connect(self.selection_changed)

    def _estate_opened(self) -> None:
        """What the window offers for this estate: compare, if it can."""
        estate = self.workspace.estate
        assert estate is not None
        compare = self.named_actions["compare"]
        compare.setEnabled(estate.capabilities.compare)
        tip = "Export a snapshot of the endpoint and open it to compare"
        compare.setStatusTip("" if estate.capabilities.compare else tip)

    def start(self, sources: Sequence[str]) -> bool:
        """Open what was left unsaved (when the person says so), else ``sources``; True
        when restoring."""
        restoring = self.recording.offer_recovery()
        if restoring is not None:
            self.opening.open(*restoring)
            return True
        self.opening.open(sources)
        return False

    def set_estate(self, estate: Estate) -> None:
        """Show an opened estate; ``loaded`` once its first picture is drawn."""
        self.workspace.open(estate)

    def select(self, iri: str, centre: bool = True) -> None:
        """Select a node everywhere (``ViewCommands.select``)."""
        self.views.select(iri, centre)

    # ------------------------------------------------------------------ window events

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.recording.may_close():
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
            self.opening.open(paths)
