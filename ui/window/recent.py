"""What the app remembers between runs: the recent sources, and the window's layout.

Both live in ``QSettings``. A settings file that cannot be read, or holds something else
than a saved layout, is set aside with a warning: the window then opens with defaults.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QMainWindow, QMenu, QSplitter

from explorer.domain.errors import InputError
from explorer.estate import source_label

__all__ = ["MAX_RECENT", "RecentSources", "WindowLayout"]

_log = logging.getLogger(__name__)
MAX_RECENT = 8


class RecentSources:
    """The last opened sources, newest first, as entries of the File menu.

    An entry is what ``open_estate`` takes (files, or an endpoint without credentials:
    its source form cannot hold any), one source a line.
    """

    def __init__(
        self, settings: QSettings, menu: QMenu, reopen: Callable[[list[str]], object]
    ) -> None:
        self.settings, self.menu, self.reopen = settings, menu, reopen
        self.fill()

    def entries(self) -> list[str]:
        value = self.settings.value("recent", [])
        return [str(v) for v in (value if isinstance(value, list) else [value]) if v]

    def remember(self, sources: Sequence[str]) -> None:
        entry = "\n".join(sources)
        if not entry:
            return  # the bundled sample
        recent = [r for r in self.entries() if r != entry]
        self.settings.setValue("recent", [entry, *recent][:MAX_RECENT])
        self.fill()

    def fill(self) -> None:
        self.menu.clear()
        for entry in self.entries():
            sources = entry.split("\n")
            try:
                label, tip = source_label(sources)
            except InputError:  # a damaged settings file: leave the entry out
                continue
            action = self.menu.addAction(label)
            action.setToolTip(tip)
            action.triggered.connect(lambda _=False, s=sources: self.reopen(s))
        self.menu.setEnabled(bool(self.menu.actions()))


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
