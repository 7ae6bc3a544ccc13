"""Modal messages, kept in one place so tests can replace them instead of clicking
(``monkeypatch.setattr(ui.dialogs, "show_error", ...)``): callers look them up here."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

__all__ = ["show_about", "show_error"]


def show_error(parent: QWidget, title: str, text: str) -> None:
    """A modal warning whose text is plain: file names and ids are never markup."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, parent=parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.exec()


def show_about(parent: QWidget) -> None:
    from explorer import __version__

    QMessageBox.about(
        parent,
        "About Infra Context Explorer",
        f"Infra Context Explorer {__version__}\n\nThe context of an estate: services, owners, "
        "dependencies, vendors and assumptions; blast radius, ownership gaps and rosters.",
    )
