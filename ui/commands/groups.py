"""What the window's group actions do: find a drawn group, open the selected one, go back.

A mixin of ``ui.commands.window.WindowCommands``, which gives it the window and its workspace.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from explorer.views.graph_view import Group
from explorer.workspace.state import Workspace

if TYPE_CHECKING:
    from ui.window.main_window import MainWindow

__all__ = ["GroupCommands"]


class GroupCommands:
    window: MainWindow
    state: Workspace

    def drawn_group(self, iri: str | None) -> Group | None:
        """The drawn group ``iri`` names, if it names one."""
        view = self.window.scene.view
        return view.groups.get(iri) if view is not None and iri else None

    def open_selected_group(self) -> None:
        """Alt+Down: open the selected group, if a group is selected."""
        group = self.drawn_group(self.state.selected)
        if group is None:
            self.window.summary.setText("Select a group first (a node with a count).")
        else:
            self.state.open_group(group)

    def group_back(self) -> None:
        """Backspace: out of the innermost group opened."""
        if self.state.path:
            self.state.back_to(len(self.state.path) - 1)
