"""Modal messages, kept in one place so tests can replace them instead of clicking
(``monkeypatch.setattr(ui.dialogs.messages, "show_error", ...)``): callers look them up here."""

from __future__ import annotations

import platform
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QMessageBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

__all__ = ["about_html", "show_about", "show_error"]


def show_error(parent: QWidget, title: str, text: str) -> None:
    """A modal warning whose text is plain: file names and ids are never markup."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, parent=parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.exec()


def show_about(parent: QWidget) -> None:
    """The version, what the program is, and every bundled library with its licence."""
    dialog = QDialog(parent)
    dialog.setObjectName("about")
    dialog.setWindowTitle("About Infra Context Explorer")
    text = QTextBrowser(dialog)
    text.setOpenExternalLinks(True)
    text.setHtml(about_html())
    close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
    close.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(text)
    layout.addWidget(close)
    dialog.resize(620, 560)
    dialog.exec()


def about_html() -> str:
    from explorer import __version__
    from explorer.files.licences import QT_SOURCES, libraries

    rows = "".join(
        f"<tr><td>{escape(lib.name)}</td><td>{escape(lib.version)}</td>"
        f"<td>{escape(lib.licence)}</td></tr>"
        for lib in libraries()
    )
    return (
        f"<h3>Infra Context Explorer {escape(__version__)}</h3>"
        "<p>The context of an estate: services, owners, dependencies, vendors and "
        "assumptions; blast radius, ownership gaps and rosters. MIT licence.</p>"
        f"<p>Python {escape(platform.python_version())} (PSF licence), and these libraries:</p>"
        f"<table cellspacing='6'><tr><th align='left'>library</th><th align='left'>version"
        f"</th><th align='left'>licence</th></tr>{rows}</table>"
        f"<p>{escape(QT_SOURCES)}</p>"
    )
