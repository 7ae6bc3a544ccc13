"""RDF snapshots: the graph plus its provenance, in a stable order, every literal as written.

Oxigraph's serialisers write a literal exactly as it is held (``"01"^^xsd:integer``,
``"1"^^xsd:boolean``, ``"<br></br>"^^rdf:XMLLiteral``), where rdflib's shorten some into
another value (``1`` for the boolean ``"1"``) or, in JSON-LD, into a JSON number.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import to_canonical_graph
from rdflib.namespace import PROV, XSD
from rdflib.term import Node

from explorer.domain.errors import InputError
from explorer.export.provenance import Provenance, provenance_graph
from explorer.graph.store import written_triples

__all__ = ["rdf_bytes"]


def _stable(graph: Graph) -> Graph:
    """Blank nodes get labels from their content, so the same graph writes the same bytes."""
    if any(isinstance(term, BNode) for triple in graph for term in triple):
        return to_canonical_graph(graph)
    return graph


def _term(node: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    if isinstance(node, URIRef):
        return ox.NamedNode(str(node))
    if isinstance(node, BNode):
        return ox.BlankNode(str(node))
    assert isinstance(node, Literal), node
    if node.language:
        return ox.Literal(str(node), language=node.language)
    if node.datatype is not None:
        return ox.Literal(str(node), datatype=ox.NamedNode(str(node.datatype)))
    return ox.Literal(str(node))


def _order(quad: ox.Quad) -> tuple[str, str, str, str]:
    return (str(quad.graph_name), str(quad.subject), str(quad.predicate), str(quad.object))


def _quads(graph: Graph, name: ox.NamedNode | None = None) -> list[ox.Quad]:
    """The graph's triples as quads, in graph ``name`` or the default one; straight from
    Oxigraph when the graph is ours and has no blank node to label."""
    triples = written_triples(graph)
    if triples is None or any(
        type(t.subject) is ox.BlankNode or type(t.object) is ox.BlankNode for t in triples
    ):
        triples = [ox.Triple(_term(s), _term(p), _term(o)) for s, p, o in _stable(graph)]  # type: ignore[arg-type]
    return [ox.Quad(t.subject, t.predicate, t.object, name) for t in triples]


def _iri(term: ox.NamedNode | ox.Literal | ox.DefaultGraph) -> str:
    """The IRI a term spells out: its own, or a literal's datatype."""
    if isinstance(term, ox.Literal):
        return term.datatype.value
    return term.value if isinstance(term, ox.NamedNode) else ""


def _prefixes(graph: Graph, quads: Iterable[ox.Quad]) -> dict[str, str]:
    """The graph's prefixes, ``prov`` and ``xsd``: those an IRI of the snapshot uses."""
    iris = {_iri(t) for q in quads for t in q if not isinstance(t, ox.BlankNode)}
    bound = {prefix: str(ns) for prefix, ns in graph.namespaces() if prefix}
    bound.update(prov=str(PROV), xsd=str(XSD))
    return {
        prefix: ns
        for prefix, ns in sorted(bound.items())
        if any(iri.startswith(ns) and iri != ns for iri in iris)
    }


def _refuse_directions(quads: list[ox.Quad], written: ox.RdfFormat) -> None:
    """A literal with a base direction (RDF 1.2's ``"..."@en--ltr``, JSON-LD's
    ``@direction``) has no spelling in Turtle, N-Triples or TriG 1.1: refused in words,
    never written in a form their parsers reject."""
    for quad in quads:
        value = quad.object
        if isinstance(value, ox.Literal) and value.direction:
            shown = f'"{value.value}"@{value.language}--{value.direction}'
            raise InputError(
                None,
                None,
                f"{written.name} cannot hold a literal's base direction ({shown}, of "
                f"{quad.subject}): write the snapshot as JSON-LD (.jsonld), which can",
            )


def rdf_bytes(graph: Graph, fmt: str, provenance: Provenance | None) -> bytes:
    """``graph`` in ``fmt`` (the name of a ``pyoxigraph.RdfFormat``, as the format
    registry gives it); TriG keeps the provenance in a graph of its own, the other formats
    beside the estate's triples."""
    extra = provenance_graph(provenance) if provenance else Graph()
    written: ox.RdfFormat = getattr(ox.RdfFormat, fmt)
    named = written is ox.RdfFormat.TRIG and provenance is not None
    snapshot = next(iter(extra.subjects(PROV.generatedAtTime, None)), None)
    quads = _quads(graph) + _quads(extra, ox.NamedNode(str(snapshot)) if named else None)
    quads.sort(key=_order)
    if written is not ox.RdfFormat.JSON_LD:
        _refuse_directions(quads, written)
    prefixes = _prefixes(graph, quads)
    if written.supports_datasets:
        out = ox.serialize(quads, format=written, prefixes=prefixes)
    else:
        out = ox.serialize([q.triple for q in quads], format=written, prefixes=prefixes)
    assert out is not None
    if written is ox.RdfFormat.JSON_LD:  # one line from Oxigraph; indented for people
        return (json.dumps(json.loads(out), indent=2, ensure_ascii=False) + "\n").encode()
    return out
