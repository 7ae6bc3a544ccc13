"""The graph canvas: draws a ``GraphView`` from the engine and follows its highlights.

The scene owns no data: ``show_view`` copies what the engine computed (nodes, edges,
positions), and ``set_highlight`` / ``set_selected`` mirror the window's state. Labels are
drawn with ``drawText`` (plain text, never HTML) and hidden when zoomed far out, so large
graphs stay fast.
"""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QPolygonF,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsScene,
    QGraphicsSceneHoverEvent,
    QGraphicsView,
    QStyleOptionGraphicsItem,
    QWidget,
)

from explorer.model import Entity
from explorer.view import Edge, GraphView
from ui.overview import EdgeLines, NodeCloud, arrow_lines
from ui.theme import (
    CHANGE_STYLES,
    GAP_COLOUR,
    KIND_STYLES,
    RELATION_STYLES,
    distance_colour,
    is_dark,
)

__all__ = ["GraphCanvas", "GraphScene", "Legend", "NodeItem"]

LAYER_GAP, ROW_GAP, FORCE_X, FORCE_Y = 215.0, 52.0, 125.0, 95.0
NODE_HEIGHT, MAX_LABEL_WIDTH, COMPACT_LABEL_WIDTH, PAD = 28.0, 165.0, 130.0, 8.0
LABEL_MIN_ZOOM = 0.4  # below this, nodes are drawn as plain shapes
DOT_MAX_ZOOM = 0.3  # below this, nodes (24 px wide at 1x) are drawn as plain boxes
BATCH_EDGES = 3000  # above this many edges, each relation is drawn in one call
CLOUD_FROM = 1500  # from this many nodes, an overview far out is drawn as one item


_OUTLINES: dict[tuple[str, float, float], QPainterPath] = {}


def _shared_outline(shape: str, rect: QRectF) -> QPainterPath:
    """One outline per shape and size: an overview's nodes all share a handful."""
    key = (shape, rect.width(), rect.height())
    if key not in _OUTLINES:
        _OUTLINES[key] = _outline(shape, rect)
    return _OUTLINES[key]


def _outline(shape: str, rect: QRectF) -> QPainterPath:
    path = QPainterPath()
    x, y, w, h = rect.x(), rect.y(), rect.width(), rect.height()
    if shape in ("roundrect", "dashed"):
        path.addRoundedRect(rect, 7, 7)
    elif shape == "pill":
        path.addRoundedRect(rect, h / 2, h / 2)
    elif shape == "hexagon":
        c = h / 2
        path.addPolygon(
            QPolygonF(
                [
                    QPointF(x + c, y),
                    QPointF(x + w - c, y),
                    QPointF(x + w, y + c),
                    QPointF(x + w - c, y + h),
                    QPointF(x + c, y + h),
                    QPointF(x, y + c),
                    QPointF(x + c, y),
                ]
            )
        )
    elif shape == "octagon":
        c = min(7.0, h / 3)
        path.addPolygon(
            QPolygonF(
                [
                    QPointF(x + c, y),
                    QPointF(x + w - c, y),
                    QPointF(x + w, y + c),
                    QPointF(x + w, y + h - c),
                    QPointF(x + w - c, y + h),
                    QPointF(x + c, y + h),
                    QPointF(x, y + h - c),
                    QPointF(x, y + c),
                    QPointF(x + c, y),
                ]
            )
        )
    elif shape == "slant":
        s = 8.0
        path.addPolygon(
            QPolygonF(
                [
                    QPointF(x + s, y),
                    QPointF(x + w, y),
                    QPointF(x + w - s, y + h),
                    QPointF(x, y + h),
                    QPointF(x + s, y),
                ]
            )
        )
    else:
        path.addRect(rect)
    return path


class NodeItem(QGraphicsItem):
    """One node: a shape by kind, its label, and marks for gap, selection and distance.

    ``compact`` nodes (the whole-graph overview) are a small shape with the label beside
    it; the others (focus views) carry the label inside the shape.
    """

    def __init__(
        self,
        entity: Entity,
        font: QFont,
        has_gap: bool,
        dark: bool,
        compact: bool = False,
        metrics: QFontMetricsF | None = None,  # the font's, shared by a scene's nodes
    ) -> None:
        super().__init__()
        self.entity = entity
        self.style = KIND_STYLES.get(entity.kind, KIND_STYLES["unknown"])
        self.font = font
        metrics = metrics or QFontMetricsF(font)
        widest = COMPACT_LABEL_WIDTH if compact else MAX_LABEL_WIDTH
        self.text = metrics.elidedText(entity.label, Qt.TextElideMode.ElideRight, widest)
        text_width = metrics.horizontalAdvance(self.text)
        if compact:
            self.rect = QRectF(-12, -8, 24, 16)
            self.label_rect = QRectF(15, -NODE_HEIGHT / 2, text_width + 4, NODE_HEIGHT)
        else:
            width = max(56.0, text_width + 2 * PAD)
            self.rect = QRectF(-width / 2, -NODE_HEIGHT / 2, width, NODE_HEIGHT)
            self.label_rect = self.rect
        self.compact = compact
        self.path = _shared_outline(self.style.shape, self.rect)
        self.has_gap = has_gap
        self.dark = dark
        self.distance: int | None = None
        self.faded = False
        self.chosen = False
        self.change: str | None = None  # added, removed or changed, when comparing
        self.setZValue(1)
        self.setAcceptHoverEvents(True)

    def hoverEnterEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        """The tooltip is made when the pointer first comes by, not for every node drawn."""
        if not self.toolTip():
            entity = self.entity
            owners = ", ".join(entity.owners) or "no owner"
            tip = f"{entity.label}\n{entity.kind} · {entity.id}\nowned by {owners}"
            self.setToolTip(f"<p style='white-space:pre'>{html.escape(tip)}</p>")
        super().hoverEnterEvent(event)

    def boundingRect(self) -> QRectF:
        return self.rect.united(self.label_rect).adjusted(-6, -6, 6, 6)

    def shape(self) -> QPainterPath:
        path = QPainterPath(self.path)
        path.setFillRule(Qt.FillRule.WindingFill)  # the label overlaps the shape: keep both
        path.addRect(self.label_rect)
        return path

    def _fill(self) -> QColor:
        if self.distance is not None:
            return distance_colour(self.distance)
        colour = QColor(self.style.colour)
        if self.compact:
            return colour
        return colour.darker(260) if self.dark else colour.lighter(185)

    def far_colour(self) -> QColor:
        """The colour of the plain box drawn when zoomed far out."""
        return self._fill() if self.distance is not None else QColor(self.style.colour)

    def opacity_now(self) -> float:
        return 0.16 if self.faded else 0.55 if self.change == "removed" else 1.0

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        painter.setOpacity(self.opacity_now())
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        if lod < DOT_MAX_ZOOM:  # a few pixels wide: a filled box says as much, far faster
            painter.fillRect(self.rect, self.far_colour())
            return
        pen = QPen(QColor(self.style.colour), 3.2 if self.chosen else 1.5)
        if self.chosen:
            pen.setColor(QColor("#facc15" if self.dark else "#111827"))
        if self.style.shape == "dashed":
            pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.setBrush(QBrush(self._fill()))
        painter.drawPath(self.path)
        if self.has_gap:
            painter.setPen(QPen(QColor(GAP_COLOUR), 2.2, Qt.PenStyle.DashLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(self.rect.adjusted(-4.5, -4.5, 4.5, 4.5), 8, 8)
        if self.change is not None:
            self._paint_change(painter)
        if lod < LABEL_MIN_ZOOM:
            return
        on_strong = not self.compact and self.distance is not None and self.distance <= 2
        painter.setPen(QColor("white" if on_strong or self.dark else "#111827"))
        painter.setFont(self.font)
        align = Qt.AlignmentFlag.AlignVCenter | (
            Qt.AlignmentFlag.AlignLeft if self.compact else Qt.AlignmentFlag.AlignHCenter
        )
        painter.drawText(self.label_rect, align, self.text)
        if self.change == "removed":
            y = self.label_rect.center().y()
            painter.drawLine(
                QPointF(self.label_rect.left(), y), QPointF(self.label_rect.right(), y)
            )

    def _paint_change(self, painter: QPainter) -> None:
        colour, badge = CHANGE_STYLES[self.change or "changed"]
        painter.setPen(QPen(QColor(colour), 3.0))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(self.rect.adjusted(-3, -3, 3, 3), 8, 8)
        corner = QRectF(self.rect.right() - 7, self.rect.top() - 9, 16, 16)
        painter.setBrush(QColor(colour))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.drawEllipse(corner)
        painter.setPen(QColor("white"))
        bold = QFont(self.font)
        bold.setBold(True)
        painter.setFont(bold)
        painter.drawText(corner, Qt.AlignmentFlag.AlignCenter, badge)


def _relation_pen(relation: str) -> QPen:
    style = RELATION_STYLES.get(relation, RELATION_STYLES["depends on"])
    return QPen(QColor(style.colour), style.width, style.style)


class EdgeItem(QGraphicsPathItem):
    """A relation: a line styled by relation, with an arrow at the target."""

    def __init__(self, edge: Edge, source: NodeItem, target: NodeItem) -> None:
        super().__init__()
        self.edge = edge
        self.ends = (source, target)
        self.setPen(_relation_pen(edge.relation))
        self.setZValue(0)
        path = QPainterPath()
        for line in arrow_lines(source, target):
            path.moveTo(line.p1())
            path.lineTo(line.p2())
        self.setPath(path)
        self.setToolTip(html.escape(f"{source.entity.label} {edge.relation} {target.entity.label}"))


class GraphScene(QGraphicsScene):
    """The drawn copy of one ``GraphView``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.nodes: dict[str, NodeItem] = {}
        self.edges: list[EdgeItem] = []
        self.batches: list[EdgeLines] = []
        self.cloud: NodeCloud | None = None
        self.view: GraphView | None = None
        self.drawing = QRectF()  # where the items are

    def show_view(self, view: GraphView, gap_nodes: frozenset[str], palette: QPalette) -> None:
        """Draw ``view`` afresh: one item per node and per edge."""
        self.clear()
        self.nodes, self.edges, self.batches, self.view = {}, [], [], view
        self.cloud = None
        dark = is_dark(palette)
        self.setBackgroundBrush(palette.color(QPalette.ColorRole.Base))
        font = QFont()
        font.setPointSizeF(9.5 if view.layered else 8.5)
        sx, sy = (LAYER_GAP, ROW_GAP) if view.layered else (FORCE_X, FORCE_Y)
        metrics = QFontMetricsF(font)
        for iri, entity in view.nodes.items():
            compact = not view.layered
            item = NodeItem(entity, font, iri in gap_nodes, dark, compact, metrics)
            x, y = view.positions.get(iri, (0.0, 0.0))
            item.setPos(x * sx, y * sy)
            self.addItem(item)
            self.nodes[iri] = item
        if len(view.edges) <= BATCH_EDGES:
            for edge in view.edges:
                item = EdgeItem(edge, self.nodes[edge.source], self.nodes[edge.target])
                self.addItem(item)
                self.edges.append(item)
        else:
            self._add_batched_edges(view, (sx, sy))
        if not view.layered and len(self.nodes) >= CLOUD_FROM:
            self.cloud = NodeCloud(list(self.nodes.values()))
            self.cloud.setVisible(False)  # until the view says it is zoomed far out
            self.addItem(self.cloud)
        self.drawing = self.itemsBoundingRect().adjusted(-40, -30, 40, 30)
        # room around the drawing, so that any node can be centred in the view
        self.setSceneRect(self.drawing.adjusted(-3000, -3000, 3000, 3000))

    def _add_batched_edges(self, view: GraphView, scale: tuple[float, float]) -> None:
        """One ``drawLines`` per relation instead of an item per edge (see ui.overview).

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
            pen = _relation_pen(relation)
            pen.setStyle(Qt.PenStyle.SolidLine)  # dashes on this many lines cost seconds
            pen.setCosmetic(True)
            pen.setWidthF(1.0)
            batches.append((pen, found))
        item = EdgeLines(batches, self.itemsBoundingRect())
        self.addItem(item)
        self.batches.append(item)

    def set_zoom(self, zoom: float) -> None:
        """Follow the view's zoom: far out, a large overview is drawn by its node cloud."""
        far = self.cloud is not None and zoom < DOT_MAX_ZOOM
        if self.cloud is None or far == self.cloud.isVisible():
            return
        self.cloud.setVisible(far)
        for item in self.nodes.values():
            item.setVisible(not far)

    def node_at(self, point: QPointF) -> NodeItem | None:
        """The node drawn at ``point`` (scene coordinates) by the node cloud, if it shows."""
        return self.cloud.node_at(point) if self.cloud and self.cloud.isVisible() else None

    def set_changes(self, marks: dict[str, str]) -> None:
        """Mark nodes added, removed or changed since an earlier snapshot ({} clears)."""
        for iri, item in self.nodes.items():
            item.change = marks.get(iri)
            item.update()
        if self.cloud is not None:
            self.cloud.refresh()

    def set_highlight(self, distances: dict[str, int] | None) -> None:
        """Colour nodes by distance and fade the rest; None clears the highlight."""
        for iri, item in self.nodes.items():
            item.distance = distances.get(iri) if distances is not None else None
            item.faded = distances is not None and iri not in distances
            item.update()
        for edge in self.edges:
            source, target = edge.ends
            edge.setOpacity(0.12 if source.faded or target.faded else 1.0)
        for batch in self.batches:  # drawn as one: all fade while something is highlighted
            batch.setOpacity(0.12 if distances is not None else 1.0)
        if self.cloud is not None:
            self.cloud.refresh()

    def set_selected(self, iri: str | None) -> NodeItem | None:
        """Mark one node as the selection; returns its item if it is drawn."""
        for key, item in self.nodes.items():
            if item.chosen != (key == iri):
                item.chosen = key == iri
                item.update()
        return self.nodes.get(iri) if iri else None

    def highlighted(self) -> dict[str, int]:
        return {iri: i.distance for iri, i in self.nodes.items() if i.distance is not None}


class GraphCanvas(QGraphicsView):
    """Pan by dragging, zoom with the wheel, click to select, double-click to expand.

    Signals:
        node_clicked(str): the IRI of a node the user clicked.
        node_double_clicked(str): the IRI of a node the user double-clicked.
    """

    node_clicked = Signal(str)
    node_double_clicked = Signal(str)
    RENDER_HINTS = QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing

    def __init__(self, scene: GraphScene, parent: QWidget | None = None) -> None:
        super().__init__(scene, parent)
        self.graph_scene = scene
        self.setRenderHints(self.RENDER_HINTS)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.auto_fit = True
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def zoom_level(self) -> float:
        return self.transform().m11()

    def zoom(self, factor: float) -> None:
        """Zoom by ``factor``; from then on, resizing the window keeps the user's zoom."""
        self.auto_fit = False
        target = min(max(self.zoom_level() * factor, 0.02), 6.0)
        self.scale(target / self.zoom_level(), target / self.zoom_level())
        self.graph_scene.set_zoom(self.zoom_level())

    def wheelEvent(self, event: QWheelEvent) -> None:
        self.zoom(1.0015 ** event.angleDelta().y())

    def fit(self) -> None:
        """Show the whole drawing, never magnified past 1.2x; keep it fitted on resize."""
        self.fitInView(self.graph_scene.drawing, Qt.AspectRatioMode.KeepAspectRatio)
        if self.zoom_level() > 1.2:
            self.zoom(1.2 / self.zoom_level())
        self.graph_scene.set_zoom(self.zoom_level())
        self.auto_fit = True

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.auto_fit:
            self.fit()

    def centre_on(self, iri: str) -> None:
        item = self.graph_scene.nodes.get(iri)
        if item is not None:
            if self.zoom_level() < 0.6:
                self.zoom(0.9 / self.zoom_level())
            self.auto_fit = False
            self.centerOn(item.scenePos())  # the shape, not the shape and its label

    def _node_at(self, event: QMouseEvent) -> NodeItem | None:
        """The node under the pointer; a node's shape wins over a neighbour's label."""
        point = event.position().toPoint()
        scene_point = self.mapToScene(point)
        far = self.graph_scene.node_at(scene_point)
        if far is not None:
            return far
        nodes = [i for i in self.items(point) if isinstance(i, NodeItem)]
        for item in nodes:
            if item.path.contains(item.mapFromScene(scene_point)):
                return item
        return nodes[0] if nodes else None

    def mousePressEvent(self, event: QMouseEvent) -> None:
        node = self._node_at(event)
        if node is not None and event.button() == Qt.MouseButton.LeftButton:
            self.node_clicked.emit(node.entity.iri)
        super().mousePressEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        node = self._node_at(event)
        if node is not None:
            self.node_double_clicked.emit(node.entity.iri)
        else:
            super().mouseDoubleClickEvent(event)


class Legend(QWidget):
    """Kinds, relations, the gap mark, distances and changes, in rows above the canvas.

    The entries flow left to right and wrap to the widget's width.
    """

    ROW = 18.0
    SWATCH = 24.0

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        font = QFont()
        font.setPointSizeF(8.5)
        self.setFont(font)
        self.entries: list[tuple[Callable[[QPainter, QRectF], None], str]] = _legend_entries()
        self.setFixedHeight(self._rows(1000) * int(self.ROW) + 8)

    def _layout(self, width: float) -> list[tuple[float, float]]:
        metrics = QFontMetricsF(self.font())
        x, y, places = 8.0, 4.0, []
        for _, text in self.entries:
            span = self.SWATCH + 4 + metrics.horizontalAdvance(text) + 14
            if x + span > width and x > 8.0:
                x, y = 8.0, y + self.ROW
            places.append((x, y))
            x += span
        return places

    def _rows(self, width: float) -> int:
        return int((self._layout(width)[-1][1] - 4.0) / self.ROW) + 1

    def resizeEvent(self, event: QResizeEvent) -> None:
        self.setFixedHeight(self._rows(event.size().width()) * int(self.ROW) + 8)
        super().resizeEvent(event)

    def paintEvent(self, event: object) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        text = self.palette().color(QPalette.ColorRole.WindowText)
        for (draw, label), (x, y) in zip(self.entries, self._layout(self.width()), strict=True):
            draw(painter, QRectF(x, y + 3, self.SWATCH, self.ROW - 6))
            painter.setPen(text)
            painter.drawText(
                QRectF(x + self.SWATCH + 4, y, 400, self.ROW), Qt.AlignmentFlag.AlignVCenter, label
            )
        painter.end()


def _legend_entries() -> list[tuple[Callable[[QPainter, QRectF], None], str]]:
    """One (swatch painter, label) per thing the canvas can show."""

    def kind_swatch(colour: str, shape: str) -> Callable[[QPainter, QRectF], None]:
        def draw(painter: QPainter, box: QRectF) -> None:
            painter.setPen(QPen(QColor(colour), 1.3))
            painter.setBrush(QColor(colour).lighter(170))
            painter.drawPath(_outline(shape, box))

        return draw

    def line_swatch(
        colour: str, width: float, style: Qt.PenStyle
    ) -> Callable[[QPainter, QRectF], None]:
        def draw(painter: QPainter, box: QRectF) -> None:
            painter.setPen(QPen(QColor(colour), max(width, 1.3), style))
            painter.drawLine(
                QPointF(box.left(), box.center().y()), QPointF(box.right(), box.center().y())
            )

        return draw

    def gap_swatch(painter: QPainter, box: QRectF) -> None:
        painter.setPen(QPen(QColor(GAP_COLOUR), 1.6, Qt.PenStyle.DashLine))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(box, 4, 4)

    def distance_swatch(painter: QPainter, box: QRectF) -> None:
        painter.setPen(Qt.PenStyle.NoPen)
        step = box.width() / 5
        for n in range(5):
            painter.setBrush(distance_colour(n))
            painter.drawRect(QRectF(box.left() + n * step, box.top(), step, box.height()))

    def change_swatch(colour: str, badge: str) -> Callable[[QPainter, QRectF], None]:
        def draw(painter: QPainter, box: QRectF) -> None:
            circle = QRectF(box.center().x() - 7, box.center().y() - 7, 14, 14)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(colour))
            painter.drawEllipse(circle)
            painter.setPen(QColor("white"))
            painter.drawText(circle, Qt.AlignmentFlag.AlignCenter, badge)

        return draw

    entries = [
        (kind_swatch(k.colour, k.shape), k.label)
        for k in KIND_STYLES.values()
        if k.label != "Unknown"
    ]
    entries += [
        (line_swatch(r.colour, r.width, r.style), name) for name, r in RELATION_STYLES.items()
    ]
    entries += [(gap_swatch, "ownership gap"), (distance_swatch, "affected: near to far")]
    entries += [
        (change_swatch(colour, badge), change) for change, (colour, badge) in CHANGE_STYLES.items()
    ]
    return entries
