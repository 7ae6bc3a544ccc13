"""GraphML for Gephi, yEd and Cytoscape: nodes with kind, label, owner, tier and gap flags."""

from __future__ import annotations

import io

import networkx as nx
from rdflib import Graph

from explorer.analysis import ownership_gaps
from explorer.view import estate_parts

__all__ = ["estate_networkx", "graphml_bytes"]


def estate_networkx(graph: Graph) -> nx.MultiDiGraph:
    """The estate as a networkx graph: node keys are IRIs, attributes are plain values."""
    nodes, edges = estate_parts(graph)
    rules: dict[str, list[str]] = {}
    for gap in ownership_gaps(graph):
        rules.setdefault(gap.entity.iri, []).append(gap.rule)
    out = nx.MultiDiGraph()
    for iri, e in nodes.items():
        out.add_node(
            iri,
            id=e.id,
            label=e.label,
            kind=str(e.kind),
            owner=", ".join(e.owners),
            tier=e.tier if e.tier is not None else 0,
            status=e.status,
            description=e.description,
            gap=bool(rules.get(iri)),
            gap_rules=" ".join(sorted(rules.get(iri, []))),
        )
    for edge in edges:
        out.add_edge(edge.source, edge.target, relation=edge.relation)
    return out


def graphml_bytes(graph: Graph) -> bytes:
    """GraphML of the estate (tier 0 means "not set"). Node and key order are stable."""
    buffer = io.BytesIO()
    nx.write_graphml(estate_networkx(graph), buffer, encoding="utf-8", prettyprint=True)
    return buffer.getvalue()
