"""The rules of ``ontology/shapes.ttl``, evaluated in plain code for large graphs.

pyshacl is the reference: below ``SHACL_LIMIT`` triples the gap analysis validates the
shapes with it. Above, validation takes tens of seconds (DESIGN.md measures ~9 s for a
million triples, before building the report), so the same rules run here over the index.
A test keeps the two in agreement on the samples and on generated estates.
"""

from __future__ import annotations

from collections.abc import Iterator

from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from explorer.analysis.index import EstateIndex
from explorer.vocab import IC

__all__ = ["SHACL_LIMIT", "Breach", "breaches"]

SHACL_LIMIT = 20_000  # pyshacl: ~2.4 s at 12k triples, ~23 s at 118k (benchmarks)

Breach = tuple[URIRef, str, object]  # (focus node, rule code, offending value or None)

_OWNED = ("service", "resource", "system", "vendor", "assumption")
_TEAM_STATUSES = ("active", "dissolved")
_ASSUMPTION_STATUSES = ("unverified", "verified", "invalid")


def breaches(index: EstateIndex) -> Iterator[Breach]:
    """What pyshacl would report for our shapes: one (focus, rule, value) per result."""
    graph = index.graph
    for node, kind in index.kinds.items():
        if kind in _OWNED:
            yield from _ownership(index, node)
        if kind == "team":
            if not index.sources(node, IC.memberOf) and (node, IC.contact, None) not in graph:
                yield (node, "unreachable-team", node)
            yield from _status(index, node, "bad-team-status", _TEAM_STATUSES)
        if kind == "assumption":
            if (node, IC.status, None) not in graph:
                yield (node, "assumption-without-status", None)
            yield from _status(index, node, "bad-assumption-status", _ASSUMPTION_STATUSES)
    for subject in set(graph.subjects(IC.tier, None)):
        if isinstance(subject, URIRef):
            yield from _tier(index, subject)


def _ownership(index: EstateIndex, node: URIRef) -> Iterator[Breach]:
    owners = index.targets(node, IC.ownedBy)
    if not owners:
        yield (node, "no-owner", None)
    if len(owners) > 1:
        yield (node, "several-owners", None)
    for owner in owners:
        if index.kind(owner) not in ("team", "person"):
            yield (node, "owner-not-team-or-person", owner)
        if (owner, IC.status, Literal("dissolved")) in index.graph:
            yield (node, "dissolved-owner", owner)


def _status(
    index: EstateIndex, node: URIRef, rule: str, allowed: tuple[str, ...]
) -> Iterator[Breach]:
    values = list(index.graph.objects(node, IC.status))
    if len(values) > 1:
        yield (node, rule, None)
    for value in values:
        if not (
            isinstance(value, Literal)
            and value.datatype in (None, XSD.string)
            and str(value) in allowed
        ):
            yield (node, rule, value)


def _tier(index: EstateIndex, node: URIRef) -> Iterator[Breach]:
    values = list(index.graph.objects(node, IC.tier))
    if len(values) > 1:
        yield (node, "bad-tier", None)
    for value in values:
        python = value.toPython() if isinstance(value, Literal) else None
        good = (
            isinstance(value, Literal)
            and value.datatype == XSD.integer
            and isinstance(python, int)
            and 1 <= python <= 3
        )
        if not good:
            yield (node, "bad-tier", value)
