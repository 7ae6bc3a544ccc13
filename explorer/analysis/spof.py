"""Single points of failure: the choke points between tier-1 services and what they need."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import igraph
from rdflib import Graph, URIRef

from explorer.analysis.index import EstateIndex, index_of
from explorer.model import Entity
from explorer.vocab import IC

__all__ = ["SinglePoint", "single_points_of_failure"]


@dataclass(frozen=True)
class SinglePoint:
    """A node every path from some tier-1 services to some of their needs goes through."""

    entity: Entity
    tier1_services: tuple[str, ...]  # ids of the tier-1 services it sits in front of
    cut_off: tuple[str, ...]  # ids of the needs those services reach only through it
    impact: int  # 3 per tier-1 service behind it, plus the cut-off needs by tier weight


def _needs_graph(index: EstateIndex) -> tuple[igraph.Graph, list[URIRef]]:
    """``dependsOn`` and ``usesVendor`` as an igraph graph, and the node of each vertex."""
    nodes: list[URIRef] = []
    number: dict[URIRef, int] = {}
    edges = []
    for predicate in (IC.dependsOn, IC.usesVendor):
        for source, targets in index.forward[predicate].items():
            for target in targets:
                for node in (source, target):
                    if node not in number:
                        number[node] = len(nodes)
                        nodes.append(node)
                edges.append((number[source], number[target]))
    return igraph.Graph(n=len(nodes), edges=edges, directed=True), nodes


def single_points_of_failure(graph: Graph) -> list[SinglePoint]:
    """Choke points ranked by how much depends on them.

    Every dependency is required in our model, so any needed node hurts its dependents
    when it fails. The ones worth a program's attention are the choke points: a node D such
    that, for some tier-1 service T, every path from T to another need N passes through D.
    Losing D then also cuts T off from N although N is healthy, and D is where redundancy
    buys the most. In graph terms D strictly dominates N in the flow graph rooted at T
    (igraph's dominator trees, in C, over ``dependsOn`` and ``usesVendor``). Undirected
    articulation points would ignore the direction of dependency, so we do not use them.
    Ranked by ``impact``: 3 for every tier-1 service behind D, plus each cut-off need by its
    tier weight. (A blast radius per candidate would walk most of a large estate thousands
    of times over; this counts what the dominator trees already give.)

    >>> from explorer.ingest import load
    >>> [p.entity.id for p in single_points_of_failure(load().graph)][:3]
    ['iam', 'kms', 'network-fabric']
    """
    index = index_of(graph)
    needs, nodes = _needs_graph(index)
    vertex = {node: n for n, node in enumerate(nodes)}
    services: dict[URIRef, set[URIRef]] = defaultdict(set)
    cut: dict[URIRef, set[URIRef]] = defaultdict(set)
    for root, tier in index.tiers.items():
        if tier != 1 or index.kind(root) != "service" or root not in vertex:
            continue
        start = vertex[root]
        idom = needs.dominator(start, mode="out")  # -1 for the root, NaN if unreachable
        for need, parent in enumerate(idom):
            if need == start or parent != parent:  # NaN != NaN: not reached from root
                continue
            dominator = int(parent)
            while dominator not in (start, -1):  # every strict dominator of need
                services[nodes[dominator]].add(root)
                cut[nodes[dominator]].add(nodes[need])
                dominator = int(idom[dominator])
    points = [
        SinglePoint(
            index.entity(node),
            tuple(sorted(index.id_of(s) for s in services[node])),
            tuple(sorted(index.id_of(n) for n in cut[node])),
            3 * len(services[node]) + sum(index.weight(n) for n in cut[node]),
        )
        for node in services
    ]
    points.sort(key=lambda p: (-p.impact, -len(p.cut_off), p.entity.id))
    return points
