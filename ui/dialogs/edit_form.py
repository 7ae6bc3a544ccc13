"""One small form for every edit: the fields it asks, then where it comes from and how sure.

Every edit records who said it (the name set in Edit ▸ Your name), where from (free text
or a URL) and how sure; the form asks the last two each time, remembering the last answer,
since an afternoon of notes mostly comes from the same interview.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from explorer.statements import STATED, Confidence

__all__ = ["Field", "FormDialog"]


@dataclass(frozen=True)
class Field:
    """One question of the form: a combo box when it has ``choices``, else a line of text
    (completed from ``completions``)."""

    name: str
    label: str
    value: str = ""
    choices: tuple[str, ...] = ()
    completions: tuple[str, ...] = ()
    placeholder: str = ""


class FormDialog(QDialog):
    """``intro`` (what OK does, in words: a form with no fields is a confirmation, and a
    title bar may not show its title), the fields, then (unless ``said`` is off) Source and
    How sure; OK needs every field that has no placeholder saying it may stay empty."""

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        fields: list[Field],
        author: str = "",
        said: tuple[str, Confidence] | None = ("", Confidence.LIKELY),
        remembered: bool = False,
        intro: str = "",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        form = QFormLayout(self)
        self.intro = _words(intro)
        self.intro.setVisible(bool(intro))
        form.addRow(self.intro)
        self.inputs: dict[str, QLineEdit | QComboBox] = {}
        for spec in fields:
            self.inputs[spec.name] = widget = _input(spec)
            form.addRow(spec.label, widget)
        if said is not None:
            self._ask_said(form, said, author, remembered)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _ask_said(
        self, form: QFormLayout, said: tuple[str, Confidence], author: str, remembered: bool
    ) -> None:
        """Source and How sure, and in words what OK will record."""
        self.source = QLineEdit(said[0], placeholderText="an interview, a ticket URL… (optional)")
        self.sure = QComboBox()
        self.sure.addItems([c.value for c in STATED])
        self.sure.setCurrentText(said[1].value)
        form.addRow("Source", self.source)
        form.addRow("How sure", self.sure)
        self.recorded = _words("")
        form.addRow("", self.recorded)
        self._author, self._remembered = author, remembered
        self.source.textChanged.connect(self._show_recorded)
        self.sure.currentTextChanged.connect(self._show_recorded)
        self._show_recorded()

    def values(self) -> dict[str, str]:
        return {
            name: (w.currentText() if isinstance(w, QComboBox) else w.text()).strip()
            for name, w in self.inputs.items()
        }

    def said(self) -> tuple[str, Confidence]:
        return self.source.text().strip(), Confidence(self.sure.currentText())

    def _show_recorded(self) -> None:
        """What OK records, in words: who, where from and how sure; a source kept from
        the last edit on the same node says so, so it is never recorded unseen."""
        source, sure = self.said()
        where = f"from \u201c{source}\u201d" if source else "with no source"
        kept = " (kept from your last edit of this node)" if self._remembered and source else ""
        self.recorded.setText(
            f"Will be recorded as said by {self._author}, {where}{kept}, {sure}. "
            "Change your name in Edit ▸ Your name."
        )


def _words(text: str) -> QLabel:
    """Wrapped plain text: names in it are the user's, never markup."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


def _input(spec: Field) -> QLineEdit | QComboBox:
    if spec.choices:
        box = QComboBox()
        box.addItems(list(spec.choices))
        if spec.value:
            box.setCurrentText(spec.value)
        return box
    line = QLineEdit(spec.value, placeholderText=spec.placeholder)
    if spec.completions:
        completer = QCompleter(list(spec.completions), line)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        line.setCompleter(completer)
    return line
