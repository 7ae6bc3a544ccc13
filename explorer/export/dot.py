"""DOT for Graphviz: each kind's shape and colour and each relation's line, from the one
looks table (``explorer.domain.looks``), as the canvas draws them; gaps outlined in red."""

from __future__ import annotations

from typing import Any

import pydot
from rdflib import Graph

from explorer.domain.kinds import Kind
from explorer.domain.looks import GAP_COLOUR, KIND_LOOKS, Shape, pale, relation_look
from explorer.export.graphml import estate_networkx

__all__ = ["dot_bytes"]

# our outline -> Graphviz's shape and style
_DOT_SHAPES = {
    Shape.ROUNDRECT: ("box", "rounded,filled"),
    Shape.RECT: ("box", "filled"),
    Shape.HEXAGON: ("hexagon", "filled"),
    Shape.PILL: ("ellipse", "filled"),
    Shape.OCTAGON: ("octagon", "filled"),
    Shape.SLANT: ("parallelogram", "filled"),
    Shape.DASHED: ("box", "dashed,filled"),
}


def _quoted(iri: str) -> str:
    """A DOT node id for an IRI: quoted, or pydot would read ``https:`` as a port."""
    return '"' + iri.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _node(data: dict[str, Any]) -> dict[str, Any]:
    look = KIND_LOOKS.get(Kind(data["kind"]), KIND_LOOKS[Kind.UNKNOWN])
    shape, style = _DOT_SHAPES[look.shape]
    attributes: dict[str, Any] = {
        "label": _quoted(data["label"]),
        "shape": shape,
        "style": _quoted(style),
        "color": _quoted(look.colour),
        "fillcolor": _quoted(pale(look.colour)),
        "tooltip": _quoted(f"{data['kind']} {data['id']}"),
    }
    if data["gap"]:
        attributes.update(color=_quoted(GAP_COLOUR), penwidth="2", style=_quoted(f"{style},dashed"))
    return attributes


def dot_bytes(graph: Graph) -> bytes:
    """A directed DOT graph laid out left to right, as dependencies flow."""
    estate = estate_networkx(graph)
    drawn = pydot.Dot(graph_type="digraph", rankdir="LR")
    for iri, data in estate.nodes(data=True):
        drawn.add_node(pydot.Node(_quoted(iri), **_node(data)))
    for source, target, data in estate.edges(data=True):
        look = relation_look(data["relation"])
        drawn.add_edge(
            pydot.Edge(
                _quoted(source),
                _quoted(target),
                label=_quoted(data["relation"]),
                style=str(look.line),
                color=_quoted(look.colour),
            )
        )
    return drawn.to_string().encode("utf-8")
