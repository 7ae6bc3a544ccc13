"""What a command asks the person at the window, and what it tells them.

Command groups (``ui.commands``) take a ``Prompts`` instead of the window: the status
line, the error box and the standard dialogs are all they need of it. ``WindowPrompts`` is
the window's; a test hands a command group a recording stand-in and never opens a dialog.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QWidget

from ui.dialogs import messages

__all__ = ["Button", "Prompts", "WindowPrompts"]

Button = QMessageBox.StandardButton


class Prompts(Protocol):
    """The status line and the dialogs, as commands use them."""

    def say(self, text: str) -> None:
        """One line in the status bar."""

    def error(self, title: str, text: str) -> None:
        """A modal warning with plain text."""

    def files_to_open(self, title: str, filters: str) -> list[str]:
        """Files the person picks; none when they cancel."""

    def folder_to_open(self, title: str) -> str:
        """A folder the person picks; "" when they cancel."""

    def file_to_save(self, title: str, suggested: str, filters: str) -> Path | None:
        """Where to write; None when they cancel."""

    def choose(self, title: str, text: str, buttons: Button, default: Button) -> Button:
        """A question answered with one of ``buttons``."""

    def text(self, title: str, label: str, value: str) -> str | None:
        """A line of text; None when they cancel."""

    def parent(self) -> QWidget:
        """What a dialog of the command's own is shown over."""


class WindowPrompts:
    """The window's prompts: Qt's standard dialogs over ``window``, and its status line.

    After a dialog the keyboard goes back to the window, so the next shortcut acts at once.
    """

    def __init__(self, window: QWidget, say: Callable[[str], None]) -> None:
        self._window, self._say = window, say

    def say(self, text: str) -> None:
        self._say(text)

    def error(self, title: str, text: str) -> None:
        messages.show_error(self._window, title, text)  # looked up now: tests replace it

    def files_to_open(self, title: str, filters: str) -> list[str]:
        names, _ = QFileDialog.getOpenFileNames(self._window, title, "", filters)
        return list(names)

    def folder_to_open(self, title: str) -> str:
        return QFileDialog.getExistingDirectory(self._window, title)

    def file_to_save(self, title: str, suggested: str, filters: str) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(self._window, title, suggested, filters)
        self._window.activateWindow()
        return Path(name) if name else None

    def choose(self, title: str, text: str, buttons: Button, default: Button) -> Button:
        return QMessageBox.question(self._window, title, text, buttons, default)

    def text(self, title: str, label: str, value: str) -> str | None:
        answer, ok = QInputDialog.getText(self._window, title, label, text=value)
        return answer if ok else None

    def parent(self) -> QWidget:
        return self._window
