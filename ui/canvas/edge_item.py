"""What the canvas draws of one relation: a line styled by relation, an arrow at its
target, a badge when someone is not sure of it, and a tooltip (escaped) saying what it is
and how many calls traffic showed along it."""

from __future__ import annotations

import html
import math

from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsPathItem, QGraphicsSimpleTextItem

from explorer.domain.relations import BY_NAME
from explorer.views.graph_view import Edge
from ui.canvas.node_item import NodeItem
from ui.canvas.overview import arrow_lines
from ui.canvas.theme import CONFIDENCE_BADGES, UNSURE_OPACITY, relation_style

__all__ = ["EdgeItem", "relation_pen"]


def relation_pen(relation: str) -> QPen:
    style = relation_style(relation)
    return QPen(QColor(style.colour), style.width, style.style)


class EdgeItem(QGraphicsPathItem):
    """A relation: a line styled by relation, with an arrow at the target."""

    def __init__(self, edge: Edge, source: NodeItem, target: NodeItem) -> None:
        super().__init__()
        self.edge = edge
        self.ends = (source, target)
        pen = relation_pen(edge.relation)
        if edge.count > 1:  # between groups: as thick as it is many
            pen.setWidthF(min(1.0 + math.log2(edge.count) / 2, 6.0))
        self.setPen(pen)
        self.setZValue(0)
        path = QPainterPath()
        for line in arrow_lines(source, target):
            path.moveTo(line.p1())
            path.lineTo(line.p2())
        self.setPath(path)
        said = f"{source.entity.label} {edge.relation} {target.entity.label}"
        if edge.count > 1:
            said += f": {edge.count:,} relations"
        wired = [r for r in edge.folded if not BY_NAME[r].observed]  # calls are said below
        if wired:
            said += f" (and {', '.join(wired)}, as deploy files wire it)"
        if edge.calls:
            declared = "" if BY_NAME[edge.relation].observed else " (also seen in traffic)"
            said += f"; {edge.calls:,} call(s) seen{declared}"
        badge = CONFIDENCE_BADGES.get(edge.confidence)
        if badge is not None:
            said += f" ({edge.confidence})"
            self._mark_unsure(badge, path.pointAtPercent(0.5))
        self.setToolTip(html.escape(said))

    def _mark_unsure(self, badge: str, middle: QPointF) -> None:
        """A relation someone is not sure of: paler, with its badge at the middle."""
        pen = self.pen()
        colour = pen.color()
        colour.setAlphaF(UNSURE_OPACITY)
        pen.setColor(colour)
        self.setPen(pen)
        mark = QGraphicsSimpleTextItem(badge, self)
        font = mark.font()
        font.setBold(True)
        mark.setFont(font)
        mark.setBrush(colour)
        box = mark.boundingRect()
        mark.setPos(middle - QPointF(box.width() / 2, box.height() / 2))
