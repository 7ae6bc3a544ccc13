"""Fixtures for the desktop app: a window on the sample, with settings in a temp file."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from explorer.estate import Estate
from helpers import opened
from ui.main_window import MainWindow


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture(scope="session")
def sample_session() -> Estate:
    return opened([])


@pytest.fixture
def window(qtbot: QtBot, settings: QSettings, sample_session: Estate) -> MainWindow:
    win = MainWindow(sample_session, settings=settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win
