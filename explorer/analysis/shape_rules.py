"""The rules of ``ontology/shapes.ttl``, evaluated in plain code for large graphs.

pyshacl is the reference: below ``SHACL_LIMIT`` triples the gap analysis validates the
shapes with it. Above, validation takes tens of seconds (about 9 s for a million
triples on a 2-core machine, before building the report), so the same rules run here over the index.
A test keeps the two in agreement on the samples and on generated estates.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from rdflib import RDF, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from explorer.domain.kinds import ALL_KIND_CLASSES, OWNED_KINDS, Kind
from explorer.domain.relations import MEMBER_OF, OWNED_BY
from explorer.domain.rules import STATUS_RULE_KINDS, Rule
from explorer.domain.statuses import STATUSES, TeamStatus
from explorer.domain.tiers import parse_tier
from explorer.domain.vocab import IC
from explorer.graph.index import EstateIndex
from explorer.graph.scan import PredicateScan, Term, term_of

__all__ = ["OWNED_CLASSES", "SHACL_LIMIT", "STATUS_RULES", "Breach", "breaches", "value_breaks"]

SHACL_LIMIT = 5_000  # pyshacl: ~0.2 s at 400 triples, ~2.4 s at 12k, ~23 s at 118k

Breach = tuple[URIRef, Rule, object]  # (focus node, rule, offending value or None)

_STRING = str(XSD.string)  # as ``Term`` holds datatypes
# what the shapes target: a node typed with any of these classes, whatever else it is
OWNED_CLASSES = tuple(str(ALL_KIND_CLASSES[k]) for k in OWNED_KINDS)
_TEAM, _PERSON = str(IC.Team), str(IC.Person)
# status rule -> the class it checks and the statuses it allows
STATUS_RULES: dict[Rule, tuple[str, tuple[str, ...]]] = {
    rule: (str(ALL_KIND_CLASSES[kind]), STATUSES[kind]) for rule, kind in STATUS_RULE_KINDS.items()
}


def breaches(index: EstateIndex) -> Iterator[Breach]:
    """What pyshacl would report for our shapes: one (focus, rule, value) per result."""
    values = shape_values(index)
    for node in index.kinds:
        classes = values.classes[str(node)]
        if not classes.isdisjoint(OWNED_CLASSES):
            yield from _ownership(index, values, node)
        if _TEAM in classes and _unreachable(index, node):
            yield (node, Rule.UNREACHABLE_TEAM, node)
        if _ASSUMPTION in classes and str(node) not in values.statuses:
            yield (node, Rule.ASSUMPTION_WITHOUT_STATUS, None)
        for rule, (cls, allowed) in STATUS_RULES.items():
            if cls in classes:
                yield from _status(values, node, rule, allowed)
    for subject, tiers in values.tiers.items():
        yield from _tier(URIRef(subject), tiers)


_ASSUMPTION = str(ALL_KIND_CLASSES[Kind.ASSUMPTION])


def _unreachable(index: EstateIndex, team: URIRef) -> bool:
    return not index.sources(team, MEMBER_OF.predicate) and index.value(team, IC.contact) is None


def shape_values(index: EstateIndex) -> _Values:
    """The classes, statuses and tiers the rules check, read once per index (and kept with
    a warm start's index, so that gaps need not read the graph)."""
    return index.derived("shape values", lambda: _Values(index))


class _Values:
    """Every status and tier of the graph, by subject, read in one pass each."""

    def __init__(self, index: EstateIndex) -> None:
        pairs = PredicateScan(index.graph)
        self.classes: dict[str, set[str]] = defaultdict(set)
        for subject, cls in zip(*pairs.iris(RDF.type), strict=True):
            self.classes[subject].add(cls)
        self.statuses = _by_subject(*pairs.terms(IC.status))
        self.tiers = _by_subject(*pairs.terms(IC.tier))
        self.dissolved = {
            subject
            for subject, terms in self.statuses.items()
            if Term(TeamStatus.DISSOLVED, _STRING, None) in terms
        }


def _by_subject(subjects: list[str], terms: list[Term]) -> dict[str, list[Term]]:
    found: dict[str, list[Term]] = defaultdict(list)
    for subject, term in zip(subjects, terms, strict=True):
        found[subject].append(term)
    return found


def _ownership(index: EstateIndex, values: _Values, node: URIRef) -> Iterator[Breach]:
    owners = index.targets(node, OWNED_BY.predicate)
    if not owners:
        yield (node, Rule.NO_OWNER, None)
    if len(owners) > 1:
        yield (node, Rule.SEVERAL_OWNERS, None)
    for owner in owners:
        if values.classes[str(owner)].isdisjoint((_TEAM, _PERSON)):
            yield (node, Rule.OWNER_NOT_TEAM_OR_PERSON, owner)
        if str(owner) in values.dissolved:
            yield (node, Rule.DISSOLVED_OWNER, owner)


def _status(
    values: _Values, node: URIRef, rule: Rule, allowed: tuple[str, ...]
) -> Iterator[Breach]:
    found = values.statuses.get(str(node), [])
    if len(found) > 1:
        yield (node, rule, None)
    for term in found:
        if not _good_status(term, allowed):
            yield (node, rule, term.as_rdflib())


def _tier(node: URIRef, terms: list[Term]) -> Iterator[Breach]:
    if len(terms) > 1:
        yield (node, Rule.BAD_TIER, None)
    for term in terms:
        if not _good_tier(term):
            yield (node, Rule.BAD_TIER, term.as_rdflib())


def _good_status(term: Term, allowed: tuple[str, ...]) -> bool:
    return term.datatype == _STRING and term.text in allowed


def _good_tier(term: Term) -> bool:
    """As the shape's ``sh:pattern``: a literal's (or an IRI's) text names a tier."""
    return parse_tier(term.text) is not None


def value_breaks(rule: Rule, value: Node) -> bool:
    """Whether ``value`` breaks ``rule`` (bad-tier or a bad status rule), as decided above."""
    term = term_of(value)
    if rule is Rule.BAD_TIER:
        return not _good_tier(term)
    return not _good_status(term, STATUS_RULES[rule][1])
