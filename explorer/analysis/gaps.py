"""Ownership gaps: what has no owner, a gone owner, or an owner nobody can reach.

Rules SHACL states well (cardinality, class, status values) come from validating
``ontology/shapes.ttl`` with pyshacl; each shape names its rule code (``ics:rule``). Rules
that need the graph's structure (an unverified assumption under a tier-1 service, a
placeholder) are plain code. Every gap is ranked by ``impact``: the weighted size of the
blast radius of what the gap leaves without a reachable owner.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from pyshacl import validate
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import SH

from explorer.analysis.blast_radius import hurt_by
from explorer.analysis.index import EstateIndex, index_of
from explorer.analysis.shape_rules import SHACL_LIMIT, Breach, breaches
from explorer.model import Entity
from explorer.resources import ontology_file
from explorer.vocab import IC

__all__ = ["RULES", "Gap", "assumption_rules", "gaps_of", "ownership_gaps"]

ICS = Namespace("https://infra-context.dev/shapes#")

# rule code -> what it means, for help texts and the README
RULES: dict[str, str] = {
    "no-owner": "a service, resource, system, vendor or assumption with no owner",
    "several-owners": "more than one owner, so accountability is split",
    "dangling-owner": "an owner that no source defines",
    "owner-not-team-or-person": "an owner that is defined, but is not a team or a person",
    "dissolved-owner": "an owner team that was dissolved",
    "unreachable-team": "a team with no members and no contact",
    "assumption-without-status": "an assumption nobody has marked verified or not",
    "unverified-tier1-assumption": "an unverified assumption that a tier-1 thing relies on",
    "invalid-assumption-in-use": "an assumption known to be false that something relies on",
    "undefined-reference": "a placeholder for an id that some source names but none defines",
    "bad-team-status": "a team status other than active or dissolved",
    "bad-assumption-status": "an assumption status other than unverified, verified, invalid",
    "bad-tier": "a tier other than 1, 2 or 3",
}


@dataclass(frozen=True)
class Gap:
    """One problem on one node. ``impact`` ranks it: bigger is more urgent."""

    entity: Entity
    rule: str
    message: str
    impact: int


@cache
def _shapes() -> Graph:
    return Graph().parse(ontology_file("shapes.ttl"))


def ownership_gaps(graph: Graph) -> list[Gap]:
    """Every ownership gap, most impact first.

    >>> from explorer.ingest import load
    >>> [(g.rule, g.entity.id) for g in ownership_gaps(load().graph)][:2]
    [('no-owner', 'vendor-obsidian-optics'), ('invalid-assumption-in-use', 'assume-three-zones')]
    """
    index = index_of(graph)
    shapes = shacl_breaches(index) if index.size <= SHACL_LIMIT else list(breaches(index))
    return gaps_of(index, [*shapes, *_assumption_breaches(index), *_placeholder_breaches(index)])


def gaps_of(index: EstateIndex, found: Iterable[Breach]) -> list[Gap]:
    """The gaps that breaches make, each said once, most impact first.

    The graph behind ``index`` must describe each breach's node, its owners, what it owns
    and what its failure hurts; a SPARQL endpoint's gaps are made here too, from a copy
    of just that.
    """
    gaps: dict[tuple[str, str], Gap] = {}
    # of several breaches of one rule on one node, the message names an offending value
    for focus, rule, value in sorted(found, key=lambda b: (b[2] is None, str(b[2]))):
        gap = _gap_of(index, focus, rule, value)
        gaps.setdefault((gap.entity.iri, gap.rule), gap)
    return sorted(gaps.values(), key=lambda g: (-g.impact, g.rule, g.entity.id))


def _gap_of(index: EstateIndex, focus: URIRef, rule: str, value: object) -> Gap:
    if rule in _ASSUMPTION_RULES:
        return _assumption_gap(index, focus, rule)
    if rule == "undefined-reference":
        return _placeholder_gap(index, focus)
    return _shacl_gap(index, focus, rule, value)


def _impact(index: EstateIndex, node: URIRef) -> int:
    """Weighted size of what is hurt if ``node`` (or what it owns) fails unattended."""
    number = index.number[node]
    starts = list(index.into[IC.ownedBy].get(number, ()))
    if index.kind_at[number] not in ("team", "person"):
        starts.append(number)
    hurt: set[int] = set()
    graph = hurt_by(index)
    for start in starts:
        if start not in hurt:
            hurt.update(graph.subcomponent(start, mode="out"))
    return sum(map(index.weight_at.__getitem__, hurt))


def _gap(index: EstateIndex, node: URIRef, rule: str, message: str) -> Gap:
    return Gap(index.entity(node), rule, message, _impact(index, node))


def _names(index: EstateIndex, nodes: list[URIRef]) -> str:
    labels = sorted(index.entity(n).label for n in nodes)
    return ", ".join(labels[:3]) + (f" and {len(labels) - 3} more" if len(labels) > 3 else "")


def _rely(nodes: list[URIRef]) -> str:
    return "relies" if len(nodes) == 1 else "rely"


def shacl_breaches(index: EstateIndex) -> list[Breach]:
    """(focus, rule, value) of every result of validating our shapes with pyshacl."""
    shapes = _shapes()
    data = Graph()  # pyshacl asks node by node, which rdflib's memory store answers fastest
    data += index.graph
    _, report, _ = validate(data, shacl_graph=shapes, inference="none")
    assert isinstance(report, Graph)
    found: list[Breach] = []
    for result in report.objects(None, SH.result):  # top level only, not sh:detail
        focus = report.value(result, SH.focusNode)
        rule = shapes.value(report.value(result, SH.sourceShape), ICS.rule)
        if isinstance(focus, URIRef) and rule is not None:
            found.append((focus, str(rule), report.value(result, SH.value)))
    return found


def _shacl_gap(index: EstateIndex, node: URIRef, rule: str, value: object) -> Gap:
    label = index.entity(node).label
    owners = index.targets(node, IC.ownedBy)
    other = index.entity(value) if isinstance(value, URIRef) else None
    if rule == "owner-not-team-or-person" and other and other.kind in ("unknown", "placeholder"):
        message = f"{label} is owned by '{other.id}', which no source defines"
        return _gap(index, node, "dangling-owner", message)
    messages = {
        "no-owner": f"{label} has no owner",
        "several-owners": f"{label} has {len(owners)} owners ({_names(index, owners)}): "
        "accountability is split",
        "owner-not-team-or-person": f"{label} is owned by {other.label if other else value}, "
        f"a {other.kind if other else 'value'}, not a team or a person",
        "dissolved-owner": f"{label} is owned by {other.label if other else value}, "
        "which was dissolved",
        "unreachable-team": f"Team {label} has no members and no contact: nobody can be told",
        "assumption-without-status": f"'{label}' has no status: nobody knows whether it holds",
    }
    shown = value if isinstance(value, Literal) else ""
    message = messages.get(rule, f"{label} has an unexpected value {str(shown)!r} ({rule})")
    return _gap(index, node, rule, message)


_ASSUMPTION_RULES = ("unverified-tier1-assumption", "invalid-assumption-in-use")


def _relying(index: EstateIndex, node: URIRef, rule: str) -> list[URIRef]:
    """What relies on an assumption; for the tier-1 rule, only what is tier 1."""
    relying = index.sources(node, IC.assumes)
    if rule == "unverified-tier1-assumption":
        return [n for n in relying if index.tiers.get(n) == 1]
    return relying


def _assumption_breaches(index: EstateIndex) -> list[Breach]:
    """Unverified assumptions under tier-1 things, and false ones anything relies on."""
    found: list[Breach] = []
    for node, kind in index.kinds.items():
        if kind == "assumption":
            found.extend((node, rule, None) for rule in assumption_rules(index, node))
    return found


def assumption_rules(index: EstateIndex, node: URIRef) -> list[str]:
    """The assumption rules ``node`` (an assumption) breaks."""
    status = (index.value(node, IC.status) or "").casefold()
    wanted = {"unverified": _ASSUMPTION_RULES[0], "invalid": _ASSUMPTION_RULES[1]}.get(status)
    return [wanted] if wanted and _relying(index, node, wanted) else []


def _assumption_gap(index: EstateIndex, node: URIRef, rule: str) -> Gap:
    relying = _relying(index, node, rule)
    label, names = index.entity(node).label, _names(index, relying)
    if rule == "unverified-tier1-assumption":
        message = f"'{label}' is unverified, yet tier-1 {names} {_rely(relying)} on it"
    else:
        message = f"'{label}' is known to be false, yet {names} {_rely(relying)} on it"
    return _gap(index, node, rule, message)


def _placeholder_breaches(index: EstateIndex) -> list[Breach]:
    return [
        (node, "undefined-reference", None)
        for node, kind in index.kinds.items()
        if kind == "placeholder"
    ]


def _placeholder_gap(index: EstateIndex, node: URIRef) -> Gap:
    where = sorted(str(w) for w in index.graph.objects(node, IC.referencedIn))
    at = f" at {', '.join(where)}" if where else ""
    message = f"'{index.entity(node).id}' is referenced{at} but defined in no source"
    return _gap(index, node, "undefined-reference", message)
