"""Single points of failure: the choke points between tier-1 services and what they need."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

import igraph
from rdflib import Graph

from explorer.analysis.reach import flow
from explorer.domain.kinds import Kind
from explorer.domain.model import Entity
from explorer.domain.relations import RUNTIME
from explorer.graph.index import EstateIndex, index_of

__all__ = ["SinglePoint", "single_points_of_failure"]


@dataclass(frozen=True)
class SinglePoint:
    """A node every path from some tier-1 services to some of their needs goes through."""

    entity: Entity
    tier1_services: tuple[str, ...]  # ids of the tier-1 services it sits in front of
    cut_off: tuple[str, ...]  # ids of the needs those services reach only through it
    impact: int  # 3 per tier-1 service behind it, plus the cut-off needs by tier weight


def _needs_graph(index: EstateIndex) -> igraph.Graph:
    """What a node cannot run without (``dependsOn``, ``usesVendor``: the runtime relations
    of ``explorer.domain.relations``) as igraph over the index's node numbers, built once."""

    def build() -> igraph.Graph:
        needs = flow(index, tuple(index.out[r.predicate] for r in RUNTIME), {})
        needs.vs["n"] = range(len(index.nodes))  # kept by subgraphs, which renumber vertices
        return needs

    return index.derived("dependency choke points", build)


def _dominated(needs: igraph.Graph, start: int) -> Iterator[tuple[int, Iterator[int]]]:
    """Each strict dominator below ``start``, with the needs it strictly dominates.

    Computed on what ``start`` reaches, a few dozen nodes where the graph may have a
    hundred thousand (igraph's dominator list is as long as the graph it is given), and
    read off the dominator tree in C: walking each need's chain of dominators in Python
    took most of a minute at 100k services.
    """
    reached = needs.induced_subgraph(
        needs.subcomponent(start, mode="out"), implementation="create_from_scratch"
    )
    number = reached.vs["n"]
    root = number.index(start)
    idom = reached.dominator(root, mode="out")  # -1 for the root
    tree = igraph.Graph(
        n=len(idom), edges=[(int(d), v) for v, d in enumerate(idom) if v != root], directed=True
    )
    inner = [v for v, children in enumerate(tree.outdegree()) if children and v != root]
    below = tree.neighborhood(inner, order=len(idom), mode="out", mindist=1)
    for dominator, dominated in zip(inner, below, strict=True):
        yield number[dominator], map(number.__getitem__, dominated)


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
    services, cut = _choke_points(index)
    ids = [index.id_at(n) for n in range(len(index.nodes))]
    weight = index.weight_at.__getitem__
    points = [
        SinglePoint(
            index.entity_at(point),
            tuple(sorted(map(ids.__getitem__, services[point]))),
            tuple(sorted(map(ids.__getitem__, cut[point]))),
            3 * len(services[point]) + sum(map(weight, cut[point])),
        )
        for point in services
    ]
    points.sort(key=lambda p: (-p.impact, -len(p.cut_off), p.entity.id))
    return points


def _choke_points(index: EstateIndex) -> tuple[dict[int, set[int]], dict[int, set[int]]]:
    """Per choke point: the tier-1 services behind it, and the needs it cuts them off from."""
    needs = _needs_graph(index)
    services: dict[int, set[int]] = defaultdict(set)
    cut: dict[int, set[int]] = defaultdict(set)
    for root, tier in index.tiers.items():
        start = index.number[root]
        if tier != 1 or index.kind_at[start] is not Kind.SERVICE:
            continue
        if not needs.degree(start, mode="out"):
            continue
        for dominator, below in _dominated(needs, start):
            services[dominator].add(start)
            cut[dominator].update(below)
    return services, cut
