"""Asks for a SPARQL endpoint to open: its query URL and, optionally, a named graph."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from explorer.domain.errors import InputError
from explorer.remote.endpoint import Endpoint, parse_endpoint

__all__ = ["EndpointDialog"]

HELP = (
    "Credentials are read from INFRA_EXPLORER_SPARQL_TOKEN, or INFRA_EXPLORER_SPARQL_USER "
    "and INFRA_EXPLORER_SPARQL_PASSWORD, or the system keyring (service infra-explorer). "
    "They are never saved."
)


class EndpointDialog(QDialog):
    """``endpoint`` holds the choice once the dialog is accepted."""

    def __init__(self, parent: QWidget | None = None, last: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle("Open a SPARQL endpoint")
        self.endpoint: Endpoint | None = None
        self.url = QLineEdit(placeholderText="https://kg.example.com/sparql")
        self.graph = QLineEdit(placeholderText="optional: the named graph of the estate")
        if last:
            try:
                chosen = parse_endpoint(last)
                self.url.setText(chosen.url)
                self.graph.setText(chosen.graph or "")
            except InputError:
                pass
        self.problem = QLabel()
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b3261e")
        self.problem.hide()
        note = QLabel(HELP)
        note.setTextFormat(Qt.TextFormat.PlainText)
        note.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow("Query URL", self.url)
        form.addRow("Graph", self.graph)
        form.addRow(self.problem)
        form.addRow(note)
        form.addRow(buttons)
        self.resize(560, self.sizeHint().height())

    def accept(self) -> None:
        """Keep the dialog open, saying what is wrong, until the URL is an endpoint's."""
        try:
            self.endpoint = parse_endpoint(self.url.text().strip(), self.graph.text().strip())
        except InputError as exc:
            self.problem.setText(str(exc))
            self.problem.show()
            return
        super().accept()
