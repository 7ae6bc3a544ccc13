"""Where a grouped picture is: "Whole estate / Resources / Team 3", each step a way back."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QWidget

from ui.actions import hint

__all__ = ["Breadcrumb", "hint_text"]


def hint_text() -> str:
    """How to open a group and go back, with the keys the action table gives."""
    return (
        f"Double-click a group (or {hint('open_group')}) to open it; "
        f"{hint('group_back')} goes back."
    )


class Breadcrumb(QWidget):
    """Shown while the canvas draws groups.

    Signals:
        chosen(int): how many opened groups to keep (0: back to the whole picture).
    """

    chosen = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(6, 2, 6, 2)
        self.steps: list[QToolButton] = []
        self.hide()

    def show_path(self, names: tuple[str, ...] | None) -> None:
        """The opened groups' names, outermost first; None hides the bar (not grouped)."""
        while (item := self.row.takeAt(0)) is not None:
            widget = item.widget()
            if widget is not None:
                widget.deleteLater()
        self.steps = []
        self.setVisible(names is not None)
        if names is None:
            return
        for depth, name in enumerate(("Whole estate", *names)):
            if depth:
                self.row.addWidget(QLabel("/"))
            step = QToolButton()
            step.setText(name)
            step.setAutoRaise(True)
            step.setEnabled(depth < len(names))  # the last is where one is
            step.clicked.connect(lambda _=False, d=depth: self.chosen.emit(d))
            self.row.addWidget(step)
            self.steps.append(step)
        hint_label = QLabel(hint_text())
        hint_label.setStyleSheet("color: gray")
        self.row.addSpacing(12)
        self.row.addWidget(hint_label)
        self.row.addStretch(1)
