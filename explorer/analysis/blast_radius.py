"""Blast radius: everything hurt if a node fails, changes, or turns out to be false."""

from __future__ import annotations

from rdflib import Graph, URIRef

from explorer.analysis.index import EstateIndex, index_of
from explorer.analysis.reach import Flow, Reach, flow, reach
from explorer.vocab import IC

__all__ = ["blast_radius", "hurt_by"]


def hurt_by(index: EstateIndex) -> Flow:
    """Who is hurt directly when a node fails, as a graph built once per index.

    Its dependents (``x dependsOn node``), the users of a vendor (``x usesVendor node``),
    what relies on an assumption (``x assumes node``) and, for a System, its parts
    (``x partOf node``).
    """

    def build() -> Flow:
        into = index.into
        direct = (into[IC.dependsOn], into[IC.usesVendor], into[IC.assumes])
        return flow(index, direct, into[IC.partOf])

    return index.derived("hurt_by", build)


def blast_radius(graph: Graph, node: URIRef, depth: int | None = None) -> Reach:
    """Everything hurt if ``node`` fails, nearest first, and the owners who must be told.

    ``depth`` bounds the number of steps (None: no bound). Cycles are walked once.

    >>> from explorer.ingest import load
    >>> from explorer.vocab import iri_for_id
    >>> answer = blast_radius(load().graph, iri_for_id("dns-zone"))
    >>> answer.impacted[0].entity.id, answer.impacted[0].path
    ('dns-service', ('dns-zone', 'dns-service'))
    >>> "team-dns" in [t.entity.id for t in answer.teams]
    True
    """
    index = index_of(graph)
    return reach(index, node, hurt_by(index), depth, "affected")
