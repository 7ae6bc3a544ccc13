"""Dependency cycles: legal in real estates, and worth knowing before a cold start."""

from __future__ import annotations

from rdflib import Graph

from explorer.analysis.reach import flow
from explorer.domain.model import Entity
from explorer.domain.relations import DEPENDS_ON
from explorer.graph.index import index_of

__all__ = ["cycles"]


def cycles(graph: Graph) -> list[tuple[Entity, ...]]:
    """Groups of nodes that depend on each other, largest first, each in IRI order.

    Each group is a strongly connected component of the ``ic:dependsOn`` graph with more
    than one node, or a single node that depends on itself. Such a group cannot be brought
    up one node at a time from nothing: somebody must plan how it bootstraps.

    >>> from explorer.ingest import load
    >>> [[e.id for e in group] for group in cycles(load().graph)]
    [['dns-service', 'network-controller']]
    """
    index = index_of(graph)
    depends = index.out[DEPENDS_ON.predicate]
    deps = flow(index, (depends,), {})  # igraph: its components are found in C
    groups = [
        sorted(component)  # node numbers ascend as IRIs do
        for component in deps.connected_components(mode="strong")
        if len(component) > 1 or component[0] in depends.get(component[0], ())
    ]
    groups.sort(key=lambda group: (-len(group), [str(index.nodes[n]) for n in group]))
    return [tuple(index.entity_at(n) for n in group) for group in groups]
