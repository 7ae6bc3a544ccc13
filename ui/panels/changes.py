"""What changed since an earlier snapshot; a click selects the node."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from explorer.estate import Comparison
from explorer.workspace.state import Change, Workspace
from ui.actions import menu_path
from ui.panels.columns import CHANGE_COLUMNS
from ui.panels.table import RecordPanel

__all__ = ["ChangesPanel"]


class ChangesPanel(RecordPanel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(CHANGE_COLUMNS, lambda row: row[1].node.iri, parent)
        self.hint = f"{menu_path('compare')} lists what changed."
        self.heading.setText(self.hint)

    def observe(self, state: Workspace) -> None:
        """List what changed whenever a comparison starts or ends."""
        state.observe(Change.COMPARISON, lambda: self.show_comparison(state.comparison))

    def show_comparison(self, comparison: Comparison | None) -> None:
        if comparison is None:
            self.table.set_records([])
            self.heading.setText(self.hint)
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
