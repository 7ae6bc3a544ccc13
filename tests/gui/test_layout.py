"""Panels that fit, at 1366x768 and at 1920x1080: no column that matters is cut or off
screen, and a column that may be cut shows its whole text on hover."""

from __future__ import annotations

import html

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QDockWidget
from pytestqt.qtbot import QtBot

from explorer.estate import Estate
from ui.panels.table import RecordTable
from ui.window.main_window import MainWindow

SIZES = [(1366, 768), (1920, 1080)]


@pytest.fixture(params=SIZES, ids=["1366x768", "1920x1080"])
def sized(
    request: pytest.FixtureRequest, qtbot: QtBot, settings: QSettings, sample_session: Estate
) -> MainWindow:
    width, height = request.param
    win = MainWindow(sample_session, settings=settings)
    qtbot.addWidget(win)
    win.resize(width, height)
    win.docks.size_for(width, height)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(win.search.query, "dns-service")
    qtbot.waitUntil(lambda: not win.search._debounce.isActive())
    with qtbot.waitSignal(win.selection_changed):
        qtbot.keyClick(win.search.query, Qt.Key.Key_Return)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_B)
    return win


def problems(table: RecordTable) -> list[str]:
    """What a user would find cut or hidden in ``table``."""
    found = []
    viewport = table.viewport().width()
    for column, spec in enumerate(table.source.columns):
        start, width = table.columnViewportPosition(column), table.columnWidth(column)
        if not spec.elide:
            if width < table.sizeHintForColumn(column):
                found.append(f"{spec.header}: {width} < {table.sizeHintForColumn(column)}")
            if start + width > viewport:
                found.append(f"{spec.header}: off screen ({start}+{width} > {viewport})")
            continue
        if start > viewport - 40:
            found.append(f"{spec.header}: starts off screen at {start}")
        for row in range(table.source.rowCount()):
            index = table.source.index(row, column)
            tip = index.data(Qt.ItemDataRole.ToolTipRole) or ""
            if str(index.data()) not in html.unescape(tip):
                found.append(f"{spec.header} row {row}: no tooltip with its text")
    return found


def raised(window: MainWindow, dock: QDockWidget) -> None:
    window.docks.show(dock)
    QApplication.processEvents()


class TestNothingThatMattersIsCut:
    def test_the_reached_nodes(self, sized: MainWindow) -> None:
        raised(sized, sized.docks.impact_dock)
        assert sized.impact.impacted.source.rowCount() == 13
        assert problems(sized.impact.impacted) == []

    def test_the_teams_to_tell(self, sized: MainWindow) -> None:
        raised(sized, sized.docks.impact_dock)
        assert sized.impact.teams.source.rowCount() == 10
        assert problems(sized.impact.teams) == []

    def test_the_gaps(self, sized: MainWindow) -> None:
        raised(sized, sized.docks.gaps_dock)
        assert problems(sized.gaps.table) == []

    def test_a_picked_row_shows_its_whole_path_to_copy(
        self, sized: MainWindow, qtbot: QtBot
    ) -> None:
        raised(sized, sized.docks.impact_dock)
        table = sized.impact.impacted
        row = max(range(table.source.rowCount()), key=lambda r: len(table.record_at(r).path))
        rect = table.visualRect(table.source.index(row, 4))
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        record = table.record_at(row)
        assert sized.impact.detail.text() == f"{record.entity.name}: {' → '.join(record.path)}"
        flags = sized.impact.detail.textInteractionFlags()
        assert flags & Qt.TextInteractionFlag.TextSelectableByMouse
        assert sized.impact.heading.wordWrap() and sized.impact.detail.wordWrap()

    def test_the_details_hint_is_shown_whole(self, qtbot: QtBot, settings: QSettings) -> None:
        win = MainWindow(settings=settings)
        qtbot.addWidget(win)
        win.resize(*SIZES[0])
        win.show()
        assert "see everything about it here" in win.details.toPlainText()
