"""Adjacency of the relations the analyses walk, read from the graph once.

Walking rdflib's store node by node (or with SPARQL property paths) is one to two orders
of magnitude slower than plain dictionaries, so every analysis works on this index. A
loaded graph is treated as read-only; the index is rebuilt if the graph's size changes.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from rdflib import RDF, Graph, URIRef
from rdflib.namespace import ORG

from explorer.model import UNKNOWN, Entity, entity, kind_of
from explorer.vocab import ALL_KIND_CLASSES, IC

__all__ = ["RELATIONS", "EstateIndex", "index_of", "tier_weight"]

RELATIONS = (
    IC.dependsOn,
    IC.usesVendor,
    IC.assumes,
    IC.partOf,
    IC.ownedBy,
    IC.memberOf,
    ORG.subOrganizationOf,  # team hierarchy, as W3C ORG says it
)

Adjacency = dict[URIRef, list[URIRef]]


def tier_weight(tier: int | None) -> int:
    """How much a hurt node counts: tier 1 counts 3, tier 2 counts 2, the rest 1."""
    return {1: 3, 2: 2}.get(tier or 0, 1)


@dataclass
class EstateIndex:
    """Forward and backward adjacency per relation, plus kinds and tiers of nodes."""

    graph: Graph
    forward: dict[URIRef, Adjacency] = field(default_factory=dict)
    backward: dict[URIRef, Adjacency] = field(default_factory=dict)
    kinds: dict[URIRef, str] = field(default_factory=dict)
    tiers: dict[URIRef, int] = field(default_factory=dict)
    size: int = 0

    @classmethod
    def build(cls, graph: Graph) -> EstateIndex:
        index = cls(graph, size=len(graph))
        for predicate in RELATIONS:
            out: dict[URIRef, list[URIRef]] = defaultdict(list)
            back: dict[URIRef, list[URIRef]] = defaultdict(list)
            for s, o in graph.subject_objects(predicate):
                if isinstance(s, URIRef) and isinstance(o, URIRef):
                    out[s].append(o)
                    back[o].append(s)
            index.forward[predicate] = {k: sorted(set(v)) for k, v in out.items()}
            index.backward[predicate] = {k: sorted(set(v)) for k, v in back.items()}
        for cls_iri in (*ALL_KIND_CLASSES.values(), IC.Placeholder):
            for node in graph.subjects(RDF.type, cls_iri):
                if isinstance(node, URIRef) and node not in index.kinds:
                    index.kinds[node] = kind_of(graph, node) or UNKNOWN
        for node, tier in graph.subject_objects(IC.tier):
            if isinstance(node, URIRef) and str(tier).strip() in ("1", "2", "3"):
                index.tiers[node] = int(str(tier))
        return index

    def targets(self, node: URIRef, predicate: URIRef) -> list[URIRef]:
        """Nodes ``node`` points at with ``predicate`` (node -> target)."""
        return self.forward[predicate].get(node, [])

    def sources(self, node: URIRef, predicate: URIRef) -> list[URIRef]:
        """Nodes that point at ``node`` with ``predicate`` (source -> node)."""
        return self.backward[predicate].get(node, [])

    def kind(self, node: URIRef) -> str:
        return self.kinds.get(node, UNKNOWN)

    def entity(self, node: URIRef) -> Entity:
        return entity(self.graph, node)

    def weight(self, node: URIRef) -> int:
        return tier_weight(self.tiers.get(node))


_last: list[EstateIndex] = []  # one slot: the app and the CLI work on one graph at a time


def index_of(graph: Graph) -> EstateIndex:
    """The graph's index, reused while the same graph object is queried unchanged.

    One slot, not a table keyed by graph: an index holds its graph, so a table would keep
    every graph ever analysed alive.
    """
    cached = _last[0] if _last else None
    if cached is not None and cached.graph is graph and cached.size == len(graph):
        return cached
    index = EstateIndex.build(graph)  # a local: another thread may fill the slot meanwhile
    _last[:] = [index]
    return index
