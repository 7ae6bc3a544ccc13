"""A focus view: the neighbourhood of some centres, laid out left to right.

A focus view on a hub would be thousands of nodes: each node shows at most ``CAP`` of its
neighbours (the most critical and most connected first) and the view at most
``FOCUS_BUDGET``, and of many centres (a hub's blast radius) the first ``CENTRES``; the
rest of a node's neighbours, or of the centres, are gathered into one "+N more" node,
which opens a ``PAGE`` more at a time.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

from rdflib import Graph, URIRef

from explorer.domain.kinds import Kind
from explorer.domain.model import Entity
from explorer.domain.relations import BY_PREDICATE, RELATIONS
from explorer.graph.index import EstateIndex, index_of
from explorer.views.graph_view import MORE_IRI, Edge, GraphView, Group, laid_out, parts

__all__ = ["CAP", "CENTRES", "FOCUS_BUDGET", "PAGE", "focus_view"]

CAP, PAGE, FOCUS_BUDGET = 12, 25, 400  # neighbours shown per node, per opening, per view
CENTRES = 60  # of many centres (what a highlight reaches), the first shown


def focus_view(
    graph: Graph, centres: Sequence[URIRef], hops: int = 1, opened: Mapping[str, int] | None = None
) -> GraphView:
    """The neighbourhood of ``centres`` (``hops`` relations deep), laid out left to right,
    capped (see the module); ``opened`` says how many pages of a node's "+N more" are open."""
    index, opened = index_of(graph), opened or {}
    first = str(centres[0]) if centres else ""
    pages = PAGE * opened.get(first, 0)
    budget, shown = FOCUS_BUDGET + pages, CENTRES + pages
    seen: dict[URIRef, None] = dict.fromkeys(centres[:shown])
    hidden: dict[str, list[URIRef]] = {}
    if len(centres) > shown:
        hidden[first] = list(centres[shown:])
    frontier = list(seen)
    for _ in range(hops):
        nxt: list[URIRef] = []
        for node in frontier:
            near = _ranked(index, [n for n in _near(index, node) if n not in seen])
            room = min(CAP + PAGE * opened.get(str(node), 0), max(budget - len(seen), 0))
            seen.update(dict.fromkeys(near[:room]))
            nxt += near[:room]
            if near[room:]:
                hidden[str(node)] = near[room:]
        frontier = nxt
    records, edges = parts(index, set(seen))
    groups = {}
    for near_of, rest in hidden.items():
        more = Group(MORE_IRI + near_of, near_of, tuple(map(str, rest)))
        records[more.iri] = Entity(more.iri, "more", f"+{len(rest):,} more", Kind.OTHER)
        edges.append(_more_edge(index, URIRef(near_of), rest, more.iri))
        groups[more.iri] = more
    return laid_out(records, edges, layered=True, groups=groups)


def _near(index: EstateIndex, node: URIRef) -> set[URIRef]:
    near: set[URIRef] = set()
    for relation in RELATIONS:
        near.update(index.targets(node, relation.predicate))
        near.update(index.sources(node, relation.predicate))
    return near


def _ranked(index: EstateIndex, nodes: list[URIRef]) -> list[URIRef]:
    """The most critical first (tier), then the most connected, then by IRI."""

    def degree(n: int) -> int:
        return sum(len(a.get(n, ())) for a in index.out.values()) + sum(
            len(a.get(n, ())) for a in index.into.values()
        )

    def rank(node: URIRef) -> tuple[int, int, str]:
        n = index.number[node]
        return (-index.weight_at[n], -degree(n), str(node))

    return sorted(nodes, key=rank)


def _more_edge(index: EstateIndex, node: URIRef, rest: list[URIRef], more: str) -> Edge:
    """The relation most of the hidden neighbours have with ``node``, pointing their way."""
    sample = set(rest[:200])  # a sample says as much, and a hub has thousands
    ways: Counter[tuple[str, bool]] = Counter()
    for predicate, relation in BY_PREDICATE.items():
        ways[(relation.name, True)] += len(sample.intersection(index.targets(node, predicate)))
        ways[(relation.name, False)] += len(sample.intersection(index.sources(node, predicate)))
    name, outward = ways.most_common(1)[0][0]
    if outward:
        return Edge(str(node), name, more, len(rest))
    return Edge(more, name, str(node), len(rest))
