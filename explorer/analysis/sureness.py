"""How sure each node of a walk is reached: the strongest of its paths' weakest links.

A path is as sure as its least sure fact (``explorer.statements.confidence``). A node reached
by a declared path and by a suspected one is reached for sure enough to count as declared,
so each node's confidence is the best over all its paths: the first level, strongest
first, at which a walk along only the facts that sure or surer reaches it. When nothing in
the estate says how sure it is, that is one walk over everything, as before.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

import igraph
from rdflib import URIRef

from explorer.domain.kinds import Kind
from explorer.domain.relations import COMPOSING, OBSERVED, SPREADING
from explorer.graph.index import EstateIndex
from explorer.statements.confidence import Confidence, at_least, surest
from explorer.statements.reified import Fact

__all__ = ["EdgeLevels", "edge_levels", "levels_of", "restricted"]

EdgeLevels = dict[tuple[int, int], Confidence]  # a walk's edge -> how sure it is


def edge_levels(index: EstateIndex, affected: bool) -> EdgeLevels:
    """The walk's edges that are not simply declared, and how sure each is: the surest of
    the facts that make it (one not stated counts as declared); an edge traffic was seen
    along (an observed call, whether or not a dependency declares it too) is confirmed."""

    def build() -> EdgeLevels:
        stated = index.stated()
        number = index.number
        levels: EdgeLevels = {}
        for (subject, predicate, value), level in stated.items():
            s = number.get(subject)
            o = number.get(value) if isinstance(value, URIRef) else None
            if s is None or o is None:
                continue
            if _declared_too(index, stated, s, o):
                level = Confidence.DECLARED  # another, unstated relation makes the same edge
            for edge in _edges(index, s, predicate, o, affected):
                levels[edge] = surest([levels.get(edge, level), level])
        for relation in OBSERVED:  # traffic seen along it: as sure as can be
            for s, targets in index.out[relation.predicate].items():
                for o in targets:
                    levels.update(
                        dict.fromkeys(
                            _edges(index, s, relation.predicate, o, affected), Confidence.CONFIRMED
                        )
                    )
        return {edge: level for edge, level in levels.items() if level != Confidence.DECLARED}

    return index.derived(f"levels {affected}", build)


def _declared_too(index: EstateIndex, stated: Mapping[Fact, Confidence], s: int, o: int) -> bool:
    nodes = index.nodes
    return any(
        o in index.out[r.predicate].get(s, ()) and (nodes[s], r.predicate, nodes[o]) not in stated
        for r in (*SPREADING, *COMPOSING)
    )


def _edges(
    index: EstateIndex, s: int, predicate: object, o: int, affected: bool
) -> Iterator[tuple[int, int]]:
    if any(r.predicate == predicate for r in SPREADING):
        yield (o, s) if affected else (s, o)
    if any(r.predicate == predicate for r in COMPOSING) and index.kind_at[o] is Kind.SYSTEM:
        yield (o, s)  # from a System to its part, both ways of walking


def levels_of(levels: EdgeLevels) -> list[Confidence]:
    """The levels worth a walk, strongest first: declared, and those some edge has."""
    present = {Confidence.DECLARED, *levels.values()}
    return [c for c in Confidence if c in present]


def restricted(graph: igraph.Graph, levels: EdgeLevels, level: Confidence) -> igraph.Graph:
    """``graph`` with only the edges as sure as ``level`` or surer."""
    if not levels and at_least(Confidence.DECLARED, level):
        return graph
    keep = [e.index for e in graph.es if at_least(levels.get(e.tuple, Confidence.DECLARED), level)]
    return graph.subgraph_edges(keep, delete_vertices=False)
