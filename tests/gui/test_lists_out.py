"""Every list of the window out of it, as a person does it: a right-click on the list and
a click on Copy as Markdown, Copy as CSV or Save as CSV…, or Ctrl+C; then what was pasted
or saved read back, row by row."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QContextMenuEvent, QGuiApplication
from PySide6.QtWidgets import QApplication, QFileDialog, QMenu
from pytestqt.qtbot import QtBot
from test_session import CTRL, SHIFT, press, search_and_enter

from explorer.report.tables import markdown_cell
from ui.dialogs import messages
from ui.panels.table import RecordTable
from ui.window.main_window import MainWindow

CTRL_ONLY = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def active(window: MainWindow, qtbot: QtBot) -> MainWindow:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    return window


def headers(table: RecordTable) -> list[str]:
    """The column headers as the list shows them."""
    model, across = table.model(), Qt.Orientation.Horizontal
    return [model.headerData(c, across) for c in range(model.columnCount())]


def right_click(qtbot: QtBot, table: RecordTable, text: str, row: int | None = None) -> None:
    """Right-click the list (on ``row``, which selects it, or below the rows), then click
    ``text`` in the menu that opens."""
    port = table.viewport()
    if row is not None:
        at = table.visualRect(table.model().index(row, 0)).center()
        qtbot.mouseClick(port, Qt.MouseButton.RightButton, pos=at)
    else:
        at = QPoint(port.width() // 2, port.height() - 2)
    port.setFocus()
    QApplication.sendEvent(
        port, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, at, port.mapToGlobal(at))
    )
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu))
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu)
    action = next(a for a in menu.actions() if a.text().split("\t")[0] == text)
    with qtbot.waitSignal(action.triggered):
        qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(action).center())


def pasted_markdown() -> list[str]:
    return QGuiApplication.clipboard().text().splitlines()


def pasted_csv() -> list[list[str]]:
    data = QGuiApplication.clipboard().mimeData()
    assert data is not None and data.hasFormat("text/csv")
    return list(csv.reader(io.StringIO(bytes(data.data("text/csv").data()).decode("utf-8"))))


def markdown_row(cells: list[object]) -> str:
    return "| " + " | ".join(markdown_cell(c) for c in cells) + " |"


class TestCopying:
    def test_the_gaps_are_copied_as_a_markdown_table_from_the_lists_menu(
        self, active: MainWindow, qtbot: QtBot
    ) -> None:
        table = active.gaps.table
        gaps = table.visible_records()
        assert len(gaps) > 5
        right_click(qtbot, table, "Copy as Markdown")
        lines = pasted_markdown()
        assert lines[0] == markdown_row(headers(table))
        assert lines[1] == "|" + "---|" * len(headers(table))
        assert len(lines) == 2 + len(gaps)
        name = headers(table).index("Name")
        for line, gap in zip(lines[2:], gaps, strict=True):
            assert line.split(" | ")[name] == markdown_cell(gap.entity.name)
        assert len(pasted_csv()) == 1 + len(gaps)  # a spreadsheet gets cells
        assert active.statusBar().currentMessage() == f"Copied {len(gaps)} row(s) as Markdown."

    def test_ctrl_c_copies_the_row_picked_and_every_row_when_none_is(
        self, active: MainWindow, qtbot: QtBot
    ) -> None:
        table = active.gaps.table
        gaps = table.visible_records()
        qtbot.keyClick(table, Qt.Key.Key_C, CTRL_ONLY)
        assert len(pasted_markdown()) == 2 + len(gaps)
        second = table.visualRect(table.model().index(1, 0)).center()
        with qtbot.waitSignal(active.selection_changed):
            qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=second)
        qtbot.keyClick(table, Qt.Key.Key_C, CTRL_ONLY)
        lines = pasted_markdown()
        assert len(lines) == 3 and markdown_cell(gaps[1].entity.name) in lines[2]
        assert pasted_csv()[1][headers(table).index("Name")] == gaps[1].entity.name

    def test_the_menu_copies_every_row_even_from_a_row_picked(
        self, active: MainWindow, qtbot: QtBot
    ) -> None:
        table = active.gaps.table
        right_click(qtbot, table, "Copy the selected row as Markdown", row=2)
        assert len(pasted_markdown()) == 3
        right_click(qtbot, table, "Copy as Markdown", row=2)
        assert len(pasted_markdown()) == 2 + len(table.visible_records())

    def test_search_results_are_copied_as_csv(self, active: MainWindow, qtbot: QtBot) -> None:
        search_and_enter(active, qtbot, "dns")
        table = active.search.results
        hits = table.visible_records()
        right_click(qtbot, table, "Copy as CSV")
        text = QGuiApplication.clipboard().text()
        rows = list(csv.reader(io.StringIO(text)))
        assert rows == pasted_csv()
        assert rows[0] == headers(table)
        assert [r[0] for r in rows[1:]] == [h.label for h in hits]

    def test_the_single_points_of_failure_are_copied(
        self, active: MainWindow, qtbot: QtBot
    ) -> None:
        press(qtbot, Qt.Key.Key_F, CTRL | SHIFT)
        table = active.structure.points.table
        qtbot.waitUntil(lambda: len(table.visible_records()) > 0)
        points = table.visible_records()
        right_click(qtbot, table, "Copy as Markdown")
        names = [line.split(" | ")[2] for line in pasted_markdown()[2:]]
        assert names == [markdown_cell(p.entity.name) for p in points]

    def test_the_changes_since_a_snapshot_are_copied(
        self, compared: MainWindow, qtbot: QtBot
    ) -> None:
        table = compared.changes.table
        right_click(qtbot, table, "Copy as Markdown")
        assert pasted_markdown()[2].startswith("| changed | attribute | ")


class TestSaving:
    def test_the_teams_to_tell_are_saved_as_csv_where_the_dialog_says(
        self, active: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        offered: list[str] = []

        def save_as(parent: object, title: str, name: str, kinds: str) -> tuple[str, str]:
            offered.append(name)
            return str(tmp_path / "told"), kinds  # no extension typed: .csv is added

        monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
        search_and_enter(active, qtbot, "dns-service")
        press(qtbot, Qt.Key.Key_B)
        table = active.impact.teams
        teams = table.visible_records()
        right_click(qtbot, table, "Save as CSV…")
        assert offered == ["impact-team.csv"]
        with (tmp_path / "told.csv").open(encoding="utf-8", newline="") as saved:
            rows = list(csv.reader(saved))
        assert rows[0] == headers(table)
        assert [r[0] for r in rows[1:]] == [t.entity.label for t in teams]
        said = f"Saved {len(teams)} row(s) to {tmp_path / 'told.csv'}."
        assert active.statusBar().currentMessage() == said

    def test_each_list_is_offered_under_its_own_name(
        self, active: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        offered: list[str] = []
        monkeypatch.setattr(
            QFileDialog, "getSaveFileName", lambda *asked: (offered.append(asked[2]), ("", ""))[1]
        )
        for table in (active.gaps.table, active.search.results, active.structure.points.table):
            active.docks.reveal(table)
            if table is active.structure.points.table:
                press(qtbot, Qt.Key.Key_F, CTRL | SHIFT)
                qtbot.waitUntil(lambda table=table: len(table.visible_records()) > 0)
            right_click(qtbot, table, "Save as CSV…")
        assert offered == ["ownership-gaps.csv", "search.csv", "single-points-of-failure.csv"]

    def test_a_list_that_cannot_be_written_says_why(
        self, active: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        nowhere = tmp_path / "no such folder" / "gaps.csv"
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *asked: (str(nowhere), ""))
        told: list[str] = []
        monkeypatch.setattr(messages, "show_error", lambda parent, title, text: told.append(text))
        right_click(qtbot, active.gaps.table, "Save as CSV…")
        assert len(told) == 1 and "no such folder" in told[0] and not nowhere.exists()
