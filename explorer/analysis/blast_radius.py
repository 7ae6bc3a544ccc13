"""Blast radius: everything hurt if a node fails, changes, or turns out to be false."""

from __future__ import annotations

from collections.abc import Sequence

from rdflib import Graph, URIRef

from explorer.analysis.evidence import ALL_EVIDENCE
from explorer.analysis.reach import Direction, Flow, Reach, flow_of
from explorer.analysis.scope import reach
from explorer.domain.relations import Evidence
from explorer.graph.index import EstateIndex, index_of

__all__ = ["blast_radius", "hurt_by"]


def hurt_by(index: EstateIndex) -> Flow:
    """Who is hurt directly when a node fails, as a graph built once per index.

    Its dependents (``x dependsOn node``), the users of a vendor (``x usesVendor node``),
    what relies on an assumption (``x assumes node``) and, for a System, its parts
    (``x partOf node``): the relations of ``explorer.domain.relations`` that spread a failure.
    """
    return flow_of(index, Direction.AFFECTED)


def blast_radius(
    graph: Graph,
    node: URIRef | Sequence[URIRef],
    depth: int | None = None,
    counted: frozenset[Evidence] = ALL_EVIDENCE,
) -> Reach:
    """Everything hurt if ``node`` fails, nearest first, and the owners who must be told.

    ``depth`` bounds the number of steps (None: no bound). Cycles are walked once.

    >>> from explorer.ingest import load
    >>> from explorer.domain.vocab import iri_for_id
    >>> answer = blast_radius(load().graph, iri_for_id("dns-zone"))
    >>> answer.impacted[0].entity.id, answer.impacted[0].path
    ('dns-service', ('dns-zone', 'dns-service'))
    >>> "team-dns" in [t.entity.id for t in answer.teams]
    True
    """
    return reach(index_of(graph), node, Direction.AFFECTED, depth, counted)
