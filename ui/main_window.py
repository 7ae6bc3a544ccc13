"""The main window: the loaded estate as a filterable table, for now."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from explorer.errors import InputError
from explorer.ingest import LoadResult, load
from explorer.model import entities
from ui.entity_model import EntityTableModel

__all__ = ["MainWindow", "show_error"]


def show_error(parent: QWidget, title: str, text: str) -> None:
    """A modal warning; tests replace this function rather than click a dialog."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, parent=parent)
    box.setTextFormat(Qt.TextFormat.PlainText)  # file names and ids are never markup
    box.exec()


class MainWindow(QMainWindow):
    """Shows one ``LoadResult``; opening another replaces it only if it loads cleanly."""

    def __init__(self, result: LoadResult) -> None:
        super().__init__()
        self.result = result
        self.model = EntityTableModel()
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)
        self.filter_box = QLineEdit(placeholderText="Filter by any column  (Ctrl+F)")
        self.filter_box.setClearButtonEnabled(True)
        self.filter_box.textChanged.connect(self.proxy.setFilterFixedString)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)  # rows start in the core's order: services first
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addWidget(self.filter_box)
        layout.addWidget(self.table)
        self.setCentralWidget(central)
        self.summary = QLabel()
        self.statusBar().addWidget(self.summary)
        self._add_actions()
        self.resize(1100, 700)
        self.show_result(result)

    def _add_actions(self) -> None:
        menu = self.menuBar().addMenu("&File")
        open_files = QAction("&Open files…", self, shortcut=QKeySequence.StandardKey.Open)
        open_files.triggered.connect(self._ask_files)
        open_folder = QAction("Open &folder…", self, shortcut=QKeySequence("Ctrl+Shift+O"))
        open_folder.triggered.connect(self._ask_folder)
        quit_app = QAction("&Quit", self, shortcut=QKeySequence.StandardKey.Quit)
        quit_app.triggered.connect(self.close)
        menu.addActions([open_files, open_folder])
        menu.addSeparator()
        menu.addAction(quit_app)
        find = QAction("Filter", self, shortcut=QKeySequence.StandardKey.Find)
        find.triggered.connect(self.filter_box.setFocus)
        self.addAction(find)

    def show_result(self, result: LoadResult) -> None:
        """Display a loaded graph: rows, title and a status line saying where it came from."""
        self.result = result
        self.model.set_entities(entities(result.graph))
        self.table.resizeColumnsToContents()
        names = ", ".join(s.path.name for s in result.sources[:3])
        more = f" and {len(result.sources) - 3} more" if len(result.sources) > 3 else ""
        self.setWindowTitle(f"{names}{more} - Infra Context Explorer")
        self.summary.setText(
            f"{self.model.rowCount()} entities, {len(result.graph)} triples "
            f"from {len(result.sources)} file(s)"
            + (f"; {len(result.warnings)} warning(s)" if result.warnings else "")
        )

    def open_sources(self, paths: Sequence[Path]) -> bool:
        """Load ``paths``; on bad input say so and keep the graph that is open."""
        try:
            result = load(paths)
        except InputError as exc:
            show_error(self, "Cannot open", str(exc))
            return False
        self.show_result(result)
        return True

    def _ask_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(
            self,
            "Open sources",
            "",
            "Estates (*.ttl *.nt *.jsonld *.rdf *.owl *.trig *.yaml *.yml *.csv);;All files (*)",
        )
        if names:
            self.open_sources([Path(n) for n in names])

    def _ask_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Open a folder of sources")
        if folder:
            self.open_sources([Path(folder)])
