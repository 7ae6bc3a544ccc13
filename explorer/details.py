"""Everything about one node: what the details panel and ``infra-explorer show`` say.

Read from a graph that describes the node and its neighbours: a loaded estate, or the
small copy an endpoint answers from, so the two give the same record.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rdflib import RDFS, Graph, Literal, URIRef

from explorer.analysis import Gap
from explorer.index import index_of
from explorer.model import Entity
from explorer.relations import RELATIONS
from explorer.vocab import IC

__all__ = ["NodeDetails", "Related", "node_details"]


@dataclass(frozen=True)
class Related:
    """One relation of a node, said from the node's side: "depends on", "needed by"."""

    name: str
    other: Entity
    outgoing: bool  # the node is the relation's source


@dataclass(frozen=True)
class NodeDetails:
    """A node's record, every label and contact, every relation both ways, where it is
    described, and its gaps."""

    entity: Entity
    labels: tuple[str, ...]
    contacts: tuple[str, ...]
    relations: tuple[Related, ...]
    origins: tuple[str, ...]
    gaps: tuple[Gap, ...]


def node_details(
    graph: Graph, node: URIRef, origins: Iterable[str], gaps: Iterable[Gap]
) -> NodeDetails:
    """The details of ``node``; ``gaps`` are the estate's, of which the node's are kept.

    >>> from explorer.ingest import load
    >>> from explorer.vocab import iri_for_id
    >>> details = node_details(load().graph, iri_for_id("gps-clock"), [], [])
    >>> [(r.name, r.other.id) for r in details.relations][:2]
    [('uses vendor', 'vendor-meridian'), ('owned by', 'team-dc-ops')]
    """
    index = index_of(graph)
    outgoing = [
        Related(r.name, index.entity(o), True)
        for r in RELATIONS
        for o in index.targets(node, r.predicate)
    ]
    incoming = [
        Related(r.inverse, index.entity(s), False)
        for r in RELATIONS
        for s in index.sources(node, r.predicate)
    ]
    return NodeDetails(
        index.entity(node),
        _texts(graph, node, RDFS.label),
        _texts(graph, node, IC.contact),
        tuple(outgoing + incoming),
        tuple(origins),
        tuple(g for g in gaps if g.entity.iri == str(node)),
    )


def _texts(graph: Graph, node: URIRef, predicate: URIRef) -> tuple[str, ...]:
    return tuple(sorted(str(o) for o in graph.objects(node, predicate) if isinstance(o, Literal)))
