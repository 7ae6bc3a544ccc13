"""How each thing looks, in one table: the colour and shape of every kind, the colour,
line and width of every relation, and the colours of gaps, distances, changes and what
only traffic shows.

Qt-free, so the canvas and its legend (``ui.canvas.theme`` turns these into Qt pens),
the DOT and GraphML writers and the brief all draw the same picture. Lines are the three
every medium draws (Qt, Graphviz, SVG, yEd): solid, dashed, dotted.

>>> KIND_LOOKS[Kind.SERVICE].shape, RELATION_LOOKS["owned by"].line
(<Shape.ROUNDRECT: 'roundrect'>, <Line.DASHED: 'dashed'>)
>>> pale("#2563eb")
'#d3e0fb'
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from explorer.domain.kinds import KIND_TABLE, Kind
from explorer.domain.relations import (
    ASSUMES,
    CALLS,
    CHANGES,
    CONNECTS_TO,
    DEPENDS_ON,
    MEMBER_OF,
    OWNED_BY,
    PART_OF,
    RELATIONS,
    SUB_TEAM_OF,
    USES_VENDOR,
)

__all__ = [
    "BADGE_INK",
    "CHANGE_LOOKS",
    "CONFIDENCE_BADGES",
    "DISTANCE_COLOURS",
    "FADED",
    "GAP_COLOUR",
    "INK",
    "KIND_LOOKS",
    "PAPER",
    "RELATION_LOOKS",
    "SELECTED_ON_DARK",
    "SELECTION_HALO",
    "TRAFFIC_COLOUR",
    "UNSURE_OPACITY",
    "KindLook",
    "Line",
    "RelationLook",
    "Shape",
    "distance_colour",
    "pale",
    "relation_look",
]


class Shape(StrEnum):
    """A node's outline."""

    ROUNDRECT = "roundrect"
    RECT = "rect"
    HEXAGON = "hexagon"
    PILL = "pill"
    OCTAGON = "octagon"
    SLANT = "slant"  # a parallelogram
    DASHED = "dashed"  # a dashed box: known only from a reference or from traffic


class Line(StrEnum):
    SOLID = "solid"
    DASHED = "dashed"
    DOTTED = "dotted"


@dataclass(frozen=True)
class KindLook:
    colour: str
    shape: Shape
    title: str  # the legend's words: the kind's title


@dataclass(frozen=True)
class RelationLook:
    colour: str
    line: Line
    width: float


TRAFFIC_COLOUR = "#db2777"  # what traffic shows and no source declares: calls, services
GAP_COLOUR = "#dc2626"  # an ownership gap's outline and impact bar
INK, PAPER = "#111827", "#ffffff"  # text and ground in a light theme
SELECTED_ON_DARK = "#facc15"  # the selection's outline in a dark theme
SELECTION_HALO = "#0ea5e9"  # a soft ring round each node selected (several stand out)
FADED = "#6b7280"  # what is not in the answer; what was removed
BADGE_INK = PAPER  # text on a coloured badge

_KINDS: dict[Kind, tuple[str, Shape]] = {
    Kind.SERVICE: ("#2563eb", Shape.ROUNDRECT),
    Kind.RESOURCE: ("#0d9488", Shape.RECT),
    Kind.SYSTEM: ("#7c3aed", Shape.HEXAGON),
    Kind.TEAM: ("#16a34a", Shape.PILL),
    Kind.PERSON: ("#4d7c0f", Shape.PILL),
    Kind.VENDOR: ("#ea580c", Shape.OCTAGON),
    Kind.ASSUMPTION: ("#a16207", Shape.SLANT),
    Kind.PROGRAM: ("#0891b2", Shape.RECT),
    Kind.OTHER: ("#64748b", Shape.RECT),
    Kind.OBSERVED: (TRAFFIC_COLOUR, Shape.DASHED),
    Kind.PLACEHOLDER: (FADED, Shape.DASHED),
    Kind.UNKNOWN: (FADED, Shape.DASHED),
}
KIND_LOOKS: dict[Kind, KindLook] = {
    info.kind: KindLook(*_KINDS[info.kind], info.title) for info in KIND_TABLE
}

_RELATIONS = {
    DEPENDS_ON: RelationLook("#475569", Line.SOLID, 1.6),
    USES_VENDOR: RelationLook("#ea580c", Line.DASHED, 1.4),
    ASSUMES: RelationLook("#a16207", Line.DOTTED, 1.6),
    PART_OF: RelationLook("#7c3aed", Line.SOLID, 0.8),
    OWNED_BY: RelationLook("#16a34a", Line.DASHED, 0.8),
    MEMBER_OF: RelationLook("#4d7c0f", Line.DOTTED, 0.8),
    SUB_TEAM_OF: RelationLook("#16a34a", Line.SOLID, 0.8),
    CHANGES: RelationLook("#0891b2", Line.DASHED, 1.2),
    CONNECTS_TO: RelationLook("#475569", Line.DOTTED, 1.6),  # a dependency only deployed
    CALLS: RelationLook(TRAFFIC_COLOUR, Line.DASHED, 2.0),
}
# relation name -> look, in the order of the relation table (the legend's order)
RELATION_LOOKS: dict[str, RelationLook] = {r.name: _RELATIONS[r] for r in RELATIONS}

# a relation someone is not sure of (by confidence level): a badge at its middle, paler
CONFIDENCE_BADGES: dict[str, str] = {"likely": "~", "suspected": "?"}
UNSURE_OPACITY = 0.6
# the node itself, then 1, 2, 3, 4 and more steps away
DISTANCE_COLOURS = ("#7f1d1d", "#dc2626", "#f97316", "#f59e0b", "#facc15")
# comparing with an earlier snapshot, by change mark: colour and badge
CHANGE_LOOKS: dict[str, tuple[str, str]] = {
    "added": ("#16a34a", "+"),
    "removed": (FADED, "\u2212"),  # a minus sign
    "changed": ("#d97706", "\u0394"),  # a delta: a tilde drawn small reads as removed's minus
}


def relation_look(name: str) -> RelationLook:
    """The look of the relation named ``name`` (an edge's ``relation``)."""
    return RELATION_LOOKS.get(name, RELATION_LOOKS[DEPENDS_ON.name])


def distance_colour(distance: int) -> str:
    """The colour of a node ``distance`` steps from the answer's node."""
    return DISTANCE_COLOURS[min(distance, len(DISTANCE_COLOURS) - 1)]


def pale(colour: str, amount: float = 0.8) -> str:
    """``colour`` mixed with white: a fill under dark text (DOT, the brief)."""
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    mixed = (round(c + (255 - c) * amount) for c in (red, green, blue))
    return "#" + "".join(f"{c:02x}" for c in mixed)
