"""The View menu: search, whole graph and focus, hops, groups, filters, fit and zoom; and
what a click, a double-click or Enter in the search box selects.

Every change of what is shown goes through the workspace; this group only turns keys and
clicks into its methods, and moves the canvas and the keyboard.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QSpinBox, QWidget

from explorer.views.filters import NO_FILTER
from explorer.workspace.selection import added, toggled
from explorer.workspace.state import Workspace
from ui.actions import handles, hint
from ui.canvas.graph_canvas import GraphCanvas
from ui.dialogs.prompts import Prompts
from ui.panels.filters import FilterPanel
from ui.panels.search import SearchPanel

__all__ = ["Reveal", "ViewCommands"]

Reveal = Callable[[QWidget], None]  # shows the panel's dock and brings it to the front


class ViewCommands(QObject):
    """Signals:
    selection_changed(str): the IRI of the node now selected.
    """

    selection_changed = Signal(str)

    def __init__(
        self,
        state: Workspace,
        canvas: GraphCanvas,
        hops: QSpinBox,
        prompts: Prompts,
        *,
        search: SearchPanel,
        filters: FilterPanel,
        reveal: Reveal,
    ) -> None:
        super().__init__(prompts.parent())
        self.state, self.canvas, self.hops, self.prompts = state, canvas, hops, prompts
        self.search, self.filters, self.reveal = search, filters, reveal

    def select(self, iri: str, centre: bool = True) -> None:
        """Select a node everywhere: canvas, details; centre it unless asked not to."""
        if self.state.estate is None:
            return
        self.state.select(iri)
        if centre:
            self.canvas.centre_on(iri)
        self.selection_changed.emit(iri)

    def choose(self, iris: list[str]) -> None:
        """Select several nodes (a Ctrl+click, a Shift+click, rows of the search list): B
        and U then answer for all of them; the details describe the last."""
        if self.state.estate is None:
            return
        self.state.choose(iris)
        if len(self.state.chosen) > 1:
            blast, needs = hint("blast"), hint("upstream")
            self.prompts.say(
                f"{len(self.state.chosen)} nodes selected: {blast} or {needs} answers for all "
                "of them; Ctrl+click takes one out."
            )
        if self.state.selected is not None:
            self.selection_changed.emit(self.state.selected)

    def toggle(self, iri: str) -> None:
        """Ctrl+click: the node into the selection, or out of it."""
        self.choose(list(toggled(self.state.chosen, iri)))

    def add(self, iri: str) -> None:
        """Shift+click: the node into the selection."""
        self.choose(list(added(self.state.chosen, [iri])))

    @handles("find")
    def find(self) -> None:
        self.reveal(self.search)
        self.search.focus()

    def after_search_enter(self) -> None:
        """The result picked with Enter is selected: the keyboard goes to the canvas, so
        the analyses' keys act on it at once."""
        self.canvas.setFocus(Qt.FocusReason.OtherFocusReason)

    def search_escape(self) -> None:
        """Esc in the search box: the highlight first, then the text."""
        if self.state.reach is not None:
            self.state.clear_reach()
        else:
            self.search.clear_text()

    @handles("filters")
    def show_filters(self) -> None:
        self.reveal(self.filters)
        self.filters.tree.setFocus()

    @handles("clear_filters")
    def clear_filters(self) -> None:
        self.state.set_filter(NO_FILTER)

    @handles("whole")
    def show_whole(self) -> None:
        if self.state.estate is not None:
            self.state.show_whole()

    @handles("focus")
    def show_focus(self) -> None:
        """Focus on the selection, or on what the highlight reaches."""
        if self.state.estate is None:
            return
        if self.state.reach is None and self.state.drawn_group(self.state.selected):
            self.prompts.say("A group is selected: open it and pick one node.")
            return
        self.state.focus()

    def focus_on(self, centres: list[str]) -> None:
        """Focus on ``centres`` (a cycle's nodes, say) and select the first."""
        if self.state.estate is not None and centres:
            self.state.focus(tuple(centres))
            self.select(centres[0])

    def open_or_expand(self, iri: str) -> None:
        """Double-click: open a group, or bring a node's neighbours into the focus view."""
        group = self.state.drawn_group(iri)
        if group is not None:
            self.state.open_group(group)
        elif self.state.estate is not None:
            self.state.expand(iri)
            self.selection_changed.emit(iri)

    @handles("more_hops")
    def more_hops(self) -> None:
        self.hops.stepUp()

    @handles("fewer_hops")
    def fewer_hops(self) -> None:
        self.hops.stepDown()

    @handles("open_group")
    def open_selected_group(self) -> None:
        """Open the selected group, if a group is selected."""
        group = self.state.drawn_group(self.state.selected)
        if group is None:
            self.prompts.say("Select a group first (a node with a count).")
        else:
            self.state.open_group(group)

    @handles("group_back")
    def group_back(self) -> None:
        """Out of the innermost group opened."""
        if self.state.path:
            self.state.back_to(len(self.state.path) - 1)

    @handles("fit")
    def fit(self) -> None:
        self.canvas.fit()

    @handles("zoom_in")
    def zoom_in(self) -> None:
        self.canvas.zoom(1.25)

    @handles("zoom_out")
    def zoom_out(self) -> None:
        self.canvas.zoom(0.8)
