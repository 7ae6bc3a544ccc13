"""Items that draw a large overview in a few calls instead of one Python item per thing.

Measured on 14k nodes and 64k edges: an item per node cost about 160 µs of Python per
repaint (2.3 s in all), and stroking one path per relation 1 s. Far out, where nodes are a
few pixels wide, ``NodeCloud`` draws them as boxes with one ``drawRects`` per colour, and
``EdgeLines`` draws each relation's lines with one ``drawLines``, and keeps what it drew as
a pixmap until the zoom changes.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QPixmapCache
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

if TYPE_CHECKING:
    from ui.canvas.node_item import NodeItem

__all__ = ["EdgeLines", "NodeCloud", "arrow_lines"]

PIXMAP_CACHE_KB = 96 * 1024  # a few 4K screens' worth


def _united(rects: Sequence[QRectF]) -> QRectF:
    if not rects:
        return QRectF()
    left = min(r.left() for r in rects)
    top = min(r.top() for r in rects)
    right = max(r.right() for r in rects)
    bottom = max(r.bottom() for r in rects)
    return QRectF(left, top, right - left, bottom - top)


class NodeCloud(QGraphicsItem):
    """Every node of an overview as a filled box, grouped by colour and opacity.

    The node items stay in the scene for clicks, selection and labels; the scene shows
    either them or the cloud, by zoom. ``refresh`` regroups after highlights change.
    """

    def __init__(self, nodes: Sequence[NodeItem]) -> None:
        super().__init__()
        self.items = list(nodes)
        self.boxes = [item.rect.translated(item.pos()) for item in self.items]
        self.bounds = _united(self.boxes)
        self.groups: list[tuple[QColor, float, list[QRectF]]] = []
        self.setZValue(1)
        self.refresh()

    def refresh(self) -> None:
        """Regroup the boxes after highlights, fading or change marks moved."""
        groups: dict[tuple[int, float], list[QRectF]] = {}
        for item, box in zip(self.items, self.boxes, strict=True):
            key = (item.far_colour().rgba(), item.opacity_now())
            groups.setdefault(key, []).append(box)
        # faded first, so that what is highlighted is drawn over it
        order = sorted(groups.items(), key=lambda entry: entry[0][1])
        self.groups = [(QColor.fromRgba(rgba), alpha, boxes) for (rgba, alpha), boxes in order]
        self.update()

    def node_at(self, point: QPointF) -> NodeItem | None:
        """The node whose box holds ``point`` (scene coordinates), for clicks when far out."""
        for item, box in zip(self.items, self.boxes, strict=True):
            if box.contains(point):
                return item
        return None

    def boundingRect(self) -> QRectF:
        return self.bounds

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        painter.setPen(Qt.PenStyle.NoPen)
        for colour, alpha, boxes in self.groups:
            painter.setOpacity(alpha)
            painter.setBrush(colour)
            painter.drawRects(boxes)


def arrow_lines(source: NodeItem, target: NodeItem) -> list[QLineF]:
    """A line from border to border and the two strokes of its arrowhead at the target."""
    start = _border_point(source.pos(), source.rect, target.pos())
    end = _border_point(target.pos(), target.rect, source.pos())
    angle = math.atan2(end.y() - start.y(), end.x() - start.x())
    lines = [QLineF(start, end)]
    for side in (0.45, -0.45):
        tip = QPointF(end.x() - 9 * math.cos(angle + side), end.y() - 9 * math.sin(angle + side))
        lines.append(QLineF(end, tip))
    return lines


def _border_point(centre: QPointF, rect: QRectF, towards: QPointF) -> QPointF:
    """Where the segment from ``centre`` to ``towards`` leaves a node's rectangle."""
    dx, dy = towards.x() - centre.x(), towards.y() - centre.y()
    if dx == 0 and dy == 0:
        return centre
    half_w, half_h = rect.width() / 2 + 3, rect.height() / 2 + 3
    scale = min(half_w / abs(dx) if dx else math.inf, half_h / abs(dy) if dy else math.inf)
    return QPointF(centre.x() + dx * scale, centre.y() + dy * scale)


class EdgeLines(QGraphicsItem):
    """The edges of a large view: per relation, one pen and one ``drawLines`` call."""

    def __init__(self, batches: Sequence[tuple[QPen, list[QLineF]]], nodes: QRectF) -> None:
        """``nodes`` bounds the nodes the lines join, and so the lines."""
        super().__init__()
        self.batches = list(batches)
        self.bounds = nodes.adjusted(-10, -10, 10, 10)
        self.setZValue(0)
        # tens of thousands of long lines take a second to rasterise: keep the pixels until
        # the zoom changes, so that panning and hovering repaint from a pixmap. Qt keeps
        # such pixmaps in QPixmapCache, 10 MB by default: less than one 4K screen
        QPixmapCache.setCacheLimit(max(QPixmapCache.cacheLimit(), PIXMAP_CACHE_KB))
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)

    def boundingRect(self) -> QRectF:
        return self.bounds

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        for pen, lines in self.batches:
            painter.setPen(pen)
            painter.drawLines(lines)
