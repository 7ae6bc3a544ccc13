"""Adjacency of the relations the analyses walk, read from the graph once.

Walking rdflib's store node by node (or with SPARQL property paths) is one to two orders
of magnitude slower than plain dictionaries, so every analysis works on this index. A
loaded graph is treated as read-only; the index is rebuilt if the graph's size changes.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from rdflib import RDF, RDFS, Graph, URIRef
from rdflib.namespace import DCTERMS, ORG

from explorer.model import UNKNOWN, Entity, as_tier, kind_of, sort_key
from explorer.vocab import ALL_KIND_CLASSES, IC, id_from_iri

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
    """Adjacency per relation, and every node's kind, label, tier, status and description.

    All of it is read in a few passes over the graph, so that describing a node during a
    walk of a hundred thousand is a dictionary lookup, not six queries of the store.
    """

    graph: Graph
    forward: dict[URIRef, Adjacency] = field(default_factory=dict)
    backward: dict[URIRef, Adjacency] = field(default_factory=dict)
    kinds: dict[URIRef, str] = field(default_factory=dict)
    tiers: dict[URIRef, int] = field(default_factory=dict)  # valid tiers (1..3), for weights
    values: dict[URIRef, dict[URIRef, str]] = field(
        default_factory=dict
    )  # attribute -> node -> text
    size: int = 0
    _entities: dict[URIRef, Entity] = field(default_factory=dict)
    _ids: dict[URIRef, str] = field(default_factory=dict)

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
        for attribute in _ATTRIBUTES:
            found: dict[URIRef, str] = {}
            for node, value in graph.subject_objects(attribute):
                if isinstance(node, URIRef):
                    found.setdefault(node, str(value))
            index.values[attribute] = found
        for node, tier in index.values[IC.tier].items():
            if tier.strip() in ("1", "2", "3"):
                index.tiers[node] = int(tier)
        return index

    def targets(self, node: URIRef, predicate: URIRef) -> list[URIRef]:
        """Nodes ``node`` points at with ``predicate`` (node -> target)."""
        return self.forward[predicate].get(node, [])

    def sources(self, node: URIRef, predicate: URIRef) -> list[URIRef]:
        """Nodes that point at ``node`` with ``predicate`` (source -> node)."""
        return self.backward[predicate].get(node, [])

    def kind(self, node: URIRef) -> str:
        return self.kinds.get(node, UNKNOWN)

    def id_of(self, node: URIRef) -> str:
        found = self._ids.get(node)
        if found is None:
            found = self._ids[node] = id_from_iri(str(node))
        return found

    def label(self, node: URIRef) -> str:
        return self.values[RDFS.label].get(node) or self.id_of(node)

    def entity(self, node: URIRef) -> Entity:
        """The node's record, as ``explorer.model.entity`` gives it, from the index."""
        found = self._entities.get(node)
        if found is None:
            values = self.values
            description = values[DCTERMS.description].get(node) or values[RDFS.comment].get(
                node, ""
            )
            found = self._entities[node] = Entity(
                iri=str(node),
                id=self.id_of(node),
                label=self.label(node),
                kind=self.kind(node),
                description=description,
                owners=tuple(sorted(self.label(o) for o in self.targets(node, IC.ownedBy))),
                tier=as_tier(values[IC.tier].get(node)),
                status=values[IC.status].get(node, ""),
            )
        return found

    def entities(self) -> list[Entity]:
        """Every node of a known kind, in the order users see them."""
        return sorted((self.entity(node) for node in self.kinds), key=sort_key)

    def weight(self, node: URIRef) -> int:
        return tier_weight(self.tiers.get(node))


_ATTRIBUTES = (RDFS.label, DCTERMS.description, RDFS.comment, IC.tier, IC.status)


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
