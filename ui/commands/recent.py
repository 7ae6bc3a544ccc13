"""File ▸ Open recent: the sources opened last, kept in ``QSettings``."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMenu

from explorer.domain.errors import InputError
from explorer.estate import source_label

__all__ = ["MAX_RECENT", "RecentSources"]

MAX_RECENT = 8


class RecentSources:
    """The last opened sources, newest first, as entries of the File menu.

    An entry is what ``open_estate`` takes (files, or an endpoint without credentials:
    its source form cannot hold any), one source a line.
    """

    def __init__(self, settings: QSettings) -> None:
        self.settings = settings
        self.menu: QMenu | None = None
        self.reopen: Callable[[list[str]], object] = lambda sources: None

    def show_in(self, menu: QMenu, reopen: Callable[[list[str]], object]) -> None:
        """List the entries in ``menu``; choosing one calls ``reopen`` with its sources."""
        self.menu, self.reopen = menu, reopen
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
        if self.menu is None:
            return
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
