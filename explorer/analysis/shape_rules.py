"""The rules of ``ontology/shapes.ttl``, evaluated in plain code for large graphs.

pyshacl is the reference: below ``SHACL_LIMIT`` triples the gap analysis validates the
shapes with it. Above, validation takes tens of seconds (DESIGN.md measures ~9 s for a
million triples, before building the report), so the same rules run here over the index.
A test keeps the two in agreement on the samples and on generated estates.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from rdflib import URIRef
from rdflib.namespace import XSD

from explorer.analysis.index import EstateIndex
from explorer.store import Pairs, Term
from explorer.vocab import IC

__all__ = ["SHACL_LIMIT", "Breach", "breaches"]

SHACL_LIMIT = 5_000  # pyshacl: ~0.2 s at 400 triples, ~2.4 s at 12k, ~23 s at 118k

Breach = tuple[URIRef, str, object]  # (focus node, rule code, offending value or None)

_STRING, _INTEGER = str(XSD.string), str(XSD.integer)  # as ``Term`` holds datatypes
_OWNED = ("service", "resource", "system", "vendor", "assumption")
_TEAM_STATUSES = ("active", "dissolved")
_ASSUMPTION_STATUSES = ("unverified", "verified", "invalid")


def breaches(index: EstateIndex) -> Iterator[Breach]:
    """What pyshacl would report for our shapes: one (focus, rule, value) per result."""
    values = _Values(index)
    for node, kind in index.kinds.items():
        if kind in _OWNED:
            yield from _ownership(index, values, node)
        if kind == "team":
            if not index.sources(node, IC.memberOf) and index.value(node, IC.contact) is None:
                yield (node, "unreachable-team", node)
            yield from _status(values, node, "bad-team-status", _TEAM_STATUSES)
        if kind == "assumption":
            if str(node) not in values.statuses:
                yield (node, "assumption-without-status", None)
            yield from _status(values, node, "bad-assumption-status", _ASSUMPTION_STATUSES)
    for subject, tiers in values.tiers.items():
        yield from _tier(URIRef(subject), tiers)


class _Values:
    """Every status and tier of the graph, by subject, read in one pass each."""

    def __init__(self, index: EstateIndex) -> None:
        pairs = Pairs(index.graph)
        self.statuses = _by_subject(*pairs.terms(IC.status))
        self.tiers = _by_subject(*pairs.terms(IC.tier))
        self.dissolved = {
            subject
            for subject, terms in self.statuses.items()
            if Term("dissolved", _STRING, None) in terms
        }


def _by_subject(subjects: list[str], terms: list[Term]) -> dict[str, list[Term]]:
    found: dict[str, list[Term]] = defaultdict(list)
    for subject, term in zip(subjects, terms, strict=True):
        found[subject].append(term)
    return found


def _ownership(index: EstateIndex, values: _Values, node: URIRef) -> Iterator[Breach]:
    owners = index.targets(node, IC.ownedBy)
    if not owners:
        yield (node, "no-owner", None)
    if len(owners) > 1:
        yield (node, "several-owners", None)
    for owner in owners:
        if index.kind(owner) not in ("team", "person"):
            yield (node, "owner-not-team-or-person", owner)
        if str(owner) in values.dissolved:
            yield (node, "dissolved-owner", owner)


def _status(values: _Values, node: URIRef, rule: str, allowed: tuple[str, ...]) -> Iterator[Breach]:
    found = values.statuses.get(str(node), [])
    if len(found) > 1:
        yield (node, rule, None)
    for term in found:
        if not (term.datatype == _STRING and term.text in allowed):
            yield (node, rule, term.as_rdflib())


def _tier(node: URIRef, terms: list[Term]) -> Iterator[Breach]:
    if len(terms) > 1:
        yield (node, "bad-tier", None)
    for term in terms:
        if not (term.datatype == _INTEGER and _integer(term.text) in (1, 2, 3)):
            yield (node, "bad-tier", term.as_rdflib())


def _integer(text: str) -> int | None:
    """An xsd:integer's value as rdflib reads it, None if ill-formed."""
    try:
        return int(text)
    except ValueError:
        return None
