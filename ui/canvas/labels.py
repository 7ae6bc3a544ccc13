"""Labels that never cover each other: placed by priority, each at a readable size.

A label beside its node is drawn at least ``READABLE`` of its font's size on screen,
however far out the view is, so it takes more of the scene the further out one zooms (a
label inside its node's shape, in focus views, keeps to the shape). Placed in order (the
selection and a highlight's source first, always; then what is highlighted, nearest
first; then large groups, critical tiers and well-connected nodes), a label that would
cover a label placed before it, or any other node, is hidden until zooming in makes room.
Its node's tooltip still names it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping

from explorer.views.graph_view import GraphView
from ui.canvas.node_item import NodeItem

__all__ = ["READABLE", "LabelPlacer", "label_scale"]

READABLE = 0.85  # of the font's size, the least a label is drawn on screen
MOST = 8.0  # a label grows at most this much in the scene
CELL = 120.0  # side of the grid cells that find the boxes near a box


def label_scale(zoom: float) -> float:
    """How much larger than the scene's font a label is drawn at ``zoom``, in 10% steps.

    >>> label_scale(2.0), label_scale(0.5), label_scale(0.01)
    (1.0, 1.7, 8.0)
    """
    return min(MOST, max(1.0, round(READABLE / max(zoom, 1e-6), 1)))


Box = tuple[float, float, float, float]  # left, top, right, bottom, in the scene
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
        for shape in shapes.values():  # no label covers a node, nor a node a label
            _take(taken, shape)
        for iri in sorted(self.nodes, key=self._order):
            item, own = self.nodes[iri], shapes[iri]
            grow = scale if item.compact else 1.0  # a label inside its shape keeps to it
            box = _moved(item.label_extent(grow), self.at[iri])
            must = item.chosen or item.distance == 0
            shown = must or not any(
                other is not own and _meet(other, box) for other in _near(taken, box)
            )
            item.set_label(grow, shown)
            if item.zValue() != (2 if must else 1):
                item.setZValue(2 if must else 1)  # the selection and a source over the rest
            if shown:
                _take(taken, box)

    def _order(self, iri: str) -> tuple[int, int, tuple[int, int, int, str]]:
        item = self.nodes[iri]
        first = 0 if item.chosen or item.distance == 0 else 1
        near = item.distance if item.distance is not None else 99
        return (first, near, self.rank[iri])


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
