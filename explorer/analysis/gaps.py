"""Ownership gaps: what has no owner, a gone owner, or an owner nobody can reach; what
traffic shows that no source declares (``explorer.analysis.traffic_gaps``); what deploy
files run that no catalog lists (``explorer.analysis.deploy_gaps``); and what needs
something less critical than itself (``explorer.analysis.tier_gaps``). Each says what to
do next, and whom to ask (``explorer.analysis.next_steps``).

Rules SHACL states well (cardinality, class, status values) come from validating
``ontology/shapes.ttl`` with pyshacl; each shape names its rule code (``ics:rule``). Rules
that need the graph's structure (an unverified assumption under a tier-1 service, a
placeholder) are plain code. Every gap is ranked by ``impact``: the weighted size of the
blast radius of what the gap leaves without a reachable owner.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import replace
from datetime import date
from functools import cache

import rdflib
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import SH

from explorer.analysis.deploy_gaps import deploy_gaps, unowned_resource, utility_resource
from explorer.analysis.gap import Gap
from explorer.analysis.impact import impact_of
from explorer.analysis.next_steps import next_step
from explorer.analysis.question_gaps import overdue_gaps
from explorer.analysis.shape_rules import SHACL_LIMIT, Breach, breaches
from explorer.analysis.tier_gaps import tier_gaps
from explorer.analysis.traffic_gaps import traffic_gaps
from explorer.domain.clock import today
from explorer.domain.kinds import Kind
from explorer.domain.model import Entity
from explorer.domain.relations import ASSUMES, OWNED_BY
from explorer.domain.rules import Rule
from explorer.domain.statuses import AssumptionStatus
from explorer.domain.tiers import tier_problem
from explorer.domain.vocab import IC
from explorer.files.resources import ontology_file
from explorer.graph.index import EstateIndex, index_of

__all__ = [
    "ICS",
    "Gap",
    "assumption_rules",
    "deployed",
    "gaps_of",
    "inverted",
    "ownership_gaps",
    "traffic",
]

ICS = Namespace("https://infra-context.dev/shapes#")


@cache
def _shapes() -> Graph:
    return Graph().parse(ontology_file("shapes.ttl"))


def ownership_gaps(graph: Graph, on: date | None = None) -> list[Gap]:
    """Every ownership gap, most impact first; questions are overdue ``on`` a day (by
    default today, see ``explorer.domain.clock``).

    >>> from explorer.ingest import load
    >>> [(str(g.rule), g.entity.id) for g in ownership_gaps(load().graph)][:2]
    [('no-owner', 'vendor-obsidian-optics'), ('invalid-assumption-in-use', 'assume-three-zones')]
    """
    index = index_of(graph)
    return with_overdue(index, index.derived("gaps", lambda: _gaps(index)), on or today())


def _gaps(index: EstateIndex) -> list[Gap]:
    """Every gap but overdue questions (which depend on the day), most impact first."""
    shapes = shacl_breaches(index) if index.size <= SHACL_LIMIT else list(breaches(index))
    found = gaps_of(index, [*shapes, *_assumption_breaches(index), *_placeholder_breaches(index)])
    return [*found, *traffic(index), *deployed(index), *inverted(index)]


def traffic(index: EstateIndex) -> list[Gap]:
    """The gaps between observed calls and declared dependencies, ranked as the others."""
    return traffic_gaps(index, lambda n: impact_of(index, index.nodes[n]))


def deployed(index: EstateIndex) -> list[Gap]:
    """The gaps between what deploy files run and what catalogs list, ranked likewise."""
    return deploy_gaps(index, lambda n: impact_of(index, index.nodes[n]))


def inverted(
    index: EstateIndex, pairs: Collection[tuple[URIRef, URIRef]] | None = None
) -> list[Gap]:
    """The tier inversions (of ``pairs`` only, if given), ranked likewise."""
    return tier_gaps(index, lambda n: impact_of(index, index.nodes[n]), pairs)


def with_overdue(index: EstateIndex, gaps: list[Gap], on: date) -> list[Gap]:
    """``gaps`` and the overdue questions' gaps, most impact first."""
    return sorted([*gaps, *overdue_gaps(index, on)], key=_rank)


def _rank(gap: Gap) -> tuple[int, str, str]:
    return (-gap.impact, gap.rule, gap.entity.id)


def gaps_of(index: EstateIndex, found: Iterable[Breach]) -> list[Gap]:
    """The gaps that breaches make, each said once, most impact first.

    The graph behind ``index`` must describe each breach's node, its owners, what it owns
    and what its failure hurts; a SPARQL endpoint's gaps are made here too, from a copy
    of just that.
    """
    gaps: dict[tuple[str, str], Gap] = {}
    found = [b for b in found if b[1] is not Rule.NO_OWNER or not utility_resource(index, b[0])]
    # of several breaches of one rule on one node, the message names an offending value
    for focus, rule, value in sorted(found, key=lambda b: (b[2] is None, str(b[2]))):
        gap = _gap_of(index, focus, rule, value)
        gaps.setdefault((gap.entity.iri, gap.rule), gap)
    return sorted(gaps.values(), key=_rank)


def _gap_of(index: EstateIndex, focus: URIRef, rule: Rule, value: object) -> Gap:
    if rule in _ASSUMPTION_RULES.values():
        return _assumption_gap(index, focus, rule)
    if rule is Rule.UNDEFINED_REFERENCE:
        return _placeholder_gap(index, focus)
    if rule is Rule.NO_OWNER and (unowned := unowned_resource(index, focus)) is not None:
        return replace(unowned, impact=impact_of(index, focus))
    return _shacl_gap(index, focus, rule, value)


def _gap(index: EstateIndex, node: URIRef, rule: Rule, message: str) -> Gap:
    step = next_step(index, rule, index.number[node])
    return Gap(index.entity(node), rule, message, impact_of(index, node), *step)


def _names(index: EstateIndex, nodes: list[URIRef]) -> str:
    labels = sorted(index.entity(n).label for n in nodes)
    return ", ".join(labels[:3]) + (f" and {len(labels) - 3} more" if len(labels) > 3 else "")


def _rely(nodes: list[URIRef]) -> str:
    return "relies" if len(nodes) == 1 else "rely"


def shacl_breaches(index: EstateIndex) -> list[Breach]:
    """(focus, rule, value) of every result of validating our shapes with pyshacl."""
    from pyshacl import validate  # only small graphs are validated by pyshacl

    shapes = _shapes()
    data = Graph()  # pyshacl asks node by node, which rdflib's memory store answers fastest
    data += index.graph
    try:
        _, report, _ = validate(data, shacl_graph=shapes, inference="none")
    finally:  # pyshacl turns rdflib's normalising back on, for every later parse too
        rdflib.NORMALIZE_LITERALS = False
    assert isinstance(report, Graph)
    found: list[Breach] = []
    for result in report.objects(None, SH.result):  # top level only, not sh:detail
        focus = report.value(result, SH.focusNode)
        rule = shapes.value(report.value(result, SH.sourceShape), ICS.rule)
        if isinstance(focus, URIRef) and rule is not None:
            found.append((focus, Rule(str(rule)), report.value(result, SH.value)))
    return found


def _shacl_gap(index: EstateIndex, node: URIRef, rule: Rule, value: object) -> Gap:
    label = index.entity(node).label
    other = index.entity(value) if isinstance(value, URIRef) else None
    if rule is Rule.OWNER_NOT_TEAM_OR_PERSON and other and other.kind in _UNDEFINED:
        message = f"{label} is owned by '{other.label}', which no source defines"
        message += _did_you_mean(index, URIRef(other.iri))
        return _gap(index, node, Rule.DANGLING_OWNER, message)
    return _gap(index, node, rule, _shape_message(index, node, rule, value, other))


_UNDEFINED = (Kind.UNKNOWN, Kind.PLACEHOLDER)


def _shape_message(
    index: EstateIndex, node: URIRef, rule: Rule, value: object, other: Entity | None
) -> str:
    label = index.entity(node).label
    owners = index.targets(node, OWNED_BY.predicate)
    named = other.label if other else value
    messages = {
        Rule.NO_OWNER: f"{label} has no owner",
        Rule.SEVERAL_OWNERS: f"{label} has {len(owners)} owners ({_names(index, owners)}): "
        "accountability is split",
        Rule.OWNER_NOT_TEAM_OR_PERSON: f"{label} is owned by {named}, "
        f"a {other.kind if other else 'value'}, not a team or a person",
        Rule.DISSOLVED_OWNER: f"{label} is owned by {named}, which was dissolved",
        Rule.UNREACHABLE_TEAM: f"Team {label} has no members and no contact: nobody can be told",
        Rule.ASSUMPTION_WITHOUT_STATUS: f"'{label}' has no status: nobody knows whether it holds",
    }
    if rule is Rule.BAD_TIER:
        return _tier_message(index, node, value)
    shown = value if isinstance(value, Literal) else ""
    return messages.get(rule, f"{label} has an unexpected value {str(shown)!r} ({rule})")


def _tier_message(index: EstateIndex, node: URIRef, value: object) -> str:
    label = index.entity(node).label
    if value is None:  # several tiers
        tiers = sorted(str(t) for t in index.graph.objects(node, IC.tier))
        return f"{label} has {len(tiers)} tiers ({', '.join(tiers)}): expected one"
    return f"{label}: {tier_problem(value)}"


# assumption status -> the rule an assumption with it breaks once something relies on it
_ASSUMPTION_RULES = {
    AssumptionStatus.UNVERIFIED: Rule.UNVERIFIED_TIER1_ASSUMPTION,
    AssumptionStatus.INVALID: Rule.INVALID_ASSUMPTION_IN_USE,
}


def _relying(index: EstateIndex, node: URIRef, rule: Rule) -> list[URIRef]:
    """What relies on an assumption; for the tier-1 rule, only what is tier 1."""
    relying = index.sources(node, ASSUMES.predicate)
    if rule is Rule.UNVERIFIED_TIER1_ASSUMPTION:
        return [n for n in relying if index.tiers.get(n) == 1]
    return relying


def _assumption_breaches(index: EstateIndex) -> list[Breach]:
    """Unverified assumptions under tier-1 things, and false ones anything relies on."""
    found: list[Breach] = []
    for node, kind in index.kinds.items():
        if kind is Kind.ASSUMPTION:
            found.extend((node, rule, None) for rule in assumption_rules(index, node))
    return found


def assumption_rules(index: EstateIndex, node: URIRef) -> list[Rule]:
    """The assumption rules ``node`` (an assumption) breaks."""
    status = (index.value(node, IC.status) or "").casefold()
    wanted = next((r for s, r in _ASSUMPTION_RULES.items() if s == status), None)
    return [wanted] if wanted and _relying(index, node, wanted) else []


def _assumption_gap(index: EstateIndex, node: URIRef, rule: Rule) -> Gap:
    relying = _relying(index, node, rule)
    label, names = index.entity(node).label, _names(index, relying)
    if rule is Rule.UNVERIFIED_TIER1_ASSUMPTION:
        message = f"'{label}' is unverified, yet tier-1 {names} {_rely(relying)} on it"
    else:
        message = f"'{label}' is known to be false, yet {names} {_rely(relying)} on it"
    return _gap(index, node, rule, message)


def _placeholder_breaches(index: EstateIndex) -> list[Breach]:
    """Each undefined name once: a placeholder only ever named as an owner is said by the
    dangling-owner gap of what it owns, not again here."""
    return [
        (node, Rule.UNDEFINED_REFERENCE, None)
        for node, kind in index.kinds.items()
        if kind is Kind.PLACEHOLDER and not _only_an_owner(index, node)
    ]


def _only_an_owner(index: EstateIndex, node: URIRef) -> bool:
    """Named as the owner of something, and in no other relation, either way."""
    n = index.number[node]
    incoming = [p for p, into in index.into.items() if into.get(n)]
    return incoming == [OWNED_BY.predicate] and not any(out.get(n) for out in index.out.values())


def _placeholder_gap(index: EstateIndex, node: URIRef) -> Gap:
    where = sorted((str(w) for w in index.graph.objects(node, IC.referencedIn)), key=_place)
    at = f" at {', '.join(where)}" if where else ""
    message = f"'{index.entity(node).id}' is referenced{at} but defined in no source"
    message += _did_you_mean(index, node)
    return _gap(index, node, Rule.UNDEFINED_REFERENCE, message)


def _place(where: str) -> tuple[str, int]:
    """``file:line`` in the order of files, then of lines as numbers (``:128`` before
    ``:1013``)."""
    path, _, line = where.rpartition(":")
    return (path, int(line)) if line.isdigit() else (where, 0)


def _did_you_mean(index: EstateIndex, placeholder: URIRef) -> str:
    """The entity the reference was probably meant for, as the importer found it."""
    close = sorted(str(o) for o in index.graph.objects(placeholder, IC.didYouMean))
    return f"; did you mean {close[0]}?" if close else ""
