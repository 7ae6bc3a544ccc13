"""The legend above the canvas: kinds, relations, the gap mark, distances and changes."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPalette, QPen, QResizeEvent
from PySide6.QtWidgets import QWidget

from explorer.domain.kinds import Kind
from explorer.domain.looks import BADGE_INK
from explorer.domain.relations import BY_NAME, DEPENDS_ON, Evidence
from ui.canvas.shapes import outline
from ui.canvas.theme import (
    CHANGE_STYLES,
    CONFIDENCE_BADGES,
    GAP_COLOUR,
    KIND_STYLES,
    RELATION_STYLES,
    UNSURE_OPACITY,
    distance_colour,
    relation_style,
)

__all__ = ["Legend"]

Swatch = Callable[[QPainter, QRectF], None]


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
        self.entries: list[tuple[Swatch, str]] = _legend_entries()
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

    def height_for(self, width: float) -> int:
        """How tall the legend is when it wraps to ``width``."""
        return self._rows(width) * int(self.ROW) + 8

    def resizeEvent(self, event: QResizeEvent) -> None:
        self.setFixedHeight(self.height_for(event.size().width()))
        super().resizeEvent(event)

    def paintEvent(self, event: object) -> None:
        painter = QPainter(self)
        self.draw(
            painter,
            QPointF(0, 0),
            self.width(),
            self.palette().color(QPalette.ColorRole.WindowText),
        )
        painter.end()

    def draw(self, painter: QPainter, origin: QPointF, width: float, text: QColor) -> None:
        """Paint the legend wrapped to ``width`` at ``origin`` (the window, or a picture)."""
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setFont(self.font())
        painter.translate(origin)
        for (draw, label), (x, y) in zip(self.entries, self._layout(width), strict=True):
            draw(painter, QRectF(x, y + 3, self.SWATCH, self.ROW - 6))
            painter.setPen(text)
            painter.drawText(
                QRectF(x + self.SWATCH + 4, y, 400, self.ROW), Qt.AlignmentFlag.AlignVCenter, label
            )
        painter.restore()


def _kind_swatch(colour: str, shape: str) -> Swatch:
    def draw(painter: QPainter, box: QRectF) -> None:
        painter.setPen(QPen(QColor(colour), 1.3))
        painter.setBrush(QColor(colour).lighter(170))
        painter.drawPath(outline(shape, box))

    return draw


def _line_swatch(colour: str, width: float, style: Qt.PenStyle) -> Swatch:
    def draw(painter: QPainter, box: QRectF) -> None:
        painter.setPen(QPen(QColor(colour), max(width, 1.3), style))
        y = box.center().y()
        painter.drawLine(QPointF(box.left(), y), QPointF(box.right(), y))

    return draw


def _gap_swatch(painter: QPainter, box: QRectF) -> None:
    painter.setPen(QPen(QColor(GAP_COLOUR), 1.6, Qt.PenStyle.DashLine))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRoundedRect(box, 4, 4)


def _distance_swatch(painter: QPainter, box: QRectF) -> None:
    painter.setPen(Qt.PenStyle.NoPen)
    step = box.width() / 5
    for n in range(5):
        painter.setBrush(distance_colour(n))
        painter.drawRect(QRectF(box.left() + n * step, box.top(), step, box.height()))


def _change_swatch(colour: str, badge: str) -> Swatch:
    def draw(painter: QPainter, box: QRectF) -> None:
        circle = QRectF(box.center().x() - 7, box.center().y() - 7, 14, 14)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(colour))
        painter.drawEllipse(circle)
        painter.setPen(QColor(BADGE_INK))
        painter.drawText(circle, Qt.AlignmentFlag.AlignCenter, badge)

    return draw


def _badge_swatch(badge: str) -> Swatch:
    def draw(painter: QPainter, box: QRectF) -> None:
        colour = QColor(relation_style(DEPENDS_ON.name).colour)
        colour.setAlphaF(UNSURE_OPACITY)
        painter.setPen(QPen(colour, 1.6))
        painter.drawLine(
            QPointF(box.left(), box.center().y()), QPointF(box.right(), box.center().y())
        )
        font = painter.font()
        font.setBold(True)
        painter.setFont(font)
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, badge)

    return draw


def _relation_words(name: str) -> str:
    """A relation as the legend names it: one seen in traffic, or only wired by deploy
    files, says so."""
    return (
        f"{name} ({_NOT_DECLARED[kind]})"
        if (kind := BY_NAME[name].evidence) in _NOT_DECLARED
        else name
    )


_NOT_DECLARED = {
    Evidence.DEPLOYED: "deployed, not declared",
    Evidence.OBSERVED: "seen in traffic, not declared",
}


def _legend_entries() -> list[tuple[Swatch, str]]:
    """One (swatch painter, label) per thing the canvas can show."""
    entries = [
        (_kind_swatch(k.colour, k.shape), k.title)
        for kind, k in KIND_STYLES.items()
        if kind is not Kind.UNKNOWN
    ]
    entries += [
        (_line_swatch(r.colour, r.width, r.style), _relation_words(n))
        for n, r in RELATION_STYLES.items()
    ]
    entries += [
        (_badge_swatch(badge), f"{level} relation") for level, badge in CONFIDENCE_BADGES.items()
    ]
    entries += [(_gap_swatch, "ownership gap"), (_distance_swatch, "affected: near to far")]
    entries += [(_change_swatch(c, badge), str(m)) for m, (c, badge) in CHANGE_STYLES.items()]
    return entries
