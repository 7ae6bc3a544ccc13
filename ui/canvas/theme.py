"""How kinds, distances and relations look: one place, so canvas and legend agree."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette

from explorer.analysis.changes import ChangeMark
from explorer.domain.kinds import KIND_TABLE, Kind
from explorer.domain.relations import (
    ASSUMES,
    CALLS,
    DEPENDS_ON,
    MEMBER_OF,
    OWNED_BY,
    PART_OF,
    RELATIONS,
    SUB_TEAM_OF,
    USES_VENDOR,
)
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


@dataclass(frozen=True)
class KindStyle:
    colour: str
    shape: str  # roundrect, rect, hexagon, pill, octagon, slant, dashed
    label: str


TRAFFIC_COLOUR = "#db2777"  # what traffic shows and no source declares: calls, services

# kind -> (colour, shape); the legend's words are the kinds' titles (``explorer.domain.kinds``)
_KIND_LOOKS: dict[Kind, tuple[str, str]] = {
    Kind.SERVICE: ("#2563eb", "roundrect"),
    Kind.RESOURCE: ("#0d9488", "rect"),
    Kind.SYSTEM: ("#7c3aed", "hexagon"),
    Kind.TEAM: ("#16a34a", "pill"),
    Kind.PERSON: ("#4d7c0f", "pill"),
    Kind.VENDOR: ("#ea580c", "octagon"),
    Kind.ASSUMPTION: ("#a16207", "slant"),
    Kind.OTHER: ("#64748b", "rect"),
    Kind.OBSERVED: (TRAFFIC_COLOUR, "dashed"),
    Kind.PLACEHOLDER: ("#6b7280", "dashed"),
    Kind.UNKNOWN: ("#6b7280", "dashed"),
}
KIND_STYLES: dict[Kind, KindStyle] = {
    info.kind: KindStyle(*_KIND_LOOKS[info.kind], info.title) for info in KIND_TABLE
}


@dataclass(frozen=True)
class RelationStyle:
    colour: str
    style: Qt.PenStyle
    width: float


_RELATION_LOOKS = {
    DEPENDS_ON: RelationStyle("#475569", Qt.PenStyle.SolidLine, 1.6),
    USES_VENDOR: RelationStyle("#ea580c", Qt.PenStyle.DashLine, 1.4),
    ASSUMES: RelationStyle("#a16207", Qt.PenStyle.DotLine, 1.6),
    PART_OF: RelationStyle("#7c3aed", Qt.PenStyle.SolidLine, 0.8),
    OWNED_BY: RelationStyle("#16a34a", Qt.PenStyle.DashDotLine, 0.8),
    MEMBER_OF: RelationStyle("#4d7c0f", Qt.PenStyle.DotLine, 0.8),
    SUB_TEAM_OF: RelationStyle("#16a34a", Qt.PenStyle.SolidLine, 0.8),
    CALLS: RelationStyle(TRAFFIC_COLOUR, Qt.PenStyle.DashLine, 2.0),
}
# a relation someone is not sure of: a badge at its middle, and the line drawn paler
CONFIDENCE_BADGES: dict[Confidence, str] = {Confidence.LIKELY: "~", Confidence.SUSPECTED: "?"}
UNSURE_OPACITY = 0.6
# relation name -> style, in the order of the relation table (the legend's order)
RELATION_STYLES: dict[str, RelationStyle] = {r.name: _RELATION_LOOKS[r] for r in RELATIONS}


def relation_style(name: str) -> RelationStyle:
    """The style of the relation named ``name`` (an edge's ``relation``)."""
    return RELATION_STYLES.get(name, RELATION_STYLES[DEPENDS_ON.name])


# the node itself, then 1, 2, 3, 4 and more steps away
DISTANCE_COLOURS = ("#7f1d1d", "#dc2626", "#f97316", "#f59e0b", "#facc15")
GAP_COLOUR = "#dc2626"
# comparing with an earlier snapshot: colour and badge per change
CHANGE_STYLES: dict[ChangeMark, tuple[str, str]] = {
    ChangeMark.ADDED: ("#16a34a", "+"),
    ChangeMark.REMOVED: ("#6b7280", "\u2212"),  # a minus sign
    ChangeMark.CHANGED: ("#d97706", "~"),
}


def distance_colour(distance: int) -> QColor:
    return QColor(DISTANCE_COLOURS[min(distance, len(DISTANCE_COLOURS) - 1)])


def is_dark(palette: QPalette) -> bool:
    """True when the system palette is dark: the canvas then uses dark fills."""
    return palette.color(QPalette.ColorRole.Window).lightness() < 128
