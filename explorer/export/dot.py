"""DOT for Graphviz: shapes by kind, gaps outlined in red, relations as edge labels."""

from __future__ import annotations

from typing import Any

import pydot
from rdflib import Graph

from explorer.domain.kinds import Kind
from explorer.domain.relations import ASSUMES, MEMBER_OF, OWNED_BY, USES_VENDOR
from explorer.export.graphml import estate_networkx

__all__ = ["dot_bytes"]

_SHAPES = {
    Kind.SERVICE: ("box", "rounded,filled", "#dbeafe"),
    Kind.RESOURCE: ("box", "filled", "#ccfbf1"),
    Kind.SYSTEM: ("hexagon", "filled", "#ede9fe"),
    Kind.TEAM: ("ellipse", "filled", "#dcfce7"),
    Kind.PERSON: ("ellipse", "filled", "#ecfccb"),
    Kind.VENDOR: ("octagon", "filled", "#ffedd5"),
    Kind.ASSUMPTION: ("parallelogram", "filled", "#fef9c3"),
}
_EDGES = {
    USES_VENDOR.name: "dashed",
    ASSUMES.name: "dotted",
    OWNED_BY.name: "dashed",
    MEMBER_OF.name: "dotted",
}


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
