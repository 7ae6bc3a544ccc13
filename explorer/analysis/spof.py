"""Single points of failure: the choke points between tier-1 services and what they need."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import networkx as nx
from rdflib import Graph, URIRef

from explorer.analysis.blast_radius import hurt_by
from explorer.analysis.index import EstateIndex, index_of
from explorer.analysis.reach import walk
from explorer.model import Entity
from explorer.vocab import IC

__all__ = ["SinglePoint", "single_points_of_failure"]


@dataclass(frozen=True)
class SinglePoint:
    """A node every path from some tier-1 services to some of their needs goes through."""

    entity: Entity
    tier1_services: tuple[str, ...]  # ids of the tier-1 services it sits in front of
    cut_off: tuple[str, ...]  # ids of the needs those services reach only through it
    impact: int  # weighted size of its blast radius


def _needs_graph(index: EstateIndex) -> nx.DiGraph:
    edges = nx.DiGraph()
    for predicate in (IC.dependsOn, IC.usesVendor):
        for source, targets in index.forward[predicate].items():
            edges.add_edges_from((source, target) for target in targets)
    return edges


def single_points_of_failure(graph: Graph) -> list[SinglePoint]:
    """Choke points ranked by how much depends on them.

    Every dependency is required in our model, so any needed node hurts its dependents
    when it fails. The ones worth a program's attention are the choke points: a node D such
    that, for some tier-1 service T, every path from T to another need N passes through D.
    Losing D then also cuts T off from N although N is healthy, and D is where redundancy
    buys the most. In graph terms D strictly dominates N in the flow graph rooted at T
    (``networkx.immediate_dominators`` over ``dependsOn`` and ``usesVendor``). Undirected
    articulation points would ignore the direction of dependency, so we do not use them.
    Ranked by the weighted size of D's blast radius, then by how much it cuts off.

    >>> from explorer.ingest import load
    >>> [p.entity.id for p in single_points_of_failure(load().graph)][:3]
    ['border-routers', 'network-fabric', 'gps-clock']
    """
    index = index_of(graph)
    needs = _needs_graph(index)
    services: dict[URIRef, set[URIRef]] = defaultdict(set)
    cut: dict[URIRef, set[URIRef]] = defaultdict(set)
    for root, tier in index.tiers.items():
        if tier != 1 or index.kind(root) != "service" or root not in needs:
            continue
        idom = nx.immediate_dominators(needs, root)
        for need in idom:
            dominator = idom.get(need)
            while dominator is not None and dominator not in (root, need):
                services[dominator].add(root)
                cut[dominator].add(need)
                need, dominator = dominator, idom.get(dominator)
    points = [
        SinglePoint(
            index.entity(node),
            tuple(sorted(index.entity(s).id for s in services[node])),
            tuple(sorted(index.entity(n).id for n in cut[node])),
            sum(index.weight(n) for n in walk(node, lambda n: hurt_by(index, n), None)),
        )
        for node in services
    ]
    points.sort(key=lambda p: (-p.impact, -len(p.cut_off), p.entity.id))
    return points
