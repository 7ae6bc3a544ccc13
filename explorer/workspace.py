"""What one window shows, as a plain object: the estate, the selection, the highlighted
reach, the view mode, the focus centres and the comparison.

The app's panels observe it; the window only turns user actions into its methods and
draws what it says. Without Qt, it can be tested on its own and is the ground that undo
and editing build on: every change goes through a method here and is announced.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

from explorer.analysis import Reach
from explorer.diff import ChangeMark
from explorer.estate import Comparison, Estate

__all__ = ["Change", "Mode", "ViewRequest", "Workspace", "reach_distances"]


class Mode(StrEnum):
    """What the canvas draws."""

    WHOLE = "whole"  # the whole estate (an endpoint's first page of it)
    FOCUS = "focus"  # the neighbourhood of some centres
    COMPARE = "compare"  # both snapshots, changes marked


class Change(StrEnum):
    """What observers are told changed."""

    ESTATE = "estate"
    SELECTION = "selection"
    REACH = "reach"
    VIEW = "view"
    COMPARISON = "comparison"


@dataclass(frozen=True)
class ViewRequest:
    """What the canvas should draw: a mode, its centres and how many hops around them."""

    mode: Mode
    centres: tuple[str, ...] = ()
    hops: int = 1


def reach_distances(answer: Reach | None) -> dict[str, int]:
    """IRI -> steps from the answer's node (0 for the node itself); {} for no answer."""
    if answer is None:
        return {}
    return {answer.node.iri: 0, **{i.entity.iri: i.distance for i in answer.impacted}}


Observer = Callable[[], None]


@dataclass
class Workspace:
    """The state of one window. Each method changes it and tells the observers what changed."""

    estate: Estate | None = None
    selected: str | None = None
    reach: Reach | None = None
    mode: Mode = Mode.WHOLE
    centres: tuple[str, ...] = ()
    hops: int = 1
    comparison: Comparison | None = None
    shown: frozenset[str] = frozenset()  # the nodes drawn now, as the window reports them
    _observers: dict[Change, list[Observer]] = field(default_factory=dict, repr=False)

    def observe(self, change: Change, observer: Observer) -> None:
        self._observers.setdefault(change, []).append(observer)

    def _tell(self, *changes: Change) -> None:
        for change in changes:
            for observer in self._observers.get(change, []):
                observer()

    def open(self, estate: Estate) -> None:
        """Show a newly opened estate: the whole of it, nothing selected or highlighted."""
        self.estate, self.selected, self.reach = estate, None, None
        self.mode, self.centres, self.comparison = Mode.WHOLE, (), None
        self._tell(Change.ESTATE, Change.COMPARISON, Change.SELECTION, Change.REACH, Change.VIEW)

    def select(self, iri: str) -> None:
        """Select a node; in a focus view that does not draw it, focus on it."""
        self.selected = iri
        if self.mode is Mode.FOCUS and iri not in self.shown:
            self.centres = (iri,)
            self._tell(Change.VIEW)
        self._tell(Change.SELECTION)

    def focus(self, centres: tuple[str, ...] | None = None) -> bool:
        """Focus on ``centres`` (default: what the highlight reaches, or the selection);
        False when there is nothing to focus on."""
        if centres is None:
            centres = tuple(reach_distances(self.reach)) or (self.selected or "",)
        wanted = tuple(c for c in centres if c)
        if not wanted:
            return False
        self.mode, self.centres = Mode.FOCUS, wanted
        self._tell(Change.VIEW)
        return True

    def expand(self, iri: str) -> None:
        """Bring a node's neighbours into the focus view (and select it)."""
        self.select(iri)
        self.clear_reach()
        self.focus((*self.centres, iri) if self.mode is Mode.FOCUS else (iri,))

    def set_hops(self, hops: int) -> None:
        self.hops = hops
        if self.mode is Mode.FOCUS and self.reach is None:
            self._tell(Change.VIEW)

    def show_reach(self, answer: Reach) -> None:
        """Highlight a blast radius or upstream; a focus view then draws what it reaches."""
        self.reach = answer
        if self.mode is Mode.FOCUS:
            self.centres = tuple(reach_distances(answer))
            self._tell(Change.VIEW)
        self._tell(Change.REACH)

    def clear_reach(self) -> None:
        self.reach = None
        self._tell(Change.REACH)

    def show_whole(self) -> None:
        """The whole estate; while comparing, with what was removed since the snapshot."""
        self.mode = Mode.COMPARE if self.comparison is not None else Mode.WHOLE
        self._tell(Change.VIEW)

    def compare(self, comparison: Comparison) -> None:
        self.comparison, self.mode = comparison, Mode.COMPARE
        self._tell(Change.COMPARISON, Change.VIEW)

    def stop_comparing(self) -> None:
        if self.comparison is not None:
            self.comparison = None
            self._tell(Change.COMPARISON)
            self.show_whole()

    def view_request(self) -> ViewRequest:
        """What to draw now; with a highlight, a focus view is what the highlight reaches."""
        hops = 0 if self.reach is not None else self.hops
        return ViewRequest(self.mode, self.centres if self.mode is Mode.FOCUS else (), hops)

    def change_marks(self) -> dict[str, ChangeMark]:
        return self.comparison.changes.marks() if self.comparison is not None else {}

    def describer(self, iri: str) -> Estate | None:
        """The estate that describes ``iri``: the compared snapshot for a node removed since."""
        if self.change_marks().get(iri) is ChangeMark.REMOVED and self.comparison is not None:
            return self.comparison.old
        return self.estate
