"""Every list's rows out of the window: copied as a Markdown table (for a status report or
a ticket) or as CSV, and saved as CSV, from its context menu; Ctrl+C copies the rows
selected, or all of them when none is. The clipboard holds the text copied as text and
the CSV as ``text/csv`` besides, so a program that reads CSV gets cells.

The forms are ``explorer.report.tables``', as every other answer's; a file is written
atomically, where the window's save dialog says.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QMimeData
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMenu, QTableView, QTabWidget, QWidget

from explorer.domain.errors import InputError
from explorer.files.atomic import atomic_write_bytes
from explorer.report.tables import csv_text, markdown_table
from ui.actions import COPY_ROWS_KEYS
from ui.dialogs.prompts import WindowPrompts
from ui.panels.models import RecordTableModel

__all__ = ["CSV_TYPE", "copy_rows", "list_name", "rows_menu", "save_rows"]

CSV_TYPE = "text/csv"
CSV_FILTER = "CSV (*.csv)"
SAID_FOR = 8000  # milliseconds the status line says what was copied or saved
FORMS = {"Markdown": "markdown", "CSV": "csv"}


def _say(view: QWidget, text: str) -> None:
    """A line in the window's status bar, for a while (a table knows no more of it)."""
    window = view.window()
    if isinstance(window, QMainWindow):
        window.statusBar().showMessage(text, SAID_FOR)


def _selected(view: QTableView) -> list[int]:
    """The rows selected, top to bottom."""
    return sorted({index.row() for index in view.selectionModel().selectedRows()})


def copy_rows(view: QTableView, model: RecordTableModel, form: str, selected: bool) -> int:
    """Put the ``selected`` rows (every row shown when none is, or when not ``selected``)
    on the clipboard as ``form`` (``markdown`` or ``csv``); returns how many rows."""
    cells = model.cells((_selected(view) if selected else []) or None)
    as_csv = csv_text(model.headers(), cells)
    data = QMimeData()
    if form == "markdown":
        data.setText("\n".join(markdown_table(model.headers(), cells)) + "\n")
    else:
        data.setText(as_csv)
    data.setData(CSV_TYPE, as_csv.encode("utf-8"))
    QGuiApplication.clipboard().setMimeData(data)
    _say(view, f"Copied {len(cells):,} row(s) as {'Markdown' if form == 'markdown' else 'CSV'}.")
    return len(cells)


def _place(view: QWidget) -> tuple[QWidget | None, str]:
    """Where a list is shown, and what that place is called: the page of the tab it is
    on, else its dock."""
    place = view.parentWidget()
    while place is not None:
        if isinstance(place, QTabWidget):
            pages = [place.widget(i) for i in range(place.count())]
            on = [i for i, page in enumerate(pages) if page is not None and page.isAncestorOf(view)]
            if on:
                return pages[on[0]], place.tabText(on[0])
        if isinstance(place, QDockWidget):
            return place, place.windowTitle()
        place = place.parentWidget()
    return None, ""


def list_name(view: QTableView, model: RecordTableModel) -> str:
    """A file name for a list: its tab's text, else its dock's title (``ownership-gaps``),
    with its first column's header when the place holds more lists (``impact-team``)."""
    place, name = _place(view)
    if place is not None and len(place.findChildren(QTableView)) > 1 and model.columns:
        name = f"{name} {model.headers()[0]}"
    return re.sub(r"[^a-z0-9]+", "-", name.replace("&", "").casefold()).strip("-") or "list"


def save_rows(view: QTableView, model: RecordTableModel) -> Path | None:
    """Ask where, through the window's save dialog, and write every row shown there as
    CSV, atomically; say where. None when cancelled or refused (the person is told why)."""
    prompts = WindowPrompts(view.window(), lambda text: _say(view, text))
    path = prompts.file_to_save("Save as CSV", f"{list_name(view, model)}.csv", CSV_FILTER)
    if path is None:
        return None
    path = path if path.suffix else path.with_suffix(".csv")
    cells = model.cells()
    try:
        atomic_write_bytes(path, csv_text(model.headers(), cells).encode("utf-8"))
    except InputError as exc:
        prompts.error("Cannot save", str(exc))
        return None
    prompts.say(f"Saved {len(cells):,} row(s) to {path}.")
    return path


def rows_menu(view: QTableView, model: RecordTableModel) -> QMenu:
    """The context menu of a list: every row shown copied as Markdown or CSV, or saved as
    CSV; and, when rows are selected, those copied ("Copy as Markdown" copies all then)."""
    menu = QMenu(view)
    keys = QKeySequence(COPY_ROWS_KEYS).toString(QKeySequence.SequenceFormat.NativeText)
    chosen = len(_selected(view))
    for word, form in FORMS.items():
        hint = f"\t{keys}" if form == "markdown" and not chosen else ""
        action = menu.addAction(f"Copy as {word}{hint}")
        action.triggered.connect(lambda _=False, form=form: copy_rows(view, model, form, False))
    menu.addAction("Save as CSV…").triggered.connect(lambda: save_rows(view, model))
    if chosen:
        menu.addSeparator()
        rows = "the selected row" if chosen == 1 else f"the {chosen} selected rows"
        action = menu.addAction(f"Copy {rows} as Markdown\t{keys}")
        action.triggered.connect(lambda: copy_rows(view, model, "markdown", True))
    for action in menu.actions():
        action.setEnabled(bool(model.order))
    return menu
