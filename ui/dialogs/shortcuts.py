"""Help > Keyboard shortcuts (F1): every action with its keys, from the one action table, so
the sheet can never disagree with the menus."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.actions import ACTIONS, OTHER_KEYS, keys_text

__all__ = ["ShortcutsDialog", "shortcut_rows"]


def shortcut_rows() -> list[tuple[str, str, str]]:
    """(menu, what, keys) for every action that has keys, then the other keys."""
    rows = [
        (spec.menu, spec.text.replace("&", "").rstrip("…"), keys_text(spec))
        for spec in ACTIONS
        if keys_text(spec)  # none, or a standard key this platform leaves unbound
    ]
    return rows + [("Elsewhere", what, keys) for keys, what in OTHER_KEYS]


class ShortcutsDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        rows = shortcut_rows()
        self.table = QTableWidget(len(rows), 3)
        self.table.setHorizontalHeaderLabels(["Menu", "Action", "Keys"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for row, cells in enumerate(rows):
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(640, 560)


def shortcut_table() -> str:
    """Every shortcut as a Markdown table: what the README shows between its
    ``<!-- shortcuts -->`` markers (a test compares; ``python -m ui.dialogs.shortcuts``
    prints it anew)."""
    lines = ["| menu | action | keys |", "|---|---|---|"]
    lines += [f"| {menu} | {what} | {keys} |" for menu, what, keys in shortcut_rows()]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    import os

    from PySide6.QtGui import QGuiApplication

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _app = QGuiApplication([])
    print(shortcut_table(), end="")
