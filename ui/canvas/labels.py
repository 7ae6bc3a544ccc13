"""Labels that never cover each other: placed by priority, each at a readable size.

A label beside its node is drawn at least ``READABLE`` of its font's size on screen,
however far out the view is, so it takes more of the scene the further out one zooms (a
label inside its node's shape, in focus views, keeps to the shape). Placed in order (the
selection and a highlight's source first, always; then what is highlighted, nearest
first, a ring of one distance at a time; then large groups, critical tiers and
well-connected nodes), a label that would cover a label placed before it, or any other
node, goes to another side of its small shape (right, left, below, above), or is hidden
until zooming in makes room; its node's tooltip still names it. In a highlight, what it
leaves out is faded and placed last: its shapes and labels never keep a highlighted
node's label out, else the picture of a blast radius would name the faded edge of the
graph and not what is hit.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Mapping

from explorer.views.graph_view import GraphView
from ui.canvas.label_sides import Box, Side
from ui.canvas.node_item import NodeItem

__all__ = ["READABLE", "LabelPlacer", "label_scale"]

READABLE = 0.85  # of the font's size, the least a label is drawn on screen
MOST = 8.0  # a label grows at most this much in the scene
CELL = 120.0  # side of the grid cells that find the boxes near a box
BESIDE = (Side.RIGHT, Side.LEFT)  # the sides of a label of what no highlight hits


def label_scale(zoom: float) -> float:
    """How much larger than the scene's font a label is drawn at ``zoom``, in 10% steps.

    >>> label_scale(2.0), label_scale(0.5), label_scale(0.01)
    (1.0, 1.7, 8.0)
    """
    return min(MOST, max(1.0, round(READABLE / max(zoom, 1e-6), 1)))


Cells = dict[tuple[int, int], list[Box]]


class LabelPlacer:
    """Decides, for one drawn view, which labels show at a zoom.

    Boxes are plain tuples and positions are read once: placing the labels of a view of
    two thousand groups made a million calls into Qt, seconds on the GUI thread."""

    def __init__(self, view: GraphView | None, nodes: Mapping[str, NodeItem]) -> None:
        self.nodes = nodes
        degree: Counter[str] = Counter()
        for edge in view.edges if view is not None else ():
            degree[edge.source] += edge.count
            degree[edge.target] += edge.count
        self.rank = {
            iri: (-item.members, item.entity.tier or 9, -degree[iri], item.entity.label)
            for iri, item in nodes.items()
        }
        self.at = {iri: (item.pos().x(), item.pos().y()) for iri, item in nodes.items()}
        self.scale = 0.0

    def place(self, zoom: float, again: bool = False) -> None:
        """Show the labels that fit at ``zoom``; ``again`` after priorities changed."""
        scale = label_scale(zoom)
        if scale == self.scale and not again:
            return
        self.scale = scale
        taken: Cells = {}
        shapes = {iri: _moved(item.shape_box, self.at[iri]) for iri, item in self.nodes.items()}
        faded = {iri for iri, item in self.nodes.items() if item.faded and not _must(item)}
        lit = [iri for iri in self.nodes if iri not in faded]
        for iri in lit:  # no label covers a node, nor a node a label: what is faded comes after
            _take(taken, shapes[iri])
        for ring in _rings(sorted(lit, key=self._order), self._order):
            hit = self.nodes[ring[0]].distance is not None  # what is hit: every side
            self._place_labels(ring, shapes, taken, scale, tuple(Side) if hit else BESIDE)
        for iri in faded:
            _take(taken, shapes[iri])
        self._place_labels(sorted(faded, key=self._order), shapes, taken, scale, BESIDE)
        for item in self.nodes.values():
            z = 2.0 if _must(item) else 1.5 if item.distance is not None else 1.0
            if item.zValue() != z:
                item.setZValue(z)  # the selection and a source over the rest, then the hit

    def _place_labels(
        self,
        order: list[str],
        shapes: dict[str, Box],
        taken: Cells,
        scale: float,
        sides: tuple[Side, ...],
    ) -> None:
        """Each label of ``order`` shown where it covers nothing taken before it: right of
        its node first, all of them; then, for those with no room there, the next of
        ``sides`` of a small shape (taking the left before every right is tried would
        crowd out more). A label inside its shape has only the one place. The selection's
        and a source's, with no room anywhere, go right of it all the same."""
        waiting = order
        for side in sides:
            rest = []
            for iri in waiting:
                item = self.nodes[iri]
                grow = scale if item.compact else 1.0  # a label inside its shape keeps to it
                box = _moved(item.label_extent(grow, side), self.at[iri])
                if _free(taken, box, shapes[iri]):
                    item.set_label(grow, True, side)
                    _take(taken, box)
                elif item.compact or _must(item):
                    rest.append(iri)
                else:
                    item.set_label(grow, False)
            waiting = rest
        for iri in waiting:
            item = self.nodes[iri]
            grow = scale if item.compact else 1.0
            item.set_label(grow, _must(item))
            if _must(item):
                _take(taken, _moved(item.label_extent(grow), self.at[iri]))

    def _order(self, iri: str) -> tuple[int, int, tuple[int, int, int, str]]:
        item = self.nodes[iri]
        first = 0 if _must(item) else 1
        near = item.distance if item.distance is not None else 99
        return (first, near, self.rank[iri])


def _rings(order: list[str], key: Callable[[str], tuple[int, int, object]]) -> list[list[str]]:
    """``order`` cut where the first two parts of its key change: the selection and a
    source, then each distance of a highlight, each placed on all sides before the next."""
    rings: list[list[str]] = []
    for iri in order:
        if not rings or key(iri)[:2] != key(rings[-1][0])[:2]:
            rings.append([])
        rings[-1].append(iri)
    return rings


def _free(taken: Cells, box: Box, own: Box) -> bool:
    """Whether ``box`` covers nothing taken but its own node's shape ``own``."""
    return not any(o is not own and _meet(o, box) for o in _near(taken, box))


def _must(item: NodeItem) -> bool:
    """The selection and a highlight's source are always labelled."""
    return item.chosen or item.distance == 0


def _moved(box: Box, at: tuple[float, float]) -> Box:
    return (box[0] + at[0], box[1] + at[1], box[2] + at[0], box[3] + at[1])


def _meet(a: Box, b: Box) -> bool:
    """Whether two boxes overlap (touching edges do not)."""
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _cells(box: Box) -> Iterator[tuple[int, int]]:
    for x in range(int(box[0] // CELL), int(box[2] // CELL) + 1):
        for y in range(int(box[1] // CELL), int(box[3] // CELL) + 1):
            yield (x, y)


def _take(taken: Cells, box: Box) -> None:
    for cell in _cells(box):
        taken.setdefault(cell, []).append(box)


def _near(taken: Cells, box: Box) -> Iterator[Box]:
    for cell in _cells(box):
        yield from taken.get(cell, ())
