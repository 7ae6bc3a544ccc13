"""What the canvas draws: a set of nodes, the relations among them, and where each sits.

The desktop app never decides what a view contains or where nodes go; it asks here, so a
view of the graph is a plain value that can be computed off the GUI thread and tested
without Qt. Layouts come from igraph. A focus view uses Sugiyama's layered layout, so
dependencies flow left to right (cycles are handled by the library). The whole graph uses
a force layout (Kamada-Kawai, or Fruchterman-Reingold past ``FORCE_SMALL`` nodes): a
layered layout of a whole estate is a few columns hundreds of rows tall, and a force layout
keeps each team near what it owns. Layered layouts also get slow past ``LAYERED_LIMIT``
nodes, where a focus view falls back to the force layout.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterable
from dataclasses import dataclass, field

import igraph
from rdflib import Graph, URIRef

from explorer.index import EstateIndex, index_of
from explorer.model import Entity
from explorer.relations import BY_NAME, RELATIONS, Spread

__all__ = [
    "LAYERED_LIMIT",
    "Edge",
    "GraphView",
    "estate_parts",
    "focus_view",
    "laid_out",
    "neighbourhood",
    "whole_graph",
]

LAYERED_LIMIT = 800
MIN_ROOM = 0.45  # side of the square each node gets at least, in layout units (see _roomy)
FORCE_SMALL = 300  # up to here the whole graph uses Kamada-Kawai, beyond Fruchterman-Reingold


@dataclass(frozen=True, order=True)
class Edge:
    """``source`` relates to ``target``, e.g. a service "depends on" a database.

    ``relation`` is the relation's name in ``explorer.relations``."""

    source: str
    relation: str
    target: str


@dataclass(frozen=True)
class GraphView:
    """Nodes, edges and positions.

    ``layered``: x is the layer (dependencies to the right) and y the slot in the layer.
    Otherwise x and y share one scale where a typical edge is 1 long.
    """

    nodes: dict[str, Entity]
    edges: tuple[Edge, ...]
    positions: dict[str, tuple[float, float]] = field(default_factory=dict)
    layered: bool = True

    def __contains__(self, iri: object) -> bool:
        return iri in self.nodes


def _all_nodes(index: EstateIndex) -> set[URIRef]:
    return set(index.kinds) | index.related()


def neighbourhood(graph: Graph, centres: Iterable[URIRef], hops: int) -> set[URIRef]:
    """Every node within ``hops`` relations of a centre, whichever way the relation points.

    >>> from explorer.ingest import load
    >>> from explorer.vocab import iri_for_id
    >>> near = neighbourhood(load().graph, [iri_for_id("gps-clock")], 1)
    >>> sorted(n.rsplit("/", 1)[1] for n in near)
    ['gps-clock', 'team-dc-ops', 'time-sync', 'vendor-meridian']
    """
    index = index_of(graph)
    seen = set(centres)
    frontier = set(seen)
    for _ in range(hops):
        nxt: set[URIRef] = set()
        for node in frontier:
            for relation in RELATIONS:
                nxt.update(index.targets(node, relation.predicate))
                nxt.update(index.sources(node, relation.predicate))
        frontier = nxt - seen
        seen |= frontier
    return seen


def _parts(index: EstateIndex, nodes: set[URIRef]) -> tuple[dict[str, Entity], list[Edge]]:
    edges = sorted(
        Edge(str(source), relation.name, str(target))
        for relation in RELATIONS
        for source in nodes
        for target in index.targets(source, relation.predicate)
        if target in nodes
    )
    return {str(n): index.entity(n) for n in sorted(nodes)}, edges


def estate_parts(graph: Graph) -> tuple[dict[str, Entity], list[Edge]]:
    """Every node (entities and whatever a relation names) and every relation, unlaid."""
    index = index_of(graph)
    return _parts(index, _all_nodes(index))


def _view(index: EstateIndex, nodes: set[URIRef], layered: bool) -> GraphView:
    return laid_out(*_parts(index, nodes), layered)


def laid_out(records: dict[str, Entity], edges: list[Edge], layered: bool) -> GraphView:
    """A view of these nodes and edges, laid out (layered only up to ``LAYERED_LIMIT``)."""
    layered = layered and len(records) <= LAYERED_LIMIT
    return GraphView(records, tuple(edges), _layout(list(records), edges, layered), layered)


def whole_graph(graph: Graph) -> GraphView:
    """Every entity and every node a relation names, laid out."""
    index = index_of(graph)
    return _view(index, _all_nodes(index), layered=False)


def focus_view(graph: Graph, centres: Iterable[URIRef], hops: int = 1) -> GraphView:
    """The neighbourhood of ``centres`` (``hops`` relations deep), laid out left to right."""
    return _view(index_of(graph), neighbourhood(graph, centres, hops), layered=True)


def _layout(nodes: list[str], edges: list[Edge], layered: bool) -> dict[str, tuple[float, float]]:
    if not nodes:
        return {}
    number = {iri: n for n, iri in enumerate(nodes)}
    pairs = []
    for edge in edges:
        source, target = number[edge.source], number[edge.target]
        if BY_NAME[edge.relation].spread is Spread.COMPOSITION:
            source, target = target, source  # a system sits before its parts
        if source != target:
            pairs.append((source, target))
    shape = igraph.Graph(n=len(nodes), edges=pairs, directed=True)
    if layered:
        coords = shape.layout_sugiyama(maxiter=60).coords[: len(nodes)]
        return dict(zip(nodes, _packed([(c[1], c[0]) for c in coords]), strict=True))
    igraph.set_random_number_generator(random.Random(len(nodes)))  # same graph, same picture
    try:
        if len(nodes) <= FORCE_SMALL:  # Kamada-Kawai spaces small graphs evenly
            coords = shape.layout_kamada_kawai(maxiter=50 * len(nodes)).coords
        else:
            coords = shape.layout_fruchterman_reingold(niter=500, grid="auto").coords
    finally:
        igraph.set_random_number_generator(random)
    coords = _widest_along_x(coords)
    scale = min(_typical_edge_length(coords, pairs), _roomy(coords))
    return {
        iri: (float(c[0]) / scale, float(c[1]) / scale)
        for iri, c in zip(nodes, coords, strict=True)
    }


def _packed(places: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Sugiyama's (layer, slot) places with the slots of each layer made 0, 1, 2... in
    their order and centred on the middle row: the library leaves room for the bends of
    long edges, which at 60 nodes made a drawing 80 rows tall, unreadable at fit.

    >>> _packed([(0, 0.0), (0, 7.0), (1, 3.0)])
    [(0.0, -0.5), (0.0, 0.5), (1.0, 0.0)]
    """
    layers: dict[float, list[int]] = {}
    for n, (layer, _) in enumerate(places):
        layers.setdefault(layer, []).append(n)
    packed: list[tuple[float, float]] = [(0.0, 0.0)] * len(places)
    for layer, members in layers.items():
        members.sort(key=lambda n: places[n][1])
        middle = (len(members) - 1) / 2
        for row, n in enumerate(members):
            packed[n] = (float(layer), row - middle)
    return packed


def _widest_along_x(coords: list[list[float]]) -> list[list[float]]:
    """Rotate a force layout so its longest spread is horizontal, as screens are wide."""
    n = len(coords)
    mx, my = sum(c[0] for c in coords) / n, sum(c[1] for c in coords) / n
    sxx = sum((c[0] - mx) ** 2 for c in coords)
    syy = sum((c[1] - my) ** 2 for c in coords)
    sxy = sum((c[0] - mx) * (c[1] - my) for c in coords)
    angle = -0.5 * math.atan2(2 * sxy, sxx - syy)
    cos, sin = math.cos(angle), math.sin(angle)
    return [
        [(c[0] - mx) * cos - (c[1] - my) * sin, (c[0] - mx) * sin + (c[1] - my) * cos]
        for c in coords
    ]


def _roomy(coords: list[list[float]]) -> float:
    """The unit that leaves each node at least ``MIN_ROOM`` of the layout's area.

    Scaled by edge length alone, a large estate's hubs pull thousands of nodes into a
    drawing where they cover each other; this spreads the drawing out instead.
    """
    xs, ys = [c[0] for c in coords], [c[1] for c in coords]
    area = (max(xs) - min(xs)) * (max(ys) - min(ys))
    return math.sqrt(area / len(coords)) / MIN_ROOM if area > 0 else math.inf


def _typical_edge_length(coords: list[list[float]], pairs: list[tuple[int, int]]) -> float:
    lengths = sorted(
        ((coords[a][0] - coords[b][0]) ** 2 + (coords[a][1] - coords[b][1]) ** 2) ** 0.5
        for a, b in pairs
    )
    return lengths[len(lengths) // 2] or 1.0 if lengths else 1.0
