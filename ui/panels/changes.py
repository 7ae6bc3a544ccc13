"""What changed since an earlier snapshot; a click selects the node."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from explorer.estate import Comparison
from ui.panels.models import CHANGE_COLUMNS
from ui.panels.table import RecordPanel

__all__ = ["ChangesPanel"]

_HINT = "File ▸ Compare with snapshot… (Ctrl+D) lists what changed."


class ChangesPanel(RecordPanel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(CHANGE_COLUMNS, lambda row: row[1].node.iri, parent)
        self.heading.setText(_HINT)

    def show_comparison(self, comparison: Comparison | None) -> None:
        if comparison is None:
            self.table.set_records([])
            self.heading.setText(_HINT)
            return
        c = comparison.changes
        rows = (
            [("added", x) for x in c.added]
            + [("removed", x) for x in c.removed]
            + [("changed", x) for x in c.changed]
        )
        self.table.set_records(rows)
        self.heading.setText(
            f"Since {comparison.name}: {len(c.added)} added, {len(c.removed)} removed, "
            f"{len(c.changed)} changed."
            if c
            else f"No changes since {comparison.name}."
        )
