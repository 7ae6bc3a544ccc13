"""Dependency cycles: legal in real estates, and worth knowing before a cold start."""

from __future__ import annotations

import networkx as nx
from rdflib import Graph

from explorer.analysis.index import index_of
from explorer.vocab import IC

__all__ = ["cycles"]


def cycles(graph: Graph) -> list[list[str]]:
    """Groups of nodes that depend on each other, as sorted lists of IRIs.

    Each group is a strongly connected component of the ``ic:dependsOn`` graph with more
    than one node, or a single node that depends on itself. Such a group cannot be brought
    up one node at a time from nothing: somebody must plan how it bootstraps.

    >>> from explorer.ingest import load
    >>> [[iri.rsplit("/", 1)[1] for iri in group] for group in cycles(load().graph)]
    [['dns-service', 'network-controller']]
    """
    index = index_of(graph)
    deps = nx.DiGraph(
        (source, target)
        for source, targets in index.out[IC.dependsOn].items()
        for target in targets
    )
    groups = [
        sorted(str(index.nodes[n]) for n in component)
        for component in nx.strongly_connected_components(deps)
        if len(component) > 1 or any(deps.has_edge(n, n) for n in component)
    ]
    return sorted(groups, key=lambda group: (-len(group), group))
