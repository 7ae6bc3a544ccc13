"""DOT for Graphviz: shapes by kind, gaps outlined in red, relations as edge labels."""

from __future__ import annotations

from typing import Any

import pydot
from rdflib import Graph

from explorer.export.graphml import estate_networkx

__all__ = ["dot_bytes"]

_SHAPES = {
    "service": ("box", "rounded,filled", "#dbeafe"),
    "resource": ("box", "filled", "#ccfbf1"),
    "system": ("hexagon", "filled", "#ede9fe"),
    "team": ("ellipse", "filled", "#dcfce7"),
    "person": ("ellipse", "filled", "#ecfccb"),
    "vendor": ("octagon", "filled", "#ffedd5"),
    "assumption": ("parallelogram", "filled", "#fef9c3"),
}
_EDGES = {"uses vendor": "dashed", "assumes": "dotted", "owned by": "dashed", "member of": "dotted"}


def _quoted(iri: str) -> str:
    """A DOT node id for an IRI: quoted, or pydot would read ``https:`` as a port."""
    return '"' + iri.replace("\\", "\\\\").replace('"', '\\"') + '"'


def dot_bytes(graph: Graph) -> bytes:
    """A directed DOT graph laid out left to right, as dependencies flow."""
    estate = estate_networkx(graph)
    drawn = pydot.Dot(graph_type="digraph", rankdir="LR")
    for iri, data in estate.nodes(data=True):
        shape, style, fill = _SHAPES.get(data["kind"], ("box", "dashed", "#f3f4f6"))
        attributes: dict[str, Any] = {
            "label": _quoted(data["label"]),
            "shape": shape,
            "style": _quoted(style),
            "fillcolor": _quoted(fill),
            "tooltip": _quoted(f"{data['kind']} {data['id']}"),
        }
        if data["gap"]:
            attributes.update(
                color=_quoted("#dc2626"), penwidth="2", style=_quoted(f"{style},dashed")
            )
        drawn.add_node(pydot.Node(_quoted(iri), **attributes))
    for source, target, data in estate.edges(data=True):
        style = _EDGES.get(data["relation"], "solid")
        drawn.add_edge(
            pydot.Edge(
                _quoted(source), _quoted(target), label=_quoted(data["relation"]), style=style
            )
        )
    return drawn.to_string().encode("utf-8")
