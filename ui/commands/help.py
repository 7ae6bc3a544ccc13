"""Help ▸ Keyboard shortcuts and About, and File ▸ Quit."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt

from ui.actions import handles
from ui.dialogs import messages
from ui.dialogs.prompts import Prompts
from ui.dialogs.shortcuts import ShortcutsDialog

__all__ = ["HelpCommands"]


class HelpCommands:
    def __init__(self, prompts: Prompts, close: Callable[[], object]) -> None:
        self.prompts, self.close = prompts, close
        self.shortcuts: ShortcutsDialog | None = None  # the sheet open now (tests read it)

    @handles("shortcuts")
    def show_shortcuts(self) -> None:
        dialog = ShortcutsDialog(self.prompts.parent())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        self.shortcuts = dialog

    @handles("about")
    def show_about(self) -> None:
        messages.show_about(self.prompts.parent())

    @handles("quit")
    def quit(self) -> None:
        self.close()
