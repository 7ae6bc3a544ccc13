"""The main window: canvas in the middle, search, details, impact and gaps around it."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QLabel,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from explorer.analysis import Reach
from explorer.errors import InputError
from explorer.export import WRITERS, dump
from explorer.ingest import LoadResult
from explorer.provenance import provenance_of
from explorer.remote.endpoint import Endpoint, is_endpoint, parse_endpoint
from explorer.remote.session import RemoteSession
from explorer.session import Comparison, Session
from explorer.vocab import id_from_iri
from ui import view_export
from ui.canvas import GraphCanvas, GraphScene, Legend
from ui.changes_panel import ChangesPanel
from ui.details_panel import DetailsPanel
from ui.dialogs import show_error
from ui.endpoint_dialog import EndpointDialog
from ui.gaps_panel import GapsPanel
from ui.impact_panel import ImpactPanel
from ui.search_panel import SearchPanel
from ui.worker import Job

__all__ = ["MainWindow", "show_error"]

_log = logging.getLogger(__name__)
SOURCE_FILTER = "Estates (*.ttl *.nt *.jsonld *.rdf *.owl *.trig *.yaml *.yml *.csv);;All files (*)"
MAX_RECENT = 8


class MainWindow(QMainWindow):
    """One open estate. Opening another replaces it only if it loads cleanly.

    Signals:
        loaded(): a new estate is shown.
        compared(): a comparison with an earlier snapshot is shown.
        load_failed(str): an open failed; the message names file, line and problem.
        selection_changed(str): the IRI of the newly selected node.
        exported(str): an endpoint's snapshot was written to this path.
    """

    loaded = Signal()
    load_failed = Signal(str)
    compared = Signal()
    selection_changed = Signal(str)
    exported = Signal(str)

    def __init__(self, session: Session | None = None, settings: QSettings | None = None) -> None:
        super().__init__()
        self.settings = settings if settings is not None else QSettings()
        self.session: Session | None = None
        self.selected: str | None = None
        self.reach: Reach | None = None
        self.mode = "whole"
        self.focus_centres: list[str] = []
        self.job: Job | None = None  # the open the window waits for, if any
        self._failure = "Cannot open"  # the title of the message if that job fails
        self.running: set[Job] = set()  # kept alive until their threads end, even if dropped
        self.opening: list[str] = []  # what the open under way will add to the recent list
        self.scene = GraphScene(self)
        self.canvas = GraphCanvas(self.scene)
        self.legend = Legend()
        centre = QWidget()
        column = QVBoxLayout(centre)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.legend)
        column.addWidget(self.canvas, 1)
        self.setCentralWidget(centre)
        self.search = SearchPanel()
        self.details = DetailsPanel()
        self.impact = ImpactPanel()
        self.gaps = GapsPanel()
        self.changes = ChangesPanel()
        self.comparison: Comparison | None = None
        self._add_docks()
        self.hops = QSpinBox(minimum=1, maximum=6, value=1, prefix="hops: ")
        self.hops.setToolTip("How many relations away the focus view reaches")
        self._add_actions()
        self._add_status_bar()
        self._connect()
        self.setAcceptDrops(True)
        self.setWindowTitle("Infra Context Explorer")
        self.resize(1400, 900)
        self._restore_layout()
        if session is not None:
            self.set_session(session)

    # ------------------------------------------------------------------ building

    def _dock(self, title: str, name: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        widget.setMinimumWidth(160)
        self.addDockWidget(area, dock)
        return dock

    def _add_docks(self) -> None:
        left, right = Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea
        bottom = Qt.DockWidgetArea.BottomDockWidgetArea
        self.search_dock = self._dock("Search", "search-dock", self.search, left)
        self.details_dock = self._dock("Details", "details-dock", self.details, right)
        self.impact_dock = self._dock("Impact", "impact-dock", self.impact, bottom)
        self.gaps_dock = self._dock("Ownership gaps", "gaps-dock", self.gaps, bottom)
        self.splitDockWidget(self.impact_dock, self.gaps_dock, Qt.Orientation.Horizontal)
        self.changes_dock = self._dock("Changes", "changes-dock", self.changes, bottom)
        self.tabifyDockWidget(self.gaps_dock, self.changes_dock)
        self.gaps_dock.raise_()
        self.resizeDocks(
            [self.search_dock, self.details_dock], [300, 300], Qt.Orientation.Horizontal
        )
        self.resizeDocks([self.impact_dock], [240], Qt.Orientation.Vertical)
        self.resizeDocks([self.impact_dock, self.gaps_dock], [900, 650], Qt.Orientation.Horizontal)

    def _action(
        self, text: str, slot: object, shortcut: str | QKeySequence | None = None, tip: str = ""
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setToolTip(f"{tip or text} ({action.shortcut().toString()})" if shortcut else tip)
        action.triggered.connect(slot)  # type: ignore[arg-type]
        self.addAction(action)
        return action

    def _add_actions(self) -> None:
        a = self._action
        self.open_action = a("&Open files…", self._ask_files, QKeySequence.StandardKey.Open)
        self.open_folder_action = a("Open &folder…", self._ask_folder, "Ctrl+Shift+O")
        self.open_endpoint_action = a("Open SPARQL &endpoint…", self._ask_endpoint, "Ctrl+L")
        self.snapshot_action = a("Export &snapshot…", self._ask_snapshot, "Ctrl+E")
        self.image_action = a("Export view as &image…", self._ask_image, "Ctrl+Shift+E")
        self.compare_action = a("&Compare with snapshot…", self._ask_compare, "Ctrl+D")
        self.stop_compare_action = a("S&top comparing", self.stop_comparing, "Ctrl+Shift+D")
        quit_action = a("&Quit", self.close, QKeySequence.StandardKey.Quit)
        self.find_action = a("&Search", self.search.focus, QKeySequence.StandardKey.Find)
        self.find_action.setShortcuts([QKeySequence.StandardKey.Find, QKeySequence("Ctrl+K")])
        self.whole_action = a("&Whole graph", self.show_whole, "Ctrl+1")
        self.focus_action = a("&Focus on selection", lambda: self.show_focus(), "Ctrl+2")
        self.more_hops = a("More hops", lambda: self.hops.stepUp(), "Ctrl+]")
        self.fewer_hops = a("Fewer hops", lambda: self.hops.stepDown(), "Ctrl+[")
        self.fit_action = a("Fit to &view", self.canvas.fit, "Ctrl+0")
        zoom_in = a("Zoom &in", lambda: self.canvas.zoom(1.25), QKeySequence.StandardKey.ZoomIn)
        zoom_out = a("Zoom &out", lambda: self.canvas.zoom(0.8), QKeySequence.StandardKey.ZoomOut)
        self.blast_action = a("&Blast radius: affected if it fails", self.show_blast_radius, "B")
        self.upstream_action = a("&Upstream: what it needs", self.show_upstream, "U")
        self.clear_action = a("&Clear highlight", self.clear_highlight, "Esc")
        self.recent_menu = self.menuBar().addMenu("&File")
        file_menu = self.recent_menu
        file_menu.addActions([self.open_action, self.open_folder_action, self.open_endpoint_action])
        self.recent = file_menu.addMenu("Open &recent")
        file_menu.addSeparator()
        file_menu.addActions([self.compare_action, self.stop_compare_action])
        file_menu.addSeparator()
        file_menu.addActions([self.snapshot_action, self.image_action])
        file_menu.addSeparator()
        file_menu.addAction(quit_action)
        view = self.menuBar().addMenu("&View")
        view.addActions(
            [
                self.find_action,
                self.whole_action,
                self.focus_action,
                self.more_hops,
                self.fewer_hops,
            ]
        )
        view.addSeparator()
        view.addActions([self.fit_action, zoom_in, zoom_out])
        view.addSeparator()
        docks = (
            self.search_dock,
            self.details_dock,
            self.impact_dock,
            self.gaps_dock,
            self.changes_dock,
        )
        for dock in docks:
            view.addAction(dock.toggleViewAction())
        analyse = self.menuBar().addMenu("&Analyse")
        analyse.addActions([self.blast_action, self.upstream_action, self.clear_action])
        tools = self.addToolBar("Main")
        tools.setObjectName("main-toolbar")
        tools.addActions([self.open_action, self.whole_action, self.focus_action])
        tools.addWidget(self.hops)
        tools.addSeparator()
        tools.addActions([self.blast_action, self.upstream_action, self.clear_action])
        tools.addSeparator()
        tools.addActions([self.fit_action, self.snapshot_action])
        self.blast_action.setIconText("Affected if it fails (B)")
        self.upstream_action.setIconText("Needs (U)")
        self._fill_recent()

    def _add_status_bar(self) -> None:
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.progress = QProgressBar(maximumWidth=260)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.clicked.connect(self.cancel_open)
        self.statusBar().addWidget(self.summary, 1)
        self.statusBar().addPermanentWidget(self.progress)
        self.statusBar().addPermanentWidget(self.cancel_button)
        self.progress.hide()
        self.cancel_button.hide()

    def _connect(self) -> None:
        for panel in (self.search, self.details, self.impact, self.gaps, self.changes):
            panel.node_chosen.connect(self.select)
        self.canvas.node_clicked.connect(lambda iri: self.select(iri, centre=False))
        self.canvas.node_double_clicked.connect(self.expand)
        self.hops.valueChanged.connect(self._hops_changed)

    # ------------------------------------------------------------------ opening

    def open_sources(self, paths: Sequence[Path]) -> Job:
        """Load ``paths`` in the background; the open estate stays until the new one is ready."""
        self.opening = [str(Path(p).resolve()) for p in paths]
        names = ", ".join(Path(p).name for p in paths) or "the bundled sample graph"
        return self._start(
            Job(lambda report: Session.open(list(paths), report)), self._opened, f"Opening {names}…"
        )

    def open_endpoint(self, endpoint: Endpoint) -> Job:
        """Connect to a SPARQL endpoint in the background; the open estate stays meanwhile."""
        self.opening = [endpoint.source]
        return self._start(
            Job(lambda report: RemoteSession.connect(endpoint, report)),
            self._opened,
            f"Connecting to {endpoint.name}…",
        )

    def _ask_endpoint(self) -> None:
        last = next((r for r in self._recent() if is_endpoint(r)), "")
        dialog = EndpointDialog(self, last)
        if dialog.exec() and dialog.endpoint is not None:
            self.open_endpoint(dialog.endpoint)

    def compare_with(self, paths: Sequence[Path]) -> Job | None:
        """Load an earlier snapshot in the background and mark what changed since."""
        if self.session is None:
            return None
        session = self.session
        names = ", ".join(Path(p).name for p in paths)
        return self._start(
            Job(lambda report: session.compare(list(paths), report)),
            self._compared,
            f"Comparing with {names}…",
            "Cannot compare",
        )

    def _start(
        self, job: Job, on_finished: object, message: str, failure: str = "Cannot open"
    ) -> Job:
        """Run ``job`` with progress and Cancel; ``failure`` titles the message if it fails."""
        self.cancel_open()
        self._failure = failure
        # bound methods of this window, never lambdas: their calls are queued to the GUI thread
        job.progress.connect(self._progress)
        job.finished.connect(on_finished)  # type: ignore[arg-type]
        job.failed.connect(self._open_failed)
        job.cancelled.connect(self._open_ended)
        job.runner.finished.connect(self._forget_finished_jobs)
        self.job = job
        self.running.add(job)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.cancel_button.show()
        self.summary.setText(message)
        job.start()
        return job

    def cancel_open(self) -> None:
        """Stop waiting for an open in progress; the estate shown stays."""
        if self.job is not None:
            self.job.cancel()
            self._open_ended()

    def _progress(self, step: str, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.progress.setFormat(f"{step} %v/%m")

    def _open_ended(self) -> None:
        self.job = None
        self.progress.hide()
        self.cancel_button.hide()
        if self.session is not None:
            self._show_summary()

    def _forget_finished_jobs(self) -> None:
        self.running = {job for job in self.running if not job.runner.isFinished()}

    def _opened(self, session: Session) -> None:
        if self.job is None:  # cancelled meanwhile: drop the result
            return
        self._open_ended()
        self._remember(self.opening)
        self.set_session(session)

    def _compared(self, comparison: Comparison) -> None:
        if self.job is None:
            return
        self._open_ended()
        self.comparison = comparison
        self.changes.show_comparison(comparison)
        self.changes_dock.show()
        self.changes_dock.raise_()
        self._draw("compare")
        self.compared.emit()

    def stop_comparing(self) -> None:
        if self.comparison is not None:
            self.comparison = None
            self.changes.show_comparison(None)
            self.show_whole()

    def _ask_compare(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self, "Compare with a snapshot", "", SOURCE_FILTER)
        if names:
            self.compare_with([Path(n) for n in names])

    def _open_failed(self, message: str) -> None:
        self._open_ended()
        self.load_failed.emit(message)
        show_error(self, self._failure, message)

    def set_session(self, session: Session) -> None:
        """Show an opened estate: the whole graph, its gaps, everything searchable."""
        self.session = session
        self.selected, self.reach, self.focus_centres = None, None, []
        self.comparison = None
        self.changes.show_comparison(None)
        self.search.set_session(session)
        self.gaps.set_gaps(session.gaps)
        self.impact.clear()
        self.details.clear()
        self.compare_action.setEnabled(not session.remote)
        self.compare_action.setStatusTip(
            "Export a snapshot of the endpoint and open it to compare" if session.remote else ""
        )
        self.show_whole()
        self._show_summary()
        self.setWindowTitle(f"{session.title} - Infra Context Explorer")
        self.loaded.emit()

    def _show_summary(self) -> None:
        assert self.session is not None
        self.summary.setText(
            f"{self.session.summary()} Showing {len(self.scene.nodes)} node(s), {self.mode} view."
        )

    # ------------------------------------------------------------------ views

    def _draw(self, view_name: str) -> None:
        assert self.session is not None
        if view_name == "compare" and self.comparison is not None:
            view = self.comparison.view
        elif view_name == "focus":
            hops = self.hops.value() if self.reach is None else 0
            view = self.session.focus(self.focus_centres, hops)
        else:
            view_name, view = "whole", self.session.whole
        self.mode = view_name
        self.scene.show_view(view, self.session.gap_nodes, self.palette())
        if self.comparison is not None:
            self.scene.set_changes(self.comparison.changes.marks())
        self.scene.set_selected(self.selected)
        if self.reach is not None:
            self.scene.set_highlight(_distances(self.reach))
        self.canvas.fit()
        self._show_summary()

    def show_whole(self) -> None:
        """The whole estate; while comparing, with what was removed since the snapshot."""
        if self.session is not None:
            self._draw("compare" if self.comparison is not None else "whole")

    def show_focus(self, centres: Sequence[str] | None = None) -> None:
        """The neighbourhood of ``centres`` (default: the selection, or what it reaches)."""
        if self.session is None:
            return
        if centres is None:
            centres = list(_distances(self.reach)) if self.reach else [self.selected or ""]
        self.focus_centres = [c for c in centres if c]
        if self.focus_centres:
            self._draw("focus")

    def expand(self, iri: str) -> None:
        """Double-click: bring a node's neighbours into the focus view."""
        self.select(iri, centre=False)
        self.reach = None
        self.scene.set_highlight(None)
        self.show_focus([*self.focus_centres, iri] if self.mode == "focus" else [iri])
        self.canvas.centre_on(iri)

    def _hops_changed(self) -> None:
        if self.mode == "focus" and self.reach is None:
            self._draw("focus")

    # ------------------------------------------------------------------ selection

    def select(self, iri: str, centre: bool = True) -> None:
        """Select a node everywhere: canvas, details; centre it unless asked not to."""
        if self.session is None:
            return
        self.selected = iri
        if iri not in self.scene.nodes and self.mode == "focus":
            self.show_focus([iri])
        self.scene.set_selected(iri)
        self.details.show_details(self._details_session(iri).details(iri))
        if centre:
            self.canvas.centre_on(iri)
        self.selection_changed.emit(iri)

    def _details_session(self, iri: str) -> Session:
        """The open estate, or the compared snapshot for a node removed since."""
        assert self.session is not None
        removed = self.comparison is not None and self.comparison.changes.marks().get(iri)
        if removed == "removed" and self.comparison is not None:
            return Session(LoadResult(self.comparison.old))
        return self.session

    # ------------------------------------------------------------------ analyses

    def show_blast_radius(self) -> None:
        """B: everything affected if the selected node fails, and the teams to tell."""
        if self.session is not None and self.selected is not None:
            self._reach_from(self.session.blast_radius, "What fails with")

    def show_upstream(self) -> None:
        """U: everything the selected node needs, and whose it is."""
        if self.session is not None and self.selected is not None:
            self._reach_from(self.session.upstream, "What is needed by")

    def _reach_from(self, ask: Callable[..., Reach], doing: str) -> None:
        """Answer at once from a loaded estate; ask an endpoint off the GUI thread."""
        assert self.session is not None and self.selected is not None
        selected = self.selected
        if not self.session.remote:
            self._show_reach(ask(selected))
            return
        name = id_from_iri(selected)
        self._start(
            Job(lambda report: ask(selected, None, report)),
            self._reached,
            f"{doing} {name}…",
            "Cannot answer",
        )

    def _reached(self, answer: Reach) -> None:
        if self.job is None:  # cancelled meanwhile
            return
        self._open_ended()
        self._show_reach(answer)

    def _show_reach(self, answer: Reach) -> None:
        self.reach = answer
        if self.mode == "focus":
            self.show_focus(list(_distances(answer)))
        self.scene.set_highlight(_distances(answer))
        self.impact.show_reach(answer)
        self.impact_dock.show()
        self.impact_dock.raise_()

    def clear_highlight(self) -> None:
        self.reach = None
        self.scene.set_highlight(None)
        self.impact.clear()

    # ------------------------------------------------------------------ export

    def export_snapshot(self, path: Path) -> bool:
        """Write the estate to ``path``; an endpoint's is copied in the background first."""
        if self.session is None:
            return False
        if self.session.remote:
            session = self.session
            self._start(
                Job(lambda report: _write_snapshot(session, path, report)),
                self._exported,
                f"Copying {session.title} into {path.name}…",
                "Cannot export",
            )
            return True
        try:
            if path.resolve() in {s.path.resolve() for s in self.session.result.sources}:
                raise InputError(path, None, "is one of the open sources; refusing to overwrite it")
            dump(self.session.graph, path, provenance_of(self.session.result))
        except InputError as exc:
            show_error(self, "Cannot export", str(exc))
            return False
        return True

    def _exported(self, path: Path) -> None:
        if self.job is None:
            return
        self._open_ended()
        self.summary.setText(f"Wrote {path}.")
        self.exported.emit(str(path))

    def _ask_snapshot(self) -> None:
        kinds = ";;".join(f"{ext[1:].upper()} (*{ext})" for ext in WRITERS)
        name, _ = QFileDialog.getSaveFileName(self, "Export snapshot", "snapshot.ttl", kinds)
        if name:
            self.export_snapshot(Path(name))

    def _ask_image(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, "Export view", "view.png", "PNG image (*.png);;SVG drawing (*.svg)"
        )
        if name:
            try:
                view_export.save_scene(self.scene, Path(name))
            except InputError as exc:
                show_error(self, "Cannot export", str(exc))

    # ------------------------------------------------------------------ files and settings

    def _ask_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self, "Open sources", "", SOURCE_FILTER)
        if names:
            self.open_sources([Path(n) for n in names])

    def _ask_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Open a folder of sources")
        if folder:
            self.open_sources([Path(folder)])

    def _remember(self, opened: Sequence[str]) -> None:
        """Put what was opened first in the recent list (an endpoint without credentials:
        its source form cannot hold any)."""
        entry = "\n".join(opened)
        if not entry:
            return
        recent = [r for r in self._recent() if r != entry]
        self.settings.setValue("recent", [entry, *recent][:MAX_RECENT])
        self._fill_recent()

    def _recent(self) -> list[str]:
        value = self.settings.value("recent", [])
        return [str(v) for v in (value if isinstance(value, list) else [value]) if v]

    def _fill_recent(self) -> None:
        self.recent.clear()
        for entry in self._recent():
            if is_endpoint(entry):
                try:
                    endpoint = parse_endpoint(entry)
                except InputError:  # a damaged settings file: leave the entry out
                    continue
                action = self.recent.addAction(endpoint.name)
                action.setToolTip(entry)
                action.triggered.connect(lambda _=False, e=endpoint: self.open_endpoint(e))
                continue
            paths = [Path(p) for p in entry.split("\n")]
            label = ", ".join(p.name for p in paths)
            action = self.recent.addAction(label)
            action.setToolTip("\n".join(str(p) for p in paths))
            action.triggered.connect(lambda _=False, ps=paths: self.open_sources(ps))
        self.recent.setEnabled(bool(self._recent()))

    def _restore_layout(self) -> None:
        """Put docks and sizes back as they were; a damaged settings file is set aside."""
        if self.settings.status() != QSettings.Status.NoError:
            _log.warning(
                "settings %s cannot be read (%s); starting with defaults",
                self.settings.fileName(),
                self.settings.status().name,
            )
            self.settings.clear()
        restore: dict[str, Callable[[QByteArray], bool]] = {
            "window/geometry": self.restoreGeometry,
            "window/state": self.restoreState,
            "window/impact-split": self.impact.split.restoreState,
        }
        for key, put_back in restore.items():
            value = self.settings.value(key)
            if value is None:
                continue
            if not isinstance(value, QByteArray) or not put_back(value):
                _log.warning("setting %s is not a saved layout; ignored", key)
                self.settings.remove(key)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.settings.setValue("window/impact-split", self.impact.split.saveState())
        self.settings.sync()
        self.cancel_open()
        for job in [*self.running, *self.search.jobs]:
            job.wait()
        super().closeEvent(event)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            self.open_sources(paths)


def _write_snapshot(session: Session, path: Path, report: Callable[[str, int, int], None]) -> Path:
    graph, provenance = session.snapshot(report)
    dump(graph, path, provenance)
    return path


def _distances(answer: Reach | None) -> dict[str, int]:
    if answer is None:
        return {}
    return {answer.node.iri: 0, **{i.entity.iri: i.distance for i in answer.impacted}}
