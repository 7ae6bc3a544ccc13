"""Upstream: what a node needs, all the way down (the DNS nobody listed)."""

from __future__ import annotations

from collections.abc import Sequence

from rdflib import Graph, URIRef

from explorer.analysis.evidence import ALL_EVIDENCE
from explorer.analysis.reach import Direction, Reach
from explorer.analysis.scope import reach
from explorer.domain.relations import Evidence
from explorer.graph.index import index_of

__all__ = ["upstream"]


def upstream(
    graph: Graph,
    node: URIRef | Sequence[URIRef],
    depth: int | None = None,
    counted: frozenset[Evidence] = ALL_EVIDENCE,
) -> Reach:
    """Everything ``node`` needs, nearest first, and the owners of all of it.

    >>> from explorer.ingest import load
    >>> from explorer.domain.vocab import iri_for_id
    >>> answer = upstream(load().graph, iri_for_id("time-sync"))
    >>> [(i.entity.id, i.distance) for i in answer.impacted]
    [('gps-clock', 1), ('assume-public-ntp', 1), ('vendor-meridian', 2)]
    """
    return reach(index_of(graph), node, Direction.NEEDS, depth, counted)
