"""GraphML for Gephi, yEd and Cytoscape: nodes with kind, label, owner, tier and gap flags,
and the canvas's looks (``explorer.domain.looks``): each node's colour and shape, each
edge's colour and line, for a tool's style mapping to pick up.

The GraphML schema makes node and edge ids XML name tokens, which an IRI is not (``/``), so
the file uses canonical ids (``n0``, ``e0``, as GraphML's parse info names them) and keeps
each node's IRI as data. XML 1.0 cannot hold most control characters, even escaped: in this
view they become U+FFFD; the RDF, CSV and workbook snapshots keep them.
"""

from __future__ import annotations

import io
import re
from typing import TYPE_CHECKING

from rdflib import Graph

from explorer.analysis import ownership_gaps
from explorer.domain.kinds import Kind
from explorer.domain.looks import KIND_LOOKS, relation_look
from explorer.formats.xmlchars import NOT_XML_CHAR
from explorer.views.graph_view import estate_parts

if TYPE_CHECKING:  # networkx is imported when a GraphML file is written, not before
    import networkx as nx

__all__ = ["estate_networkx", "graphml_bytes"]

_NOT_XML = re.compile(NOT_XML_CHAR)


def estate_networkx(graph: Graph) -> nx.MultiDiGraph:
    """The estate as a networkx graph: node keys are IRIs, attributes are plain values."""
    import networkx as nx

    nodes, edges = estate_parts(graph)
    rules: dict[str, list[str]] = {}
    for gap in ownership_gaps(graph):
        rules.setdefault(gap.entity.iri, []).append(gap.rule)
    out = nx.MultiDiGraph()
    for iri, e in nodes.items():
        look = KIND_LOOKS.get(e.kind, KIND_LOOKS[Kind.UNKNOWN])
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
            colour=look.colour,
            shape=str(look.shape),
        )
    for edge in edges:
        line = relation_look(edge.relation)
        out.add_edge(
            edge.source,
            edge.target,
            relation=edge.relation,
            colour=line.colour,
            line=str(line.line),
        )
    return out


def _xml_safe(value: object) -> object:
    return _NOT_XML.sub("\ufffd", value) if isinstance(value, str) else value


def canonical(estate: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """``estate`` with nodes ``n0``... (in the estate's order, the IRI kept as ``iri``),
    edges ``e0``..., and text XML can hold."""
    import networkx as nx

    out = nx.MultiDiGraph()
    ids = {iri: f"n{number}" for number, iri in enumerate(estate.nodes)}
    for iri, data in estate.nodes(data=True):
        out.add_node(ids[iri], iri=_xml_safe(iri), **{k: _xml_safe(v) for k, v in data.items()})
    for number, (source, target, data) in enumerate(estate.edges(data=True)):
        attributes = {k: _xml_safe(v) for k, v in data.items()}
        out.add_edge(ids[source], ids[target], key=f"e{number}", **attributes)
    return out


def graphml_bytes(graph: Graph) -> bytes:
    """GraphML of the estate (tier 0 means "not set"). Node, edge and key order are stable."""
    import networkx as nx

    buffer = io.BytesIO()
    nx.write_graphml(canonical(estate_networkx(graph)), buffer, encoding="utf-8", prettyprint=True)
    return buffer.getvalue()
