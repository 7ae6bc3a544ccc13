"""What is drawn under an exported picture of a highlight: the teams to tell and what
nobody answers for, in the words of ``explorer.report.caption``, wrapped to its width."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter

from explorer.report.caption import Section

__all__ = ["Caption"]

MARGIN, INDENT, GAP = 10.0, 18.0, 8.0  # around it, of a line under its heading, between
_WRAP = int(Qt.TextFlag.TextWordWrap) | int(Qt.AlignmentFlag.AlignLeft)


def _font(pixels: int, bold: bool) -> QFont:
    """Sized in pixels, so a PNG and an SVG (whose devices differ in dots per inch) and
    the measuring agree."""
    font = QFont()
    font.setPixelSize(pixels)
    font.setBold(bold)
    return font


class Caption:
    """Sections of lines under the picture; nothing (no height) without sections."""

    def __init__(self, sections: Sequence[Section] = ()) -> None:
        self.sections = tuple(sections)
        self.heading_font, self.line_font = _font(15, True), _font(13, False)

    def _blocks(self, width: float) -> Iterator[tuple[QFont, str, QRectF]]:
        """Each heading and line with the box it wraps into, from the caption's top."""
        y = MARGIN
        for section in self.sections:
            y += GAP
            texts = [(self.heading_font, section.heading, MARGIN)]
            texts += [(self.line_font, line, MARGIN + INDENT) for line in section.lines]
            for font, text, left in texts:
                room = QRectF(left, y, max(width - left - MARGIN, 50.0), 1e6)
                box = QFontMetricsF(font).boundingRect(room, _WRAP, text)
                yield font, text, QRectF(left, y, room.width(), box.height())
                y += box.height() + 2

    def height(self, width: float) -> float:
        if not self.sections:
            return 0.0
        return max((box.bottom() for _, _, box in self._blocks(width)), default=0.0) + MARGIN

    def draw(self, painter: QPainter, top: float, width: float, ink: QColor) -> None:
        """Draw the sections from ``top`` down, ``width`` wide."""
        painter.save()
        painter.translate(0, top)
        painter.setPen(ink)
        for font, text, box in self._blocks(width):
            painter.setFont(font)
            painter.drawText(box, _WRAP, text)
        painter.restore()
