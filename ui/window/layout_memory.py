"""The window's size, docks and splitters between runs, kept in ``QSettings``.

A settings file that cannot be read, or holds something else than a saved layout, is set
aside with a warning: the window then opens with defaults.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QMainWindow, QSplitter

__all__ = ["WindowLayout"]

_log = logging.getLogger(__name__)


class WindowLayout:
    """The window's size, docks and splitters, saved on close and put back on start."""

    def __init__(self, settings: QSettings, window: QMainWindow, split: QSplitter) -> None:
        self.settings, self.window, self.split = settings, window, split

    def restore(self) -> None:
        if self.settings.status() != QSettings.Status.NoError:
            _log.warning(
                "settings %s cannot be read (%s); starting with defaults",
                self.settings.fileName(),
                self.settings.status().name,
            )
            self.settings.clear()
        for key, put_back in self._parts().items():
            value = self.settings.value(key)
            if value is None:
                continue
            if not isinstance(value, QByteArray) or not put_back(value):
                _log.warning("setting %s is not a saved layout; ignored", key)
                self.settings.remove(key)

    def save(self) -> None:
        self.settings.setValue("window/geometry", self.window.saveGeometry())
        self.settings.setValue("window/state", self.window.saveState())
        self.settings.setValue("window/impact-split", self.split.saveState())
        self.settings.sync()

    def _parts(self) -> dict[str, Callable[[QByteArray], bool]]:
        return {
            "window/geometry": self.window.restoreGeometry,
            "window/state": self.window.restoreState,
            "window/impact-split": self.split.restoreState,
        }
