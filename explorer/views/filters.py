"""Narrowing what is shown: by kind, relation, owning team, tier, gap rule, how sure a
path is, and which kinds of evidence count (declared, deployed, observed).

Backstage's catalog graph filters by kind, relation, owner and depth; a filter here does
the same for the canvas (whole and focus views), the impact and gaps lists, screenshots and
snapshots, with counts of what each choice keeps. A ``Filter`` is a plain value: an empty
facet keeps everything, a filled one keeps what matches any of its values, and the facets
combine (a tier-1 service owned by DNS and Edge).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from rdflib import Graph, URIRef

from explorer.analysis import Gap, Reach, TeamToTell
from explorer.domain.kinds import Kind
from explorer.domain.model import Entity
from explorer.domain.relations import BY_NAME, BY_PREDICATE, EVIDENCE, Evidence, Spread
from explorer.graph.index import index_of
from explorer.statements import Confidence, at_least
from explorer.views.graph_view import Edge, GraphView, laid_out

__all__ = [
    "NO_FILTER",
    "Facets",
    "Filter",
    "facet_counts",
    "filtered_gaps",
    "filtered_graph",
    "filtered_reach",
    "filtered_view",
    "rules_of",
    "walked_again",
]

Rules = Mapping[str, frozenset[str]]  # node IRI -> the gap rules it breaks


@dataclass(frozen=True)
class Filter:
    """What to keep; an empty facet keeps everything."""

    kinds: frozenset[str] = frozenset()
    relations: frozenset[str] = frozenset()  # relation names (``explorer.domain.relations``)
    owners: frozenset[str] = frozenset()  # owners' labels, as ``Entity.owners`` names them
    tiers: frozenset[int] = frozenset()
    rules: frozenset[str] = frozenset()  # gap rules
    confidence: Confidence = Confidence.SUSPECTED  # answers keep what is reached this surely
    # the kinds of evidence that count (none: all); the others' relations are left out, and
    # with them what only they reach
    evidence: frozenset[Evidence] = frozenset()

    @property
    def active(self) -> bool:
        return (
            self.confidence is not Confidence.SUSPECTED
            or any((self.kinds, self.relations, self.owners, self.tiers, self.rules))
            or self.counts_less
        )

    @property
    def counts_less(self) -> bool:
        """Whether some kind of evidence does not count."""
        return bool(self.evidence) and self.evidence != frozenset(EVIDENCE)

    def counts(self, kind: Evidence) -> bool:
        return not self.evidence or kind in self.evidence

    def describe(self) -> str:
        """The filter in words, for a status line or a picture's title.

        >>> Filter(kinds=frozenset({"vendor", "service"}), tiers=frozenset({1})).describe()
        'kind: service, vendor · tier: 1'
        """
        parts = [
            (name, sorted(str(v) for v in values))
            for name, values in (
                ("kind", self.kinds),
                ("relation", self.relations),
                ("owner", self.owners),
                ("tier", self.tiers),
                ("gap", self.rules),
            )
            if values
        ]
        if self.confidence is not Confidence.SUSPECTED:
            parts.append(("confidence", [f"at least {self.confidence}"]))
        if self.counts_less:
            parts.append(("evidence", [e.value for e in EVIDENCE if e in self.evidence]))
        return " · ".join(f"{name}: {', '.join(values)}" for name, values in parts)

    def keeps(self, entity: Entity, rules: frozenset[str] = frozenset()) -> bool:
        """Whether ``entity`` (breaking gap ``rules``) passes every facet; a team passes
        the owner facet when it is one of the owners."""
        if self.kinds and entity.kind not in self.kinds:
            return False
        if entity.kind is Kind.OBSERVED and not self.counts(Evidence.OBSERVED):
            return False
        if self.owners and not (set(entity.owners) | {entity.label}) & self.owners:
            return False
        if self.tiers and entity.tier not in self.tiers:
            return False
        return not self.rules or bool(rules & self.rules)

    def keeps_relation(self, name: str) -> bool:
        """Whether a relation's lines stay: one of the relations asked for, and, if it is one
        a failure travels along, of a kind of evidence counted (who owns what, and what is
        part of what, stay whatever is counted)."""
        relation = BY_NAME[name]
        if relation.spread is Spread.DEPENDENCY and not self.counts(relation.evidence):
            return False
        return not self.relations or name in self.relations

    def with_facet(self, facet: str, values: Iterable[Any]) -> Filter:
        """This filter with one facet (``kinds``, ``relations``...) set to ``values``."""
        chosen: dict[str, Any] = {facet: frozenset(values)}
        return replace(self, **chosen)


NO_FILTER = Filter()


@dataclass(frozen=True)
class Facets:
    """How many nodes (edges, for relations) each choice of each facet would keep."""

    kinds: Counter[str]
    relations: Counter[str]
    owners: Counter[str]
    tiers: Counter[int]
    rules: Counter[str]


def facet_counts(view: GraphView, rules: Rules) -> Facets:
    """The counts behind each choice, over the nodes and edges of ``view``."""
    nodes = view.nodes.values()
    return Facets(
        kinds=Counter(str(e.kind) for e in nodes),
        relations=Counter(edge.relation for edge in view.edges),
        owners=Counter(owner for e in nodes for owner in e.owners),
        tiers=Counter(e.tier for e in nodes if e.tier is not None),
        rules=Counter(rule for e in nodes for rule in rules.get(e.iri, ())),
    )


def filtered_view(
    view: GraphView, chosen: Filter, rules: Rules, centres: Iterable[str] = ()
) -> GraphView:
    """``view`` with only what the filter keeps (and the ``centres``), laid out anew so
    that what is left uses the room."""
    if not chosen.active:
        return view
    always = set(centres)
    nodes = {
        iri: e
        for iri, e in view.nodes.items()
        if iri in always or chosen.keeps(e, rules.get(iri, frozenset()))
    }
    edges = [
        kept
        for edge in view.edges
        if edge.source in nodes and edge.target in nodes
        if (kept := _kept_line(edge, chosen)) is not None
    ]
    return laid_out(nodes, edges, view.layered)


def _kept_line(edge: Edge, chosen: Filter) -> Edge | None:
    """The line as the filter keeps it: a relation it leaves out gives way to one drawn
    with it that it keeps (a deployed connection under a declared dependency)."""
    for name in (edge.relation, *edge.folded):
        if chosen.keeps_relation(name):
            return edge if name == edge.relation else replace(edge, relation=name, folded=())
    return None


def walked_again(answer: Reach, chosen: Filter) -> bool:
    """Whether the kinds of evidence ``chosen`` counts need the answer's walk made again:
    leaving out the later kinds of those it counted (observed; deployed and observed) is a
    matter of what the walk met first, but any other choice walks other paths."""
    if not chosen.counts_less:
        return False
    kept = [e for e in answer.counted if chosen.counts(e)]
    return kept != list(answer.counted[: len(kept)])


def filtered_reach(answer: Reach, chosen: Filter, rules: Rules) -> Reach:
    """The reached nodes the filter keeps (reached as surely as it asks; by a path of the
    kinds of evidence it counts), and the teams that own one of them. The answer must be
    one whose walk the filter need not make again (``walked_again``)."""
    if not chosen.active:
        return answer
    if walked_again(answer, chosen):
        raise ValueError("the filter counts other kinds of evidence: ask the answer again")
    order = tuple(e for e in answer.counted if chosen.counts(e))
    counted = frozenset(order)
    impacted = tuple(
        replace(i, via=i.via & counted) if counted else i
        for i in answer.impacted
        if chosen.keeps(i.entity, rules.get(i.entity.iri, frozenset()))
        and at_least(i.confidence, chosen.confidence)
        and (not answer.counted or i.needs in counted)
    )
    ids = {i.entity.id for i in impacted} | {e.id for e in answer.changes}
    teams = tuple(_owning(t, ids) for t in answer.teams if ids & set(t.owns))
    iris = {i.entity.iri for i in impacted} | {e.iri for e in answer.changes}
    asked = tuple(q for q in answer.questions if iris.intersection(q.about))
    nobody = tuple(u for u in answer.nobody if u.entity.iri in iris)
    return replace(
        answer, impacted=impacted, teams=teams, questions=asked, counted=order, nobody=nobody
    )


def _owning(team: TeamToTell, ids: set[str]) -> TeamToTell:
    """A team with only what it owns among ``ids``, each with the changes that reach it."""
    kept = [k for k, owned in enumerate(team.owns) if owned in ids]
    why = tuple(team.why[k] for k in kept) if team.why else ()
    return replace(team, owns=tuple(team.owns[k] for k in kept), why=why)


def filtered_gaps(gaps: Iterable[Gap], chosen: Filter) -> list[Gap]:
    """The gaps of the rules the filter keeps, on nodes it keeps."""
    return [g for g in gaps if chosen.keeps(g.entity, frozenset({g.rule}))]


def rules_of(gaps: Iterable[Gap]) -> dict[str, frozenset[str]]:
    """Node IRI -> the rules it breaks."""
    found: dict[str, set[str]] = {}
    for gap in gaps:
        found.setdefault(gap.entity.iri, set()).add(gap.rule)
    return {iri: frozenset(rules) for iri, rules in found.items()}


def filtered_graph(graph: Graph, chosen: Filter, rules: Rules) -> Graph:
    """The part of ``graph`` about the nodes the filter keeps: every triple of such a node,
    but for relations the filter leaves out or that lead to a node it leaves out."""
    if not chosen.active:
        return graph
    index = index_of(graph)
    dropped = {
        URIRef(e.iri)
        for e in (index.entity(n) for n in index.nodes)
        if not chosen.keeps(e, rules.get(e.iri, frozenset()))
    }
    out = Graph()
    for prefix, namespace in graph.namespaces():
        out.bind(prefix, namespace, override=True, replace=True)
    for s, p, o in graph:
        if s in dropped:
            continue
        relation = BY_PREDICATE.get(p)  # type: ignore[call-overload]
        if relation is not None and (o in dropped or not chosen.keeps_relation(relation.name)):
            continue
        out.add((s, p, o))
    return out
