"""What the canvas draws of one node (its relations: ``ui.canvas.edge_item``).

Labels are drawn with ``drawText`` (plain text, never HTML), at the size and visibility
``ui.canvas.labels`` decides; tooltips are escaped.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPen,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsSceneHoverEvent,
    QStyleOptionGraphicsItem,
    QWidget,
)

from explorer.analysis.changes import ChangeMark
from explorer.domain.kinds import Kind
from explorer.domain.looks import BADGE_INK, FADED, INK, PAPER, SELECTED_ON_DARK, SELECTION_HALO
from explorer.domain.model import Entity
from explorer.views.layout import size_of
from ui.canvas.label_sides import Box, Side, extent
from ui.canvas.shapes import shared_outline
from ui.canvas.theme import (
    CHANGE_STYLES,
    GAP_COLOUR,
    KIND_STYLES,
    distance_colour,
)

__all__ = ["DOT_MAX_ZOOM", "NodeItem"]

NODE_HEIGHT, MAX_LABEL_WIDTH, COMPACT_LABEL_WIDTH, PAD = 28.0, 165.0, 130.0, 8.0
DOT_MAX_ZOOM = 0.3  # below this, nodes (24 px wide at 1x) are drawn as plain boxes


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
        members: int = 0,  # a group's: it is drawn larger, by ``size_of``
    ) -> None:
        super().__init__()
        self.entity = entity
        self.style = KIND_STYLES.get(entity.kind, KIND_STYLES[Kind.UNKNOWN])
        self.font = font
        self.metrics = metrics = metrics or QFontMetricsF(font)
        widest = COMPACT_LABEL_WIDTH if compact else MAX_LABEL_WIDTH
        self.text = metrics.elidedText(entity.label, Qt.TextElideMode.ElideRight, widest)
        self.members = members
        self.hit = 0  # members in the highlight (groups)
        self.label_scale, self.label_shown = 1.0, True  # set by the scene's label placing
        self.label_side = Side.RIGHT  # of a compact shape: the first with room
        self.compact = compact
        self.rect = self.label_rect = QRectF()
        self._measure(metrics.horizontalAdvance(self.text))
        self.path = shared_outline(self.style.shape, self.rect)
        self.has_gap = has_gap
        self.dark = dark
        self.distance: int | None = None
        self.faded = False
        self.chosen = False
        self.change: ChangeMark | None = None  # when comparing
        self.setZValue(1)
        self.setAcceptHoverEvents(True)

    def hoverEnterEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        """The tooltip is made when the pointer first comes by, not for every node drawn."""
        if not self.toolTip():
            entity = self.entity
            owners = ", ".join(entity.owners) or "no owner"
            tip = f"{entity.label}\n{entity.kind} · {entity.id}\nowned by {owners}"
            if self.members:
                tip = f"{entity.label}\na group of {self.members:,}; double-click to open it"
            self.setToolTip(f"<p style='white-space:pre'>{html.escape(tip)}</p>")
        super().hoverEnterEvent(event)

    def full_name(self) -> None:
        """Show the whole label, not elided (the selection, a highlight's source)."""
        if self.text != self.entity.label:
            self.prepareGeometryChange()
            self.text = self.entity.label
            width = self.metrics.horizontalAdvance(self.text) + 4
            if self.compact:
                self.label_rect.setWidth(width)
            else:
                self.label_rect = self.rect = QRectF(
                    -width / 2 - PAD, self.rect.top(), width + 2 * PAD, NODE_HEIGHT
                )
                self.path = shared_outline(self.style.shape, self.rect)
            self._geometry()

    def _measure(self, text_width: float) -> None:
        """The shape and where the label goes: beside a compact shape (as large as its
        group, ``size_of``), else inside a shape as wide as the label."""
        if self.compact:
            grow = size_of(self.members) if self.members else 1.0
            self.rect = QRectF(-12 * grow, -8 * grow, 24 * grow, 16 * grow)
            left, high = self.rect.right() + 3, self.metrics.height() + 4  # no taller: room
            self.label_rect = QRectF(left, -high / 2, text_width + 4, high)
        else:
            width = max(56.0, text_width + 2 * PAD)
            self.rect = QRectF(-width / 2, -NODE_HEIGHT / 2, width, NODE_HEIGHT)
            self.label_rect = self.rect
        self._geometry()

    def _geometry(self) -> None:
        """The shape's box and the label's left, width and height as plain numbers, for
        ``ui.canvas.labels``, which places thousands of labels without a call into Qt each."""
        r, label = self.rect, self.label_rect
        self.shape_box = (r.left(), r.top(), r.right(), r.bottom())
        self.label_size = (label.left(), label.width(), label.height())

    def label_box(self, scale: float | None = None) -> QRectF:
        """Where the label is drawn at ``scale`` (default: its own), in item coordinates."""
        k = self.label_scale if scale is None else scale
        left, top, right, bottom = self.label_extent(k, self.label_side)
        return QRectF(left, top, right - left, bottom - top)

    def label_extent(self, k: float, side: Side = Side.RIGHT) -> Box:
        """The label's box at scale ``k`` as plain numbers (left, top, right, bottom), in
        item coordinates: beside a compact shape on ``side``, about the centre inside one.
        ``ui.canvas.labels`` places thousands of them without Qt."""
        left, width, height = self.label_size
        w, h = width * k, height * k
        if not self.compact:
            return (-w / 2, -h / 2, w / 2, h / 2)
        gap = left - self.shape_box[2]
        return extent(self.shape_box, gap, (w, h), 10 if self.members else 1, side)

    def set_label(self, scale: float, shown: bool, side: Side = Side.RIGHT) -> None:
        if (scale, shown, side) != (self.label_scale, self.label_shown, self.label_side):
            self.prepareGeometryChange()
            self.label_scale, self.label_shown, self.label_side = scale, shown, side
            self.update()

    def boundingRect(self) -> QRectF:
        box = self.rect.united(self.label_box()) if self.label_shown else QRectF(self.rect)
        return box.adjusted(-10, -10, 10, 14 if self.members else 10)

    def shape(self) -> QPainterPath:
        path = QPainterPath(self.path)
        path.setFillRule(Qt.FillRule.WindingFill)  # the label overlaps the shape: keep both
        if self.label_shown:
            path.addRect(self.label_box())
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
        return 0.16 if self.faded else 0.55 if self.change is ChangeMark.REMOVED else 1.0

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        painter.setOpacity(self.opacity_now())
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        self._paint_halo(painter)
        if lod < DOT_MAX_ZOOM:  # a few pixels wide: a filled box says as much, far faster
            painter.fillRect(self.rect, self.far_colour())
            self._paint_marks(painter)  # a placed label is readable at any zoom
            return
        pen = QPen(QColor(self.style.colour), 3.2 if self.chosen else 1.5)
        if self.chosen:
            pen.setColor(QColor(SELECTED_ON_DARK if self.dark else INK))
        if self.style.shape == "dashed":
            pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.setBrush(QBrush(self._fill()))
        painter.drawPath(self.path)
        if self.has_gap:
            painter.setPen(QPen(QColor(GAP_COLOUR), 2.2, Qt.PenStyle.DashLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(self.rect.adjusted(-4.5, -4.5, 4.5, 4.5), 8, 8)
        self._paint_marks(painter)

    def _paint_halo(self, painter: QPainter) -> None:
        """Round a node selected, a soft wide ring: several selected stand out at a glance."""
        if self.chosen:
            halo = QColor(SELECTED_ON_DARK if self.dark else SELECTION_HALO)
            halo.setAlphaF(0.55)
            painter.setPen(QPen(halo, 6.0))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(self.rect.adjusted(-5, -5, 5, 5), 9, 9)

    def _paint_marks(self, painter: QPainter) -> None:
        """What is drawn over the shape: change, source ring, hit bar, label."""
        if self.change is not None:
            self._paint_change(painter)
        if self.distance == 0 and not self.members:  # a highlight's source: a target ring
            painter.setPen(QPen(QColor(SELECTED_ON_DARK if self.dark else INK), 3.0))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawEllipse(self.rect.adjusted(-9, -9, 9, 9))
        if self.members and self.distance is not None:
            self._paint_hit(painter)
        if self.label_shown:
            self._paint_label(painter)

    def _paint_label(self, painter: QPainter) -> None:
        on_strong = not self.compact and self.distance is not None and self.distance <= 2
        painter.setPen(QColor(PAPER if on_strong or self.dark else INK))
        painter.setFont(self.font)
        align = Qt.AlignmentFlag.AlignVCenter | (
            Qt.AlignmentFlag.AlignLeft if self.compact else Qt.AlignmentFlag.AlignHCenter
        )
        box, k = self.label_box(), self.label_scale
        painter.save()
        painter.translate(box.topLeft())
        painter.scale(k, k)
        local = QRectF(0, 0, box.width() / k, box.height() / k)
        if self.compact and (k > 1 or self.distance is not None or self.chosen):
            backdrop = QColor(INK if self.dark else PAPER)
            backdrop.setAlphaF(0.8)
            painter.fillRect(local, backdrop)  # readable over the lines beneath
        painter.drawText(local, align, self.text)
        if self.change is ChangeMark.REMOVED:
            y = local.center().y()
            painter.drawLine(QPointF(local.left(), y), QPointF(local.right(), y))
        painter.restore()

    def _paint_hit(self, painter: QPainter) -> None:
        """Under a group in a highlight, a bar filled as far as its members are hit."""
        bar = QRectF(self.rect.left(), self.rect.bottom() + 3, self.rect.width(), 6)
        painter.setPen(QPen(QColor(FADED), 0.8))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(bar)
        share = self.hit / max(self.members, 1)
        painter.fillRect(
            QRectF(bar.left(), bar.top(), bar.width() * share, bar.height()), QColor(GAP_COLOUR)
        )

    def _paint_change(self, painter: QPainter) -> None:
        colour, badge = CHANGE_STYLES[self.change or ChangeMark.CHANGED]
        painter.setPen(QPen(QColor(colour), 3.0))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(self.rect.adjusted(-3, -3, 3, 3), 8, 8)
        corner = QRectF(self.rect.right() - 7, self.rect.top() - 9, 16, 16)
        painter.setBrush(QColor(colour))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.drawEllipse(corner)
        painter.setPen(QColor(BADGE_INK))
        bold = QFont(self.font)
        bold.setBold(True)
        painter.setFont(bold)
        painter.drawText(corner, Qt.AlignmentFlag.AlignCenter, badge)
