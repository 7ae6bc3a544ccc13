"""The drawn copy of one ``GraphView``: it owns no data and follows the window's state.

``show_view`` copies what the engine computed (nodes, edges, positions), and
``set_highlight`` / ``set_selected`` / ``set_changes`` mirror the workspace.
"""

from __future__ import annotations

import html
from collections.abc import Collection, Iterator
from contextlib import contextmanager

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QFontMetricsF, QPalette
from PySide6.QtWidgets import QGraphicsScene, QWidget

from explorer.analysis.changes import ChangeMark
from explorer.views.graph_view import Edge, GraphView
from ui.canvas.edge_item import EdgeItem, relation_pen
from ui.canvas.labels import LabelPlacer
from ui.canvas.node_item import DOT_MAX_ZOOM, NodeItem
from ui.canvas.overview import EdgeLines, NodeCloud
from ui.canvas.theme import is_dark

__all__ = ["BATCH_EDGES", "CLOUD_FROM", "SLICE_EDGES", "GraphScene"]

LAYER_GAP, ROW_GAP, FORCE_X, FORCE_Y = 215.0, 52.0, 125.0, 95.0
BATCH_EDGES = 3000  # above this many edges, each relation is drawn in one call
CLOUD_FROM = 1500  # from this many nodes, an overview far out is drawn as one item
SLICE_EDGES = 100  # edge items built per turn of the event loop (about 15 ms)
FADED = 0.12  # the opacity of what a highlight leaves out


class GraphScene(QGraphicsScene):
    """The drawn copy of one ``GraphView``.

    Signals:
        complete(): every item of the view shown last is built.
    """

    complete = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.nodes: dict[str, NodeItem] = {}
        self.edges: list[EdgeItem] = []
        self.pending: list[Edge] = []  # edges of the view not built yet (``add_edges``)
        self.generation = 0  # of the view shown, so that a newer one stops an older build
        self.batches: list[EdgeLines] = []
        self.cloud: NodeCloud | None = None
        self.view: GraphView | None = None
        self.drawing = QRectF()  # where the items are
        self.labels = LabelPlacer(None, {})
        self.zoom = 1.0

    def show_view(self, view: GraphView, gap_nodes: frozenset[str], palette: QPalette) -> None:
        """Draw ``view`` afresh: one item per node now; its edges follow from ``add_edges``."""
        self.clear()
        self.nodes, self.edges, self.batches, self.view = {}, [], [], view
        self.cloud, self.pending, self.generation = None, [], self.generation + 1
        self.setBackgroundBrush(palette.color(QPalette.ColorRole.Base))
        scale = (LAYER_GAP, ROW_GAP) if view.layered else (FORCE_X, FORCE_Y)
        self._add_nodes(view, gap_nodes, is_dark(palette), scale)
        if len(view.edges) <= BATCH_EDGES:
            self.pending = list(view.edges)
        else:
            self._add_batched_edges(view, scale)
        if not view.layered and len(self.nodes) >= CLOUD_FROM:
            self.cloud = NodeCloud(list(self.nodes.values()))
            self.cloud.setVisible(False)  # until the view says it is zoomed far out
            self.addItem(self.cloud)
        self.labels = LabelPlacer(view, self.nodes)
        self.drawing = self.itemsBoundingRect().adjusted(-40, -30, 40, 30)
        # room around the drawing, so that any node can be centred in the view
        self.setSceneRect(self.drawing.adjusted(-3000, -3000, 3000, 3000))

    @property
    def building(self) -> bool:
        """Whether edges of the view shown are still to be built."""
        return bool(self.pending)

    def add_edges(self) -> None:
        """Build the view's edge items a slice per turn of the event loop, then say
        ``complete``: hundreds of edges never hold the window for long, and a newer view
        stops the build of an older one."""
        done, self.pending = self.pending[:SLICE_EDGES], self.pending[SLICE_EDGES:]
        for edge in done:
            line = EdgeItem(edge, self.nodes[edge.source], self.nodes[edge.target])
            _fade(line)
            self.addItem(line)
            self.edges.append(line)
        if self.pending:
            generation = self.generation
            QTimer.singleShot(0, self, lambda: self._go_on(generation))
        else:
            self.complete.emit()

    def _go_on(self, generation: int) -> None:
        if generation == self.generation:  # not replaced by a newer view meanwhile
            self.add_edges()

    def _add_nodes(
        self, view: GraphView, gap_nodes: frozenset[str], dark: bool, scale: tuple[float, float]
    ) -> None:
        font = QFont()
        font.setPointSizeF(9.5 if view.layered else 8.5)
        metrics = QFontMetricsF(font)
        compact = not view.layered
        for iri, entity in view.nodes.items():
            group = view.groups.get(iri)
            members = len(group.members) if group is not None else 0
            item = NodeItem(entity, font, iri in gap_nodes, dark, compact, metrics, members)
            x, y = view.positions.get(iri, (0.0, 0.0))
            item.setPos(x * scale[0], y * scale[1])
            self.addItem(item)
            self.nodes[iri] = item

    def _add_batched_edges(self, view: GraphView, scale: tuple[float, float]) -> None:
        """One ``drawLines`` per relation instead of an item per edge (see ui.canvas.overview).

        Centre to centre, under the nodes, without arrowheads: this many edges are only
        drawn together when the view is far out, where an arrowhead is a pixel or two.
        """
        lines: dict[str, list[QLineF]] = {}
        places = {iri: (x * scale[0], y * scale[1]) for iri, (x, y) in view.positions.items()}
        for edge in view.edges:
            (x1, y1), (x2, y2) = places.get(edge.source, (0, 0)), places.get(edge.target, (0, 0))
            lines.setdefault(edge.relation, []).append(QLineF(x1, y1, x2, y2))
        batches = []
        for relation, found in lines.items():
            pen = relation_pen(relation)
            pen.setStyle(Qt.PenStyle.SolidLine)  # dashes on this many lines cost seconds
            pen.setCosmetic(True)
            pen.setWidthF(1.0)
            batches.append((pen, found))
        item = EdgeLines(batches, self.itemsBoundingRect())
        self.addItem(item)
        self.batches.append(item)

    def set_zoom(self, zoom: float) -> None:
        """Follow the view's zoom: labels placed anew for their size on screen; far out, a
        large overview is drawn by its node cloud."""
        self.zoom = zoom
        self.labels.place(zoom)
        far = self.cloud is not None and zoom < DOT_MAX_ZOOM
        if self.cloud is None or far == self.cloud.isVisible():
            return
        self.cloud.setVisible(far)
        for item in self.nodes.values():
            item.setVisible(not far)

    @contextmanager
    def as_exported(self, zoom: float) -> Iterator[None]:
        """The scene as a picture of it shows it, then again as the window does: labels
        placed for a picture drawn at ``zoom`` (an export, drawn larger than the view far
        out, has room for more), and no selection: a picture is of the view and its
        highlight, and the rings of what was clicked last, which no legend explains,
        would neither be said nor keep a label of what is hit out."""
        chosen = self.selected()
        self.set_selected((), place=False)
        self.labels.place(zoom, again=True)
        try:
            yield
        finally:
            self.set_selected(chosen, place=False)
            self.labels.place(self.zoom, again=True)

    def node_at(self, point: QPointF) -> NodeItem | None:
        """The node drawn at ``point`` (scene coordinates) by the node cloud, if it shows."""
        return self.cloud.node_at(point) if self.cloud and self.cloud.isVisible() else None

    def set_changes(self, marks: dict[str, ChangeMark]) -> None:
        """Mark nodes added, removed or changed since an earlier snapshot ({} clears)."""
        for iri, item in self.nodes.items():
            item.change = marks.get(iri)
            item.update()
        if self.cloud is not None:
            self.cloud.refresh()

    def set_highlight(self, distances: dict[str, int] | None, place: bool = True) -> None:
        """Colour nodes by distance and fade the rest; None clears the highlight. Labels
        are placed anew unless the caller will (not ``place``)."""
        groups = self.view.groups if self.view is not None else {}
        hits = self.view.hits(distances) if self.view and groups and distances else {}
        for iri, item in self.nodes.items():
            if iri in groups and distances is not None:
                _group_hit(item, hits.get(iri, []))
            else:
                item.distance = distances.get(iri) if distances is not None else None
                item.hit = 0
            item.faded = distances is not None and item.distance is None
            item.update()
        for edge in self.edges:
            _fade(edge)
        for batch in self.batches:  # drawn as one: all fade while something is highlighted
            batch.setOpacity(FADED if distances is not None else 1.0)
        if self.cloud is not None:
            self.cloud.refresh()
        for item in self.nodes.values():
            if item.distance == 0 and not item.members:
                item.full_name()
        if place:
            self.labels.place(self.zoom, again=True)

    def set_selected(self, chosen: Collection[str], place: bool = True) -> None:
        """Mark the nodes selected (one, or several picked with Ctrl or Shift), each named
        in full. Labels are placed anew unless the caller will (not ``place``)."""
        for key, item in self.nodes.items():
            if item.chosen != (key in chosen):
                item.chosen = key in chosen
                item.update()
            if item.chosen:
                item.full_name()
        if place:
            self.labels.place(self.zoom, again=True)

    def selected(self) -> list[str]:
        """The nodes drawn as selected."""
        return [iri for iri, item in self.nodes.items() if item.chosen]

    def highlighted(self) -> dict[str, int]:
        return {iri: i.distance for iri, i in self.nodes.items() if i.distance is not None}


def _fade(edge: EdgeItem) -> None:
    """An edge is faded while either end is."""
    source, target = edge.ends
    edge.setOpacity(FADED if source.faded or target.faded else 1.0)


def _group_hit(item: NodeItem, distances: list[int]) -> None:
    """A group in a highlight: as near as its nearest member, and how many are hit."""
    item.distance = min(distances) if distances else None
    item.hit = len(distances)
    word = f"{item.hit:,} of {item.members:,} hit" if distances else "none hit"
    item.setToolTip(html.escape(f"{item.entity.label}: {word}"))
