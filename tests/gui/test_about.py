"""Help ▸ About, reached by the keyboard as a user does: the version, and every bundled
library with its licence, Qt's LGPL among them with where its sources are."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMenu, QTextBrowser
from pytestqt.qtbot import QtBot

from explorer import __version__
from ui.window.main_window import MainWindow


def test_about_shows_the_version_and_the_licences(window: MainWindow, qtbot: QtBot) -> None:
    seen: list[str] = []

    def read_and_close() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QDialog) and dialog.objectName() == "about":
            seen.append(dialog.findChild(QTextBrowser).toPlainText())
            dialog.reject()
            poll.stop()

    poll = QTimer()
    poll.timeout.connect(read_and_close)
    poll.start(50)
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_H, Qt.KeyboardModifier.AltModifier)
    menu = next(m for m in window.menuBar().findChildren(QMenu) if m.title() == "&Help")
    qtbot.waitUntil(menu.isVisible)
    qtbot.keyClick(menu, Qt.Key.Key_A)
    qtbot.waitUntil(lambda: bool(seen), timeout=10_000)
    text = seen[0]
    assert f"Infra Context Explorer {__version__}" in text
    assert "PySide6" in text and "LGPL-3.0" in text and "rdflib" in text
    assert "download.qt.io" in text
