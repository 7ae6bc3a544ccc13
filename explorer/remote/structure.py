"""What the structure analyses need of an endpoint: the relations they walk, whole.

Dependency cycles and choke points are properties of the whole dependency graph, so the
edges of the relations they walk are copied (one relation at a time, in pages), with the
kind and tier of every node those edges join. The local functions then answer from the
copy, and the nodes of the answer are described, as for every other endpoint answer.
"""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import RDF, Graph, URIRef

from explorer.domain.kinds import CLASS_KINDS
from explorer.domain.progress import Step, StepProgress, quiet
from explorer.domain.relations import Relation
from explorer.domain.vocab import IC
from explorer.remote.client import SparqlClient
from explorer.remote.mirror import Mirror
from explorer.remote.queries import iri

__all__ = ["structure_mirror"]

_CLASSES = " ".join(iri(c) for c in CLASS_KINDS)


def structure_mirror(
    client: SparqlClient, relations: Iterable[Relation], tick: StepProgress = quiet
) -> Mirror:
    """A mirror with every edge of ``relations`` and every node's types and tier."""
    mirror = Mirror(client, tick)
    for relation in relations:
        _copy(mirror, relation.predicate, "FILTER(isIRI(?o))", tick)
    _copy(mirror, RDF.type, f"VALUES ?o {{ {_CLASSES} }}", tick)
    _copy(mirror, IC.tier, "", tick)
    return mirror


def _copy(mirror: Mirror, predicate: URIRef, where: str, tick: StepProgress) -> None:
    query = (
        f"SELECT ?s ?o WHERE {{ ?s {iri(predicate)} ?o FILTER(isIRI(?s)) {where} }} ORDER BY ?s ?o"
    )
    graph: Graph = mirror.graph
    for rows in mirror.client.pages(query, progress=lambda n: tick(Step.COPYING, n, 0)):
        graph.addN((row["s"], predicate, row["o"], graph) for row in rows)
