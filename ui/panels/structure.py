"""The structure of the estate: dependency cycles and single points of failure.

A click on a choke point selects it; a click on a cycle focuses the view on its nodes.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTabWidget, QWidget

from explorer.analysis import SinglePoint
from explorer.domain.model import Entity
from explorer.workspace.state import Change, Workspace
from ui.actions import menu_path
from ui.panels.columns import CYCLE_COLUMNS, POINT_COLUMNS
from ui.panels.table import RecordPanel

__all__ = ["StructurePanel"]


class StructurePanel(QTabWidget):
    """Signals:
    node_chosen(str): the IRI of the choke point the user picked.
    group_chosen(list): the IRIs of the cycle the user picked.
    """

    node_chosen = Signal(str)
    group_chosen = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cycles = RecordPanel(CYCLE_COLUMNS, lambda group: group[0].iri)
        self.points = RecordPanel(POINT_COLUMNS, lambda point: point.entity.iri)
        self.clear()
        self.addTab(self.points, "Single points of failure")
        self.addTab(self.cycles, "Dependency cycles")
        self.points.node_chosen.connect(self.node_chosen)
        self.cycles.table.record_activated.connect(
            lambda group: self.group_chosen.emit([e.iri for e in group])
        )

    def observe(self, state: Workspace) -> None:
        """A newly opened estate's structure is not known until asked for."""
        state.observe(Change.ESTATE, self.clear)

    def show_cycles(self, cycles: list[tuple[Entity, ...]]) -> None:
        heading = (
            f"{len(cycles)} dependency cycle(s): each group cannot be started one node at a "
            "time. Click one to focus on it."
        )
        self._show(self.cycles, cycles, heading if cycles else "No dependency cycles.")

    def show_points(self, points: list[SinglePoint]) -> None:
        heading = (
            f"{len(points)} single point(s) of failure, most behind first: every path from "
            "some tier-1 services to some of their needs goes through each."
        )
        none = "No single points of failure between tier-1 services and their needs."
        self._show(self.points, points, heading if points else none)

    def _show(self, panel: RecordPanel, records: Sequence[object], heading: str) -> None:
        panel.table.set_records(records)
        panel.heading.setText(heading)
        self.setCurrentWidget(panel)

    def clear(self) -> None:
        self.cycles.table.set_records([])
        self.points.table.set_records([])
        self.cycles.heading.setText(f"{menu_path('cycles')} lists what must bootstrap together.")
        self.points.heading.setText(f"{menu_path('spof')} ranks the choke points.")
