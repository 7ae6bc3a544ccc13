"""What the canvas draws: a set of nodes, the relations among them, and where each sits.

The desktop app never decides what a view contains or where nodes go; it asks here, so a
view of the graph is a plain value that can be computed off the GUI thread and tested
without Qt. Layouts come from ``explorer.views.layout``: a focus view is layered, so
dependencies flow left to right; the whole graph uses a force layout, as a layered layout
of a whole estate is a few columns hundreds of rows tall. Past ``GROUP_FROM`` nodes a view
is drawn grouped (``explorer.views.grouping``) and not laid out node by node.

A focus view (``explorer.views.focus``) is capped, with a "+N more" group (``MORE_IRI``)
for what it leaves out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from operator import attrgetter
from typing import cast

from rdflib import Graph, URIRef

from explorer.domain.model import Entity
from explorer.domain.relations import BY_NAME, CALLS, CONNECTS_TO, DEPENDS_ON, RELATIONS, Spread
from explorer.graph.calls import observed_pairs
from explorer.graph.index import EstateIndex, index_of
from explorer.statements import Confidence
from explorer.views.layout import placed, size_of

__all__ = [
    "GROUP_FROM",
    "LAYERED_LIMIT",
    "MORE_IRI",
    "Edge",
    "GraphView",
    "Group",
    "estate_parts",
    "laid_out",
    "neighbourhood",
    "parts",
    "whole_graph",
]

LAYERED_LIMIT = 800  # layered layouts get slow past this; a bigger view is laid out by force
GROUP_FROM = 2000  # views with more nodes than this are drawn grouped, not laid out here
MORE_IRI = "urn:infra-explorer:more:"


@dataclass(frozen=True, order=True)
class Edge:
    """``source`` relates to ``target``, e.g. a service "depends on" a database.

    ``relation`` is the relation's name in ``explorer.domain.relations``."""

    source: str
    relation: str
    target: str
    count: int = field(default=1, compare=False)  # relations it stands for, between groups
    confidence: Confidence = field(default=Confidence.DECLARED, compare=False)
    calls: int = field(default=0, compare=False)  # calls seen in traffic along it
    # the relations drawn as this one line (a deployed connection beside a dependency)
    folded: tuple[str, ...] = field(default=(), compare=False)


@dataclass(frozen=True)
class Group:
    """A drawn node that stands for many: a system's or team's group, or a node's
    neighbours beyond ``CAP`` ("+N more"). ``key`` names what opening it opens."""

    iri: str
    key: str
    members: tuple[str, ...]


@dataclass(frozen=True)
class GraphView:
    """Nodes, edges and positions.

    ``layered``: x is the layer (dependencies to the right) and y the slot in the layer.
    Otherwise x and y share one scale where a typical edge is 1 long. A view of more than
    ``GROUP_FROM`` nodes has no positions: it is drawn grouped. ``groups`` are the drawn
    nodes that stand for many.
    """

    nodes: dict[str, Entity]
    edges: tuple[Edge, ...]
    positions: dict[str, tuple[float, float]] = field(default_factory=dict)
    layered: bool = True
    groups: Mapping[str, Group] = field(default_factory=dict)

    def __contains__(self, iri: object) -> bool:
        return iri in self.nodes

    @cached_property
    def group_of(self) -> dict[str, str]:
        """Each member of a group -> the group it is drawn in, made once per view."""
        return {m: iri for iri, group in self.groups.items() for m in group.members}

    def hits(self, distances: Mapping[str, int]) -> dict[str, list[int]]:
        """Per group, the distances of its members a highlight reaches. The last answer's
        are kept, so that the job that finds an answer works them out for the GUI."""
        last = self._last_hits
        if last and last[0] is distances:
            return cast(dict[str, list[int]], last[1])
        found: dict[str, list[int]] = {}
        group_of = self.group_of
        for iri, distance in distances.items():
            group = group_of.get(iri)
            if group is not None:
                found.setdefault(group, []).append(distance)
        last[:] = [distances, found]
        return found

    @cached_property
    def _last_hits(self) -> list[object]:
        return []


def _all_nodes(index: EstateIndex) -> set[URIRef]:
    return set(index.kinds) | index.related()


def neighbourhood(graph: Graph, centres: Iterable[URIRef], hops: int) -> set[URIRef]:
    """Every node within ``hops`` relations of a centre, whichever way the relation points.

    >>> from explorer.ingest import load
    >>> from explorer.domain.vocab import iri_for_id
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


def parts(index: EstateIndex, nodes: set[URIRef]) -> tuple[dict[str, Entity], list[Edge]]:
    sure, seen, names = index.stated(), observed_pairs(index), index.nodes
    numbers = {index.number[n] for n in nodes if n in index.number}
    edges = []
    for relation in RELATIONS:  # over node numbers: a hundred thousand nodes, many edges
        out, predicate = index.out[relation.predicate], relation.predicate
        for n in numbers:
            for m in out.get(n, ()):
                if m in numbers:
                    source, target = names[n], names[m]
                    # rdflib terms hash in Python: looked up only when there is something
                    level = sure.get((source, predicate, target), DECLARED) if sure else DECLARED
                    calls = seen.get((source, target), 0) if seen else 0
                    edges.append(Edge(str(source), relation.name, str(target), 1, level, calls))
    edges.sort(key=_EDGE_ORDER)  # as Edge's own order, without its comparisons in Python
    ordered = sorted(nodes, key=str)  # IRI order; rdflib's own comparison runs in Python
    return {str(n): index.entity(n) for n in ordered}, _one_line_a_pair(edges)


_EDGE_ORDER = attrgetter("source", "relation", "target")
DECLARED = Confidence.DECLARED


def _one_line_a_pair(edges: list[Edge]) -> list[Edge]:
    """A dependency deploy files wire or traffic shows beside one a source declares, between
    the same two nodes, is one line: the surest kind's (declared, then deployed, then
    observed), which carries the call count and names the relations it stands for too.
    The edges keep their order."""
    kinds: dict[tuple[str, str], list[str]] = {}
    for e in edges:
        if e.relation in _ONE_LINE:
            kinds.setdefault((e.source, e.target), []).append(e.relation)
    drawn = []
    for e in edges:
        alike = kinds.get((e.source, e.target)) if e.relation in _ONE_LINE else None
        if alike is None or len(alike) == 1:
            drawn.append(e)
        elif e.relation == min(alike, key=_ONE_LINE.__getitem__):
            drawn.append(replace(e, folded=tuple(r for r in alike if r != e.relation)))
    return drawn


# the relations drawn as one line a pair, surest first
_ONE_LINE = {r.name: rank for rank, r in enumerate((DEPENDS_ON, CONNECTS_TO, CALLS))}


def estate_parts(graph: Graph) -> tuple[dict[str, Entity], list[Edge]]:
    """Every node (entities and whatever a relation names) and every relation, unlaid."""
    index = index_of(graph)
    return parts(index, _all_nodes(index))


def _view(index: EstateIndex, nodes: set[URIRef], layered: bool) -> GraphView:
    return laid_out(*parts(index, nodes), layered)


def laid_out(
    records: dict[str, Entity],
    edges: Sequence[Edge],
    layered: bool,
    groups: Mapping[str, Group] | None = None,
) -> GraphView:
    """A view of these nodes and edges, laid out (layered only up to ``LAYERED_LIMIT``;
    not at all past ``GROUP_FROM`` nodes, as it is drawn grouped: but a grouped view is, however
    many groups it has; 100,000 services in 2,000 systems are 2,000 groups)."""
    groups = groups or {}
    layered = layered and len(records) <= LAYERED_LIMIT
    if len(records) > GROUP_FROM and not groups:
        return GraphView(records, tuple(edges), {}, layered)
    nodes = list(records)
    number = {iri: n for n, iri in enumerate(nodes)}
    pairs = []
    for edge in edges:
        source, target = number[edge.source], number[edge.target]
        if BY_NAME[edge.relation].spread is Spread.COMPOSITION:
            source, target = target, source  # a system sits before its parts
        pairs.append((source, target))
    sizes = {iri: size_of(len(g.members)) for iri, g in groups.items()}
    return GraphView(records, tuple(edges), placed(nodes, pairs, layered, sizes), layered, groups)


def whole_graph(graph: Graph) -> GraphView:
    """Every entity and every node a relation names (laid out unless it is drawn grouped)."""
    index = index_of(graph)
    return _view(index, _all_nodes(index), layered=False)
