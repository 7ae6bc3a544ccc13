"""The looks table (``explorer.domain.looks``) in Qt's terms: pens, colours, the theme."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette

from explorer.analysis.changes import ChangeMark
from explorer.domain import looks
from explorer.domain.kinds import Kind
from explorer.domain.looks import (
    CHANGE_LOOKS,
    DISTANCE_COLOURS,
    GAP_COLOUR,
    KIND_LOOKS,
    RELATION_LOOKS,
    UNSURE_OPACITY,
    KindLook,
    Line,
)
from explorer.domain.looks import CONFIDENCE_BADGES as _BADGES
from explorer.domain.relations import DEPENDS_ON
from explorer.statements import Confidence

__all__ = [
    "CHANGE_STYLES",
    "CONFIDENCE_BADGES",
    "DISTANCE_COLOURS",
    "GAP_COLOUR",
    "KIND_STYLES",
    "RELATION_STYLES",
    "UNSURE_OPACITY",
    "KindStyle",
    "RelationStyle",
    "distance_colour",
    "is_dark",
    "relation_style",
]


KindStyle = KindLook  # what a node's item reads: colour, shape, the legend's words


@dataclass(frozen=True)
class RelationStyle:
    colour: str
    style: Qt.PenStyle
    width: float


PEN_STYLES = {
    Line.SOLID: Qt.PenStyle.SolidLine,
    Line.DASHED: Qt.PenStyle.DashLine,
    Line.DOTTED: Qt.PenStyle.DotLine,
}
KIND_STYLES: dict[Kind, KindLook] = KIND_LOOKS
# relation name -> style, in the order of the relation table (the legend's order)
RELATION_STYLES: dict[str, RelationStyle] = {
    name: RelationStyle(look.colour, PEN_STYLES[look.line], look.width)
    for name, look in RELATION_LOOKS.items()
}
CONFIDENCE_BADGES: dict[Confidence, str] = {Confidence(k): b for k, b in _BADGES.items()}
CHANGE_STYLES: dict[ChangeMark, tuple[str, str]] = {
    ChangeMark(k): look for k, look in CHANGE_LOOKS.items()
}


def relation_style(name: str) -> RelationStyle:
    """The style of the relation named ``name`` (an edge's ``relation``)."""
    return RELATION_STYLES.get(name, RELATION_STYLES[DEPENDS_ON.name])


def distance_colour(distance: int) -> QColor:
    return QColor(looks.distance_colour(distance))


def is_dark(palette: QPalette) -> bool:
    """True when the system palette is dark: the canvas then uses dark fills."""
    return palette.color(QPalette.ColorRole.Window).lightness() < 128
