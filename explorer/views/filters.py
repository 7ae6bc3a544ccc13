"""Narrowing what is shown: by kind, relation, owning team, tier, gap rule, how sure a
path is, and whether calls seen in traffic count.

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

from explorer.analysis import Gap, Reach, Via
from explorer.domain.kinds import Kind
from explorer.domain.model import Entity
from explorer.domain.relations import BY_NAME, BY_PREDICATE
from explorer.graph.index import index_of
from explorer.statements import Confidence, at_least
from explorer.views.graph_view import GraphView, laid_out

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
    declared_only: bool = False  # leave out calls seen in traffic, and what only they reach

    @property
    def active(self) -> bool:
        return (
            self.confidence is not Confidence.SUSPECTED
            or self.declared_only
            or any((self.kinds, self.relations, self.owners, self.tiers, self.rules))
        )

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
        if self.declared_only:
            parts.append(("paths", ["declared only"]))
        return " · ".join(f"{name}: {', '.join(values)}" for name, values in parts)

    def keeps(self, entity: Entity, rules: frozenset[str] = frozenset()) -> bool:
        """Whether ``entity`` (breaking gap ``rules``) passes every facet; a team passes
        the owner facet when it is one of the owners."""
        if self.kinds and entity.kind not in self.kinds:
            return False
        if self.declared_only and entity.kind is Kind.OBSERVED:
            return False
        if self.owners and not (set(entity.owners) | {entity.label}) & self.owners:
            return False
        if self.tiers and entity.tier not in self.tiers:
            return False
        return not self.rules or bool(rules & self.rules)

    def keeps_relation(self, name: str) -> bool:
        if self.declared_only and BY_NAME[name].observed:
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
        edge
        for edge in view.edges
        if edge.source in nodes and edge.target in nodes and chosen.keeps_relation(edge.relation)
    ]
    return laid_out(nodes, edges, view.layered)


def filtered_reach(answer: Reach, chosen: Filter, rules: Rules) -> Reach:
    """The reached nodes the filter keeps (reached as surely as it asks; by a declared
    path, if it asks for declared only), and the teams that own one of them."""
    if not chosen.active:
        return answer
    impacted = tuple(
        replace(i, via=Via.DECLARED) if chosen.declared_only else i
        for i in answer.impacted
        if chosen.keeps(i.entity, rules.get(i.entity.iri, frozenset()))
        and at_least(i.confidence, chosen.confidence)
        and not (chosen.declared_only and i.via is Via.OBSERVED)
    )
    ids = {i.entity.id for i in impacted} | {answer.node.id}
    teams = tuple(
        replace(t, owns=tuple(o for o in t.owns if o in ids))
        for t in answer.teams
        if ids & set(t.owns)
    )
    iris = {i.entity.iri for i in impacted} | {answer.node.iri}
    asked = tuple(q for q in answer.questions if iris.intersection(q.about))
    return replace(answer, impacted=impacted, teams=teams, questions=asked)


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
