"""Fixtures for the desktop app: a window on the sample, with settings in a temp file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from explorer.estate import Estate
from helpers import SAMPLES, opened
from ui.window.main_window import MainWindow


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture(scope="session")
def sample_session() -> Estate:
    return opened([])


@pytest.fixture
def window_on(qtbot: QtBot, settings: QSettings) -> Callable[[list[Path]], MainWindow]:
    """Opens a window of its own on sources, shown and with the keyboard in it."""

    def open_window(sources: list[Path]) -> MainWindow:
        win = MainWindow(opened(sources), settings=settings)
        qtbot.addWidget(win)
        win.show()
        qtbot.waitExposed(win)
        win.activateWindow()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
        return win

    return open_window


@pytest.fixture
def window(qtbot: QtBot, settings: QSettings, sample_session: Estate) -> MainWindow:
    win = MainWindow(sample_session, settings=settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


@pytest.fixture
def compared(qtbot: QtBot, settings: QSettings, write: Callable[[str, str], Path]) -> MainWindow:
    """A window on buyer-profile.yaml with one owner changed, compared with the original."""
    text = (SAMPLES / "buyer-profile.yaml").read_text(encoding="utf-8")
    new = write(
        "new.yaml",
        text.replace("    owner: team-recs\n    tier: 3", "    owner: team-cart\n    tier: 3"),
    )
    win = MainWindow(opened([new]), settings=settings)
    qtbot.addWidget(win)
    win.show()
    with qtbot.waitSignal(win.compared, timeout=20_000):
        job = win.opening.compare_with([SAMPLES / "buyer-profile.yaml"])
    assert job is not None
    job.wait()
    return win
