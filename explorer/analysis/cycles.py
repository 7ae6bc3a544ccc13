"""Dependency cycles: legal in real estates, and worth knowing before a cold start."""

from __future__ import annotations

from rdflib import Graph

from explorer.index import index_of
from explorer.model import Entity
from explorer.relations import DEPENDS_ON

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
    import networkx as nx  # here, not at the top: most commands never ask for cycles

    index = index_of(graph)
    deps = nx.DiGraph(
        (source, target)
        for source, targets in index.out[DEPENDS_ON.predicate].items()
        for target in targets
    )
    groups = [
        sorted(component)  # node numbers ascend as IRIs do
        for component in nx.strongly_connected_components(deps)
        if len(component) > 1 or any(deps.has_edge(n, n) for n in component)
    ]
    groups.sort(key=lambda group: (-len(group), [str(index.nodes[n]) for n in group]))
    return [tuple(index.entity_at(n) for n in group) for group in groups]
