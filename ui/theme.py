"""How kinds, distances and relations look: one place, so canvas and legend agree."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette

__all__ = [
    "CHANGE_STYLES",
    "DISTANCE_COLOURS",
    "GAP_COLOUR",
    "KIND_STYLES",
    "RELATION_STYLES",
    "KindStyle",
    "RelationStyle",
    "distance_colour",
    "is_dark",
]


@dataclass(frozen=True)
class KindStyle:
    colour: str
    shape: str  # roundrect, rect, hexagon, pill, octagon, slant, dashed
    label: str


KIND_STYLES: dict[str, KindStyle] = {
    "service": KindStyle("#2563eb", "roundrect", "Service"),
    "resource": KindStyle("#0d9488", "rect", "Resource"),
    "system": KindStyle("#7c3aed", "hexagon", "System"),
    "team": KindStyle("#16a34a", "pill", "Team"),
    "person": KindStyle("#4d7c0f", "pill", "Person"),
    "vendor": KindStyle("#ea580c", "octagon", "Vendor"),
    "assumption": KindStyle("#a16207", "slant", "Assumption"),
    "other": KindStyle("#64748b", "rect", "Other"),
    "placeholder": KindStyle("#6b7280", "dashed", "Undefined"),
    "unknown": KindStyle("#6b7280", "dashed", "Unknown"),
}


@dataclass(frozen=True)
class RelationStyle:
    colour: str
    style: Qt.PenStyle
    width: float


RELATION_STYLES: dict[str, RelationStyle] = {
    "depends on": RelationStyle("#475569", Qt.PenStyle.SolidLine, 1.6),
    "uses vendor": RelationStyle("#ea580c", Qt.PenStyle.DashLine, 1.4),
    "assumes": RelationStyle("#a16207", Qt.PenStyle.DotLine, 1.6),
    "part of": RelationStyle("#7c3aed", Qt.PenStyle.SolidLine, 0.8),
    "owned by": RelationStyle("#16a34a", Qt.PenStyle.DashDotLine, 0.8),
    "member of": RelationStyle("#4d7c0f", Qt.PenStyle.DotLine, 0.8),
    "sub-team of": RelationStyle("#16a34a", Qt.PenStyle.SolidLine, 0.8),
}

# the node itself, then 1, 2, 3, 4 and more steps away
DISTANCE_COLOURS = ("#7f1d1d", "#dc2626", "#f97316", "#f59e0b", "#facc15")
GAP_COLOUR = "#dc2626"
# comparing with an earlier snapshot: colour and badge per change
CHANGE_STYLES = {
    "added": ("#16a34a", "+"),
    "removed": ("#6b7280", "\u2212"),  # a minus sign
    "changed": ("#d97706", "~"),
}


def distance_colour(distance: int) -> QColor:
    return QColor(DISTANCE_COLOURS[min(distance, len(DISTANCE_COLOURS) - 1)])


def is_dark(palette: QPalette) -> bool:
    """True when the system palette is dark: the canvas then uses dark fills."""
    return palette.color(QPalette.ColorRole.Window).lightness() < 128
