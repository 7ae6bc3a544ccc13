"""RDF snapshots: the graph plus its provenance, in a stable order."""

from __future__ import annotations

from rdflib import BNode, Dataset, Graph, URIRef
from rdflib.compare import to_canonical_graph
from rdflib.namespace import PROV

from explorer.provenance import Provenance, provenance_graph

__all__ = ["rdf_bytes"]


def _stable(graph: Graph) -> Graph:
    """Blank nodes get labels from their content, so the same graph writes the same bytes."""
    if any(isinstance(term, BNode) for triple in graph for term in triple):
        return to_canonical_graph(graph)
    return graph


def rdf_bytes(graph: Graph, fmt: str, provenance: Provenance | None) -> bytes:
    """``graph`` in rdflib format ``fmt``; TriG keeps the provenance in a graph of its own."""
    extra = provenance_graph(provenance) if provenance else Graph()
    if fmt == "trig":
        dataset = Dataset()
        default = dataset.default_graph
        default += _stable(graph)
        if provenance:
            snapshot = next(iter(extra.subjects(PROV.generatedAtTime, None)))
            assert isinstance(snapshot, URIRef)
            dataset.graph(snapshot).__iadd__(extra)
        _bind(dataset, graph)
        return dataset.serialize(format="trig", encoding="utf-8")
    data = Graph()
    data += _stable(graph)
    data += extra
    _bind(data, graph)
    if fmt == "nt":
        lines = data.serialize(format="nt", encoding="utf-8").splitlines(keepends=True)
        return b"".join(sorted(line for line in lines if line.strip()))
    return data.serialize(format=fmt, encoding="utf-8")


def _bind(target: Graph, source: Graph) -> None:
    for prefix, namespace in sorted(source.namespaces()):
        target.bind(prefix, namespace, override=True, replace=True)
    target.bind("prov", PROV)
