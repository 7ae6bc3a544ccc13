"""The brief's picture as SVG, drawn without Qt from the focus view's layered layout and the
looks the canvas uses (``explorer.domain.looks``): the scope and everything it reaches,
each node in its kind's shape, filled by how many steps it is from a change, marked when
it changed since the snapshot, and labelled with its name.

It is written into the page as text, so a printout and a PDF keep every label as text
(searchable, and read back by the tests). A focus view draws at most ``CENTRES`` nodes
(the nearest first) and one "+N more" for the rest; the caption says so.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Iterable, Mapping
from functools import partial
from html import escape

from explorer.analysis.changes import ChangeMark
from explorer.brief.gather import Brief
from explorer.domain.kinds import Kind
from explorer.domain.looks import (
    CHANGE_LOOKS,
    DISTANCE_COLOURS,
    FADED,
    INK,
    KIND_LOOKS,
    PAPER,
    Line,
    Shape,
    distance_colour,
    pale,
    relation_look,
)
from explorer.domain.model import Entity
from explorer.views.graph_view import MORE_IRI, Edge, GraphView

__all__ = ["caption", "picture_svg"]

COLUMN, ROW = 240.0, 80.0  # pixels per layer, per slot of the layout
WIDE, HIGH = 204.0, 62.0  # a node's box
MARGIN = 16.0
LEGEND_TYPE, SWATCH, ROW_GAP = 16, (40.0, 26.0), 10.0  # the legend's: px, a kind's shape
BADGE = 11  # a change badge's radius
LABEL_CHARS, LABEL_LINES = 24, 2  # a name wraps at this many characters, on this many lines
_DASHES = {Line.SOLID: "", Line.DASHED: "6 4", Line.DOTTED: "2 3"}
Box = tuple[float, float]  # a node's top left corner
Swatch = Callable[[float, float], str]  # a legend's swatch, drawn at its top left corner


def _shown(view: GraphView) -> list[str]:
    return [iri for iri in view.nodes if not iri.startswith(MORE_IRI)]


def caption(brief: Brief) -> str:
    """What the picture shows, and what it leaves to the tables."""
    answer, view = brief.answer, brief.picture
    total = len(answer.changes) + len(answer.impacted)
    shown = len(_shown(view))
    said = (
        f"The {len(answer.changes)} change(s) of the scope and the {len(answer.impacted)} "
        "node(s) they reach: colour says how many steps from a change, a line points from "
        "what depends to what it needs."
    )
    if shown < total:
        said += (
            f" It draws the nearest {shown:,} of these {total:,}; \u201c+N more\u201d stands for "
            "the rest, which Affected lists."
        )
    return said


def _corners(view: GraphView) -> dict[str, Box]:
    """Each node's box, the layout's units turned into pixels."""
    places = view.positions
    if not places:
        return {}
    left = min(x for x, _ in places.values())
    top = min(y for _, y in places.values())
    return {
        iri: (MARGIN + (x - left) * COLUMN, MARGIN + (y - top) * ROW)
        for iri, (x, y) in places.items()
    }


def _outline(shape: Shape, x: float, y: float, w: float = WIDE, h: float = HIGH) -> str:
    """The element that draws ``shape`` in the ``w`` by ``h`` box at ``x, y`` (fill and
    stroke added): a node, or its kind's swatch in the legend."""
    cut = min(12.0, h / 4)
    points: list[tuple[float, float]] = []
    if shape is Shape.HEXAGON:
        points = [(cut, 0), (w - cut, 0), (w, h / 2), (w - cut, h), (cut, h), (0, h / 2)]
    elif shape is Shape.OCTAGON:
        c = cut * 0.8
        points = [(c, 0), (w - c, 0), (w, c), (w, h - c), (w - c, h), (c, h), (0, h - c), (0, c)]
    elif shape is Shape.SLANT:
        points = [(cut, 0), (w, 0), (w - cut, h), (0, h)]
    if points:
        drawn = " ".join(f"{x + px:.1f},{y + py:.1f}" for px, py in points)
        return f'<polygon points="{drawn}"'
    radius = {Shape.PILL: h / 2, Shape.ROUNDRECT: min(10.0, h / 3)}.get(shape, 2.0)
    return f'<rect x="{x:.1f}" y="{y:.1f}" width="{w}" height="{h}" rx="{radius:.1f}"'


def _label(entity: Entity, distance: int | None) -> list[str]:
    """The name on at most ``LABEL_LINES`` lines, then what it is and how far."""
    lines = textwrap.wrap(entity.label, LABEL_CHARS) or [entity.id]
    if len(lines) > LABEL_LINES:
        lines = [*lines[: LABEL_LINES - 1], textwrap.shorten(" ".join(lines[1:]), LABEL_CHARS)]
    facts = [str(entity.kind)] + ([f"tier {entity.tier}"] if entity.tier else [])
    if distance is not None:
        facts.append("a change" if distance == 0 else f"{distance} step(s)")
    return [*lines, " \u00b7 ".join(facts)]


def _node(entity: Entity, at: Box, distance: int | None, mark: ChangeMark | None) -> str:
    x, y = at
    look = KIND_LOOKS.get(entity.kind, KIND_LOOKS[Kind.OTHER])
    colour = distance_colour(distance) if distance is not None else FADED
    fill = pale(colour, 0.62) if distance is not None else PAPER
    dash = ' stroke-dasharray="5 3"' if look.shape is Shape.DASHED else ""
    width = 3.2 if distance == 0 else 2.0
    paint = f'fill="{fill}" stroke="{colour}" stroke-width="{width}"{dash}'
    shape = f"{_outline(look.shape, x, y)} {paint}/>"
    lines = _label(entity, distance)
    first = y + HIGH / 2 - (len(lines) - 1) * 8 + 5
    texts = [
        f'<tspan x="{x + WIDE / 2:.1f}" y="{first + n * 16:.1f}"'
        + (' class="meta"' if n == len(lines) - 1 else "")
        + f">{escape(line)}</tspan>"
        for n, line in enumerate(lines)
    ]
    badge = _badge(mark, x + WIDE - 4, y + 4) if mark in CHANGE_LOOKS else ""
    title = f"<title>{escape(entity.name)}</title>"
    return f'<g class="node">{title}{shape}<text>{"".join(texts)}</text>{badge}</g>'


def _edge(edge: Edge, boxes: Mapping[str, Box], arrows: Mapping[str, str]) -> str:
    (sx, sy), (tx, ty) = boxes[edge.source], boxes[edge.target]
    look = relation_look(edge.relation)
    forward = tx > sx + WIDE / 2
    backward = tx + WIDE / 2 < sx
    if forward or backward:
        x1, x2 = (sx + WIDE, tx) if forward else (sx, tx + WIDE)
        y1, y2 = sy + HIGH / 2, ty + HIGH / 2
        bend = (x2 - x1) / 2
        path = (
            f"M{x1:.1f},{y1:.1f} C{x1 + bend:.1f},{y1:.1f} "
            f"{x2 - bend:.1f},{y2:.1f} {x2:.1f},{y2:.1f}"
        )
    else:  # the same column: around its right side
        x1, x2 = sx + WIDE, tx + WIDE
        y1, y2 = sy + HIGH / 2, ty + HIGH / 2
        path = (
            f"M{x1:.1f},{y1:.1f} C{x1 + 40:.1f},{y1:.1f} {x2 + 40:.1f},{y2:.1f} {x2:.1f},{y2:.1f}"
        )
    dash = _DASHES[look.line]
    dashed = f' stroke-dasharray="{dash}"' if dash else ""
    return (
        f'<path d="{path}" fill="none" stroke="{look.colour}" stroke-width="{look.width}"'
        f'{dashed} marker-end="url(#{arrows[look.colour]})">'
        f"<title>{escape(edge.relation)}</title></path>"
    )


def _arrows(colours: Iterable[str]) -> tuple[dict[str, str], str]:
    """One arrowhead per line colour, as markers the edges name."""
    ids = {colour: f"arrow{n}" for n, colour in enumerate(sorted(set(colours)))}
    markers = "".join(
        f'<marker id="{name}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
        f'markerHeight="7" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="{colour}"/></marker>'
        for colour, name in ids.items()
    )
    return ids, f"<defs>{markers}</defs>"


def _badge(mark: ChangeMark | None, cx: float, cy: float) -> str:
    """A change's badge: its sign on a disc of its colour (changed: a delta, which no one
    reads as the minus of removed)."""
    tint, sign = CHANGE_LOOKS[mark or ChangeMark.CHANGED]
    return (
        f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="{BADGE}" fill="{tint}"/>'
        f'<text class="badge" x="{cx:.1f}" y="{cy + 5:.1f}">{escape(sign)}</text>'
    )


def _steps(top: float) -> tuple[list[str], float]:
    """The legend's first row: the colour of each distance, with its number in it."""
    parts = [f'<text class="legend" x="{MARGIN}" y="{top + 17}">Steps from a change:</text>']
    x = MARGIN + _wide("Steps from a change:") + 10
    for n, colour in enumerate(DISTANCE_COLOURS):
        word = "change" if n == 0 else f"{n}+" if n == len(DISTANCE_COLOURS) - 1 else str(n)
        parts.append(
            f'<rect x="{x:.1f}" y="{top}" width="64" height="24" fill="{pale(colour, 0.62)}" '
            f'stroke="{colour}"/>'
        )
        parts.append(f'<text class="legend-in" x="{x + 32:.1f}" y="{top + 17}">{word}</text>')
        x += 68
    return parts, top + 24 + ROW_GAP


def _entries(kinds: Iterable[Kind], marks: bool) -> list[tuple[Swatch, str]]:
    """Each kind drawn (its shape, in plain words), then the change badges."""
    entries: list[tuple[Swatch, str]] = [
        (partial(_kind_swatch, kind), str(KIND_LOOKS[kind].title)) for kind in kinds
    ]
    for mark in (ChangeMark.ADDED, ChangeMark.CHANGED) if marks else ():
        entries.append((partial(_mark_swatch, mark), f"{mark} since the snapshot"))
    return entries


def _kind_swatch(kind: Kind, x: float, y: float) -> str:
    look = KIND_LOOKS[kind]
    dash = ' stroke-dasharray="4 2"' if look.shape is Shape.DASHED else ""
    paint = f'fill="{pale(look.colour, 0.8)}" stroke="{look.colour}" stroke-width="2"{dash}'
    return f"{_outline(look.shape, x, y, *SWATCH)} {paint}/>"


def _mark_swatch(mark: ChangeMark, x: float, y: float) -> str:
    return _badge(mark, x + SWATCH[0] / 2, y + SWATCH[1] / 2)


def _legend(top: float, width: float, kinds: Iterable[Kind], marks: bool) -> tuple[str, float]:
    """Distance colours, the kinds drawn, and the change badges when comparing, wrapped to
    ``width``, in type as large as the nodes' (the page scales the picture down); the
    legend and where it ends."""
    parts, y = _steps(top)
    x = MARGIN
    for swatch, words in _entries(kinds, marks):
        span = SWATCH[0] + 8 + _wide(words) + 24
        if x + span > width - MARGIN and x > MARGIN:
            x, y = MARGIN, y + SWATCH[1] + ROW_GAP
        text_y = y + SWATCH[1] / 2 + 6
        parts.append(swatch(x, y))
        parts.append(
            f'<text class="legend" x="{x + SWATCH[0] + 8:.1f}" y="{text_y:.1f}">'
            f"{escape(words)}</text>"
        )
        x += span
    return "".join(parts), y + SWATCH[1]


def _wide(words: str) -> float:
    """About how wide ``words`` are in the legend's type (no fonts are measured here)."""
    return len(words) * LEGEND_TYPE * 0.62


_STYLE = (
    f"<style>text{{font-family:'DejaVu Sans',Arial,sans-serif;font-size:14px;fill:{INK};"
    "text-anchor:middle}.meta{font-size:11px;fill:#374151}.badge{font-size:15px;"
    f"font-weight:bold;fill:{PAPER}}}.legend{{font-size:{LEGEND_TYPE}px;text-anchor:start}}"
    ".legend-in{font-size:14px}</style>"
)


def picture_svg(brief: Brief) -> str:
    """The picture as an inline ``<svg>`` element (no namespace URL: an HTML page gives it
    one), sized in pixels and scaled down by the page to fit."""
    view, distances = brief.picture, brief.answer.distances
    boxes = _corners(view)
    marks = brief.changes.marks() if brief.changes is not None else {}
    edges = [e for e in view.edges if e.source in boxes and e.target in boxes]
    arrows, defs = _arrows(relation_look(e.relation).colour for e in edges)
    drawn = [_edge(e, boxes, arrows) for e in edges]
    drawn += [
        _node(view.nodes[iri], at, distances.get(iri), marks.get(iri)) for iri, at in boxes.items()
    ]
    kinds = sorted({view.nodes[iri].kind for iri in boxes}, key=list(Kind).index)
    width = max([x + WIDE + 60 for x, _ in boxes.values()] or [MARGIN]) + MARGIN
    height = max([y + HIGH for _, y in boxes.values()] or [MARGIN]) + MARGIN
    width = max(width, 720.0)
    legend, height = _legend(height + 12, width, kinds, bool(marks))
    height += MARGIN
    title = escape(f"The picture: {len(boxes)} node(s)")
    return (
        f'<svg viewBox="0 0 {width:.0f} {height:.0f}" width="{width:.0f}" height="{height:.0f}" '
        f'role="img" aria-label="{title}">{_STYLE}{defs}{"".join(drawn)}{legend}</svg>'
    )
