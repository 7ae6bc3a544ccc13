"""What one window shows, as a plain object: the estate, the selection, the highlighted
reach, the view mode, the focus centres, the filter and the comparison.

The app's panels observe it; the window only turns user actions into its methods and
draws what it says. Without Qt, it can be tested on its own and is the ground that undo
and editing build on: every change goes through a method here and is announced.

The highlight, the impact list and the selection always tell one story: selecting a node
outside the highlighted reach clears it, and so does asking for more hops; each such
change leaves a ``note`` that says what it replaced.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from explorer.analysis import Reach
from explorer.analysis.changes import ChangeMark
from explorer.domain.model import Entity
from explorer.domain.vocab import id_from_iri
from explorer.estate import Comparison, Estate
from explorer.views.filters import NO_FILTER, Filter, filtered_reach, rules_of, walked_again
from explorer.views.graph_view import MORE_IRI, GraphView, Group
from explorer.workspace.changes import Change, Observer, acting
from explorer.workspace.highlight import Rewalked, in_reach, reach_distances, reach_name
from explorer.workspace.view_request import Mode, ViewRequest

__all__ = ["SLOW_FROM", "Change", "Workspace"]


SLOW_FROM = 300  # entities: past this, answers are worked out off the GUI thread


@dataclass
class Workspace:
    """The state of one window. Each method changes it and tells the observers what changed."""

    estate: Estate | None = None
    selected: str | None = None  # the node chosen last: the one the details describe
    chosen: tuple[str, ...] = ()  # every node selected, in the order chosen
    program: Entity | None = None  # picked in the Programs panel since: what a brief is of
    reach: Reach | None = None
    mode: Mode = Mode.WHOLE
    centres: tuple[str, ...] = ()
    hops: int = 1
    comparison: Comparison | None = None
    filter: Filter = NO_FILTER
    note: str = ""
    path: tuple[str, ...] = ()  # the groups opened in a grouped picture, outermost first
    opened: dict[str, int] = field(default_factory=dict)  # "+N more" pages open, per node
    drawn: GraphView | None = None  # the picture on the canvas now, as the window reports it
    _observers: dict[Change, list[Observer]] = field(default_factory=dict, repr=False)
    _rules: tuple[Estate | None, dict[str, frozenset[str]]] = field(default=(None, {}), repr=False)
    _again: Rewalked = field(default_factory=Rewalked, repr=False)

    def observe(self, change: Change, observer: Observer) -> None:
        self._observers.setdefault(change, []).append(observer)

    def _tell(self, *changes: Change) -> None:
        for change in changes:
            for observer in self._observers.get(change, []):
                observer()

    def _say(self, note: str) -> None:
        self.note = note
        self._tell(Change.NOTE)

    def announce(self, note: str) -> None:
        """Say ``note`` with the estate's summary (what a restore brought back)."""
        self._say(note)

    @acting
    def open(self, estate: Estate) -> None:
        """Show a newly opened estate: the whole of it, nothing selected or highlighted;
        the filter stays (it is the window's, as a search is)."""
        self.estate, self.selected, self.chosen, self.reach = estate, None, (), None
        self.program = None
        self.mode, self.centres, self.comparison = Mode.WHOLE, (), None
        self.path, self.opened, self.drawn = (), {}, None
        self._tell(Change.ESTATE, Change.COMPARISON, Change.SELECTION, Change.REACH, Change.VIEW)

    @acting
    def edited(self, estate: Estate, reach: Reach | None, note: str) -> None:
        """The estate after an edit (or its undo): the same selection, view and filter,
        and the highlight worked out again over it (``reach_again``)."""
        self.estate, self.reach = estate, reach
        self.chosen = tuple(c for c in self.chosen if estate.knows(c))  # undone: gone
        self.selected = self.chosen[-1] if self.chosen else None
        self._tell(Change.FACTS, Change.SELECTION, Change.REACH, Change.VIEW)
        self._say(note)

    @acting
    def select(self, iri: str) -> None:
        """Select one node, and only it (``choose``)."""
        self.choose((iri,))

    @acting
    def choose(self, iris: Sequence[str]) -> None:
        """Select the nodes ``iris`` (Ctrl+click, a program's changes): B and U answer for
        them together, the details describe the last. A focus view that does not draw the
        last takes it in. A highlight that does not reach one of them is cleared: it
        would tell of other nodes."""
        self.chosen = tuple(dict.fromkeys(map(str, iris)))  # an rdflib IRI is not its text
        self.selected = iri = self.chosen[-1] if self.chosen else None
        self.program = None  # nodes chosen since: they are what is picked now
        reach = self.reach
        if outside := [c for c in self.chosen if reach is not None and not in_reach(reach, c)]:
            self._clear_reach(f"{id_from_iri(outside[0])} is not in it")
        if iri is not None and self.mode is Mode.FOCUS and not self.shows(iri):
            self.centres = (*self.centres, iri) if len(self.chosen) > 1 else (iri,)
        if iri is not None and not self.shows(iri) and (self.grouped or self.mode is Mode.FOCUS):
            self._tell(Change.VIEW)  # a grouped picture draws it on its own
        self._tell(Change.SELECTION)

    def pick_program(self, program: Entity | None) -> None:
        """The program picked in the Programs panel (None: none, or it is gone), last:
        until nodes are chosen again, it is what File > Export brief is of."""
        self.program = program

    def _clear_reach(self, why: str) -> None:
        assert self.reach is not None
        cleared = f"Cleared the {reach_name(self.reach)}: {why}."
        self.reach = None
        self._tell(Change.REACH)
        self._say(cleared)

    @acting
    def set_filter(self, chosen: Filter) -> None:
        """Show only what ``chosen`` keeps, on the canvas and in the lists."""
        self.filter = chosen
        self._tell(Change.FILTER, Change.VIEW)

    @acting
    def focus(self, centres: tuple[str, ...] | None = None) -> bool:
        """Focus on ``centres`` (default: what the highlight reaches, or the selection);
        False, with a note, when there is nothing to focus on."""
        if centres is None:
            centres = tuple(reach_distances(self.reach)) or self.chosen
        wanted = tuple(c for c in centres if c)
        if not wanted:
            self._say("Nothing to focus on: select a node first (click it, or search and Enter).")
            return False
        self.mode, self.centres = Mode.FOCUS, wanted
        self._tell(Change.VIEW)
        return True

    @acting
    def expand(self, iri: str) -> None:
        """Bring a node's neighbours into the focus view (and select it)."""
        self.select(iri)
        self.clear_reach()
        self.focus((*self.centres, iri) if self.mode is Mode.FOCUS else (iri,))

    @acting
    def set_hops(self, hops: int) -> None:
        """How far the focus view reaches; a highlight there, which draws just what it
        reaches, is cleared to show the hops asked for."""
        changed = hops != self.hops
        self.hops = hops
        if self.mode is not Mode.FOCUS or not changed:
            return
        if self.reach is not None:
            self.centres = tuple(e.iri for e in self.reach.changes)
            around = ", ".join(e.name for e in self.reach.changes)
            self._clear_reach(f"showing {hops} hop(s) around {around}")
        self._tell(Change.VIEW)

    @acting
    def show_reach(self, answer: Reach) -> None:
        """Highlight a blast radius or upstream; a focus view then draws what it reaches."""
        before = self.reach
        if before is not None and (before.changes, before.direction) != (
            answer.changes,
            answer.direction,
        ):
            self._say(f"Replaced the {reach_name(before)} with the {reach_name(answer)}.")
        self.reach = answer
        if self.mode is Mode.FOCUS:
            self.centres = tuple(reach_distances(answer))
        hidden = not all(self.shows(e.iri) for e in answer.changes)
        if self.mode is Mode.FOCUS or (self.grouped and hidden):
            self._tell(Change.VIEW)
        self._tell(Change.REACH)

    @acting
    def open_group(self, group: Group) -> None:
        """Open a drawn group: a "+N more" shows a page more of its node's neighbours; a
        system's or team's group is drawn member by member (``back_to`` returns)."""
        if group.iri.startswith(MORE_IRI):
            self.opened = {**self.opened, group.key: self.opened.get(group.key, 0) + 1}
        else:
            self.path = (*self.path, group.key)
        self._tell(Change.VIEW)

    @acting
    def back_to(self, depth: int) -> None:
        """Close the opened groups deeper than ``depth`` (0: the whole picture)."""
        if depth < len(self.path):
            self.path = self.path[:depth]
            self._tell(Change.VIEW)

    @acting
    def clear_reach(self) -> None:
        self.reach = None
        self._tell(Change.REACH)

    @acting
    def show_whole(self) -> None:
        """The whole estate; while comparing, with what was removed since the snapshot."""
        self.mode = Mode.COMPARE if self.comparison is not None else Mode.WHOLE
        self._tell(Change.VIEW)

    @acting
    def compare(self, comparison: Comparison) -> None:
        self.comparison, self.mode = comparison, Mode.COMPARE
        self._tell(Change.COMPARISON, Change.VIEW)

    @acting
    def stop_comparing(self) -> None:
        if self.comparison is not None:
            self.comparison = None
            self._tell(Change.COMPARISON)
            self.show_whole()

    def was_drawn(self, view: GraphView) -> None:
        """The canvas drew ``view`` (the window reports it): selecting a node it does not
        draw then redraws a focus view or a grouped picture."""
        self.drawn = view

    def shows(self, iri: str) -> bool:
        """Whether the picture on the canvas draws ``iri`` on its own."""
        return self.drawn is not None and iri in self.drawn

    @property
    def grouped(self) -> bool:
        """Whether the picture on the canvas draws groups that stand for many nodes."""
        return self.drawn is not None and bool(self.drawn.groups)

    def drawn_group(self, iri: str | None) -> Group | None:
        """The drawn group ``iri`` names, if it names one."""
        return self.drawn.groups.get(iri) if self.drawn is not None and iri else None

    def gap_rules(self) -> dict[str, frozenset[str]]:
        """Node -> the gap rules it breaks: what the filter's rule choice keeps."""
        estate = self.estate
        if estate is None:
            return {}
        if self._rules[0] is not estate:
            self._rules = (estate, rules_of(estate.gaps()))
        return self._rules[1]

    def filtered_reach(self) -> Reach | None:
        """The highlight as the filter keeps it: what the canvas highlights and the lists
        show (counting only declared evidence leaves out what only deployed wiring or
        observed calls reach); asked again of the estate when the kinds of evidence the
        filter counts walk other paths (``walked_again``)."""
        answer = self.reach
        if answer is None:
            return None
        if walked_again(answer, self.filter) and self.estate is not None:
            answer = self._again.of(self.estate, answer, self.filter.evidence)
        return filtered_reach(answer, self.filter, self.gap_rules()) if answer else None

    def answers_slowly(self) -> bool:
        """Whether answers about the estate take long enough to be worked out off the GUI
        thread: on an endpoint, and past ``SLOW_FROM`` entities (a layout of a few hundred
        nodes already takes a noticeable moment)."""
        estate = self.estate
        return estate is not None and (
            estate.capabilities.slow or len(estate.entities()) > SLOW_FROM
        )

    def view_request(self) -> ViewRequest:
        """What to draw now; with a highlight, a focus view is what the highlight reaches."""
        hops = 0 if self.reach is not None else self.hops
        focus = self.mode is Mode.FOCUS
        changes = tuple(e.iri for e in self.reach.changes) if self.reach is not None else ()
        pinned = tuple(dict.fromkeys((*self.chosen, *changes)))
        return ViewRequest(
            self.mode,
            self.centres if focus else (),
            hops,
            () if focus else self.path,
            tuple(sorted(self.opened.items())) if focus else (),
            () if focus else pinned,
        )

    def change_marks(self) -> dict[str, ChangeMark]:
        return self.comparison.changes.marks() if self.comparison is not None else {}

    def describer(self, iri: str) -> Estate | None:
        """The estate that describes ``iri``: the compared snapshot for a node removed since."""
        if self.change_marks().get(iri) is ChangeMark.REMOVED and self.comparison is not None:
            return self.comparison.old
        return self.estate
