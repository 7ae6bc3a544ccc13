"""Every ownership gap (of those the filter keeps), most impact first; a click selects the
node."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from explorer.analysis import Gap
from explorer.views.filters import filtered_gaps
from explorer.workspace.state import Change, Workspace
from ui.panels.columns import GAP_COLUMNS
from ui.panels.table import RecordPanel

__all__ = ["GapsPanel"]


class GapsPanel(RecordPanel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(GAP_COLUMNS, lambda gap: gap.entity.iri, parent)

    def observe(self, state: Workspace) -> None:
        """The gaps the filter keeps, again when the estate, its facts or the filter change."""

        def show() -> None:
            if state.estate is not None:
                gaps = state.estate.gaps()
                self.set_gaps(filtered_gaps(gaps, state.filter), len(gaps))

        for change in (Change.ESTATE, Change.FACTS, Change.FILTER):
            state.observe(change, show)

    def set_gaps(self, gaps: list[Gap], total: int | None = None) -> None:
        """Show ``gaps``, most impact first (the header's arrow says so); ``total``: how
        many there are before a filter."""
        self.table.set_records(gaps)
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.DescendingOrder)
        nodes = len({g.entity.iri for g in gaps})
        filtered = (
            f" (the filter shows {len(gaps)} of {total})" if total not in (None, len(gaps)) else ""
        )
        self.heading.setText(
            f"{len(gaps)} ownership gap(s) on {nodes} node(s), most impact first{filtered}. "
            "Impact: how much is hurt, by tier, if the thing without a reachable owner fails."
            if gaps or filtered
            else "No ownership gaps."
        )
