"""Upstream: what a node needs, all the way down (the DNS nobody listed)."""

from __future__ import annotations

from rdflib import Graph, URIRef

from explorer.analysis.index import EstateIndex, index_of
from explorer.analysis.reach import Flow, Reach, flow, reach
from explorer.vocab import IC

__all__ = ["needs", "upstream"]


def needs(index: EstateIndex) -> Flow:
    """What a node needs directly, as a graph built once per index: its dependencies,
    vendors and assumptions, and for a System, its parts. Vendors and assumptions need
    nothing further, so the walk stops there.
    """

    def build() -> Flow:
        out = index.out
        direct = (out[IC.dependsOn], out[IC.usesVendor], out[IC.assumes])
        return flow(index, direct, index.into[IC.partOf])

    return index.derived("needs", build)


def upstream(graph: Graph, node: URIRef, depth: int | None = None) -> Reach:
    """Everything ``node`` needs, nearest first, and the owners of all of it.

    >>> from explorer.ingest import load
    >>> from explorer.vocab import iri_for_id
    >>> answer = upstream(load().graph, iri_for_id("time-sync"))
    >>> [(i.entity.id, i.distance) for i in answer.impacted]
    [('gps-clock', 1), ('assume-public-ntp', 1), ('vendor-meridian', 2)]
    """
    index = index_of(graph)
    return reach(index, node, needs(index), depth, "needs")
