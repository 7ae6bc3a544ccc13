"""Adjacency of the relations the analyses walk, read from the graph once.

Walking rdflib's store node by node (or with SPARQL property paths) is one to two orders
of magnitude slower than plain lists, so every analysis works on this index. Nodes are
numbered in IRI order and the adjacency holds numbers: rdflib terms hash in Python, which
made a walk over term-keyed dictionaries ten times slower than one over integers, and
ascending numbers are ascending IRIs, so walks stay deterministic. A loaded graph is
treated as read-only; the index is rebuilt if the graph changes.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import cast

from rdflib import RDF, RDFS, Graph, URIRef
from rdflib.namespace import DCTERMS

from explorer.domain.kinds import CLASS_KINDS, Kind
from explorer.domain.model import Entity, sort_key
from explorer.domain.relations import PREDICATES
from explorer.domain.tiers import parse_tier, tier_weight
from explorer.domain.vocab import IC, id_from_iri
from explorer.graph.derived import Derivations, WarmAnswers
from explorer.graph.scan import Adjacency, PredicateScan, both_ways, every_one, one_each
from explorer.graph.store import version

__all__ = [
    "ATTRIBUTES",
    "DESCRIBING",
    "EstateIndex",
    "WarmAnswers",
    "entities",
    "index_of",
    "with_index",
]


@dataclass
class EstateIndex(Derivations):
    """Adjacency per relation, and every node's kind, label, tier, status and description.

    All of it is read in a few passes over the graph, so that describing a node during a
    walk of a hundred thousand is a list lookup, not six queries of the store. ``nodes``
    holds every node a relation, one of our types or an attribute names, in IRI order;
    ``number`` is the inverse. ``out`` and ``into`` give, per relation, the numbers a node
    points at and is pointed at from, ascending.
    """

    graph: Graph
    nodes: list[URIRef] = field(default_factory=list)
    number: dict[URIRef, int] = field(default_factory=dict)
    out: dict[URIRef, Adjacency] = field(default_factory=dict)
    into: dict[URIRef, Adjacency] = field(default_factory=dict)
    kinds: dict[URIRef, Kind] = field(default_factory=dict)
    kind_at: list[Kind] = field(default_factory=list)  # by number; Kind.UNKNOWN if untyped
    tiers: dict[URIRef, int] = field(default_factory=dict)  # valid tiers (1..3), for weights
    weight_at: list[int] = field(default_factory=list)  # tier_weight, by number
    values: dict[URIRef, dict[int, str]] = field(
        default_factory=dict
    )  # attribute -> node number -> text
    contact_lists: dict[int, tuple[str, ...]] = field(default_factory=dict)  # every contact
    size: int = 0  # triples
    version: int = 0  # explorer.graph.store.version of the graph when the index was built
    _entities: list[Entity | None] = field(default_factory=list)
    _text: list[dict[int, str]] = field(default_factory=list)  # values, in ATTRIBUTES order
    _owners: Adjacency = field(default_factory=dict)
    _derived: dict[str, object] = field(default_factory=dict)
    warm: WarmAnswers | None = field(default=None, repr=False)  # other processes' work
    _ids: list[str | None] = field(default_factory=list)

    @classmethod
    def build(cls, graph: Graph) -> EstateIndex:
        index = cls(graph, size=len(graph), version=version(graph))
        pairs = PredicateScan(graph)
        relations = {p: pairs.iris(p) for p in PREDICATES}
        typed, classes = pairs.iris(RDF.type)
        attributes = {a: pairs.texts(a) for a in ATTRIBUTES}
        described = set(typed)
        for subjects, _ in (*relations.values(), *attributes.values()):
            described.update(subjects)
        names = described.union(*(objects for _, objects in relations.values()))
        ordered = sorted(names)
        at = dict(zip(ordered, range(len(ordered)), strict=True)).__getitem__
        nodes = index.nodes = [URIRef(name) for name in ordered]
        index.number = dict(zip(nodes, range(len(nodes)), strict=True))
        index._ids = [None] * len(nodes)
        index._entities = [None] * len(nodes)
        for predicate, (subjects, objects) in relations.items():
            out, into = both_ways(list(map(at, subjects)), list(map(at, objects)))
            index.out[predicate], index.into[predicate] = out, into
        index._read_kinds(list(map(at, typed)), classes)
        index._mark_undefined(at(name) for name in names - described)
        for attribute, (subjects, texts) in attributes.items():
            chosen = one_each(subjects, texts)
            index.values[attribute] = {at(s): text for s, text in chosen.items()}
        index._text = [index.values[attribute] for attribute in ATTRIBUTES]
        index.contact_lists = every_one(at, *attributes[IC.contact])
        index._owners = index.out[IC.ownedBy]
        index.weight_at = [1] * len(nodes)
        index._read_tiers()
        return index

    def _read_tiers(self) -> None:
        for n, text in self.values[IC.tier].items():
            tier = parse_tier(text)
            if tier is not None:
                self.tiers[self.nodes[n]] = tier
                self.weight_at[n] = tier_weight(tier)

    def _read_kinds(self, typed: list[int], classes: list[str]) -> None:
        """Each typed node's kind; of several types, the first in ``CLASS_KINDS`` wins."""
        best: dict[int, int] = {}
        last = len(KIND_NAMES)
        for n, cls in zip(typed, classes, strict=True):
            rank = CLASS_RANK.get(cls, last)
            if rank < best.get(n, last):
                best[n] = rank
        self.kind_at = [Kind.UNKNOWN] * len(self.nodes)
        for n, rank in sorted(best.items()):
            self.kind_at[n] = KIND_NAMES[rank]
            self.kinds[self.nodes[n]] = KIND_NAMES[rank]

    def _mark_undefined(self, numbers: Iterable[int]) -> None:
        """A node some relation names that no source describes at all is a placeholder,
        as the YAML and CSV readers make one for a reference they cannot resolve: the
        same facts give the same estate from every format."""
        for n in numbers:
            self.kind_at[n] = Kind.PLACEHOLDER
            self.kinds[self.nodes[n]] = Kind.PLACEHOLDER

    def targets(self, node: URIRef, predicate: URIRef) -> list[URIRef]:
        """Nodes ``node`` points at with ``predicate`` (node -> target), in IRI order."""
        return self._terms(self.out[predicate], node)

    def sources(self, node: URIRef, predicate: URIRef) -> list[URIRef]:
        """Nodes that point at ``node`` with ``predicate`` (source -> node), in IRI order."""
        return self._terms(self.into[predicate], node)

    def _terms(self, adjacency: Adjacency, node: URIRef) -> list[URIRef]:
        n = self.number.get(node)
        nodes = self.nodes
        return [] if n is None else [nodes[m] for m in adjacency.get(n, ())]

    def edges(self, predicate: URIRef) -> Iterator[tuple[URIRef, URIRef]]:
        """Every (source, target) of ``predicate``, in IRI order."""
        nodes = self.nodes
        for n, targets in sorted(self.out[predicate].items()):
            for m in targets:
                yield nodes[n], nodes[m]

    def __getstate__(self) -> dict[str, object]:
        """A pickle leaves the graph out (a warm start gives its own, ``with_index``), and
        what is quicker made again than read: the maps keyed by IRI, and the IRIs as plain
        text (an ``rdflib`` term unpickles through its checks, several times slower)."""
        return {
            **self.__dict__,
            "graph": None,
            "warm": None,
            "nodes": [str(node) for node in self.nodes],
            "number": None,
            "_entities": None,  # made again as asked: most commands ask of few
            "kinds": [self.number[node] for node in self.kinds],  # in the order made
            "tiers": None,
        }

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)
        self.nodes = nodes = [URIRef(node) for node in cast(list[str], state["nodes"])]
        self.number = dict(zip(nodes, range(len(nodes)), strict=True))
        self._entities = [None] * len(nodes)
        self.kinds = {nodes[n]: self.kind_at[n] for n in cast(list[int], state["kinds"])}
        self.tiers = {}
        self._read_tiers()

    def related(self) -> set[URIRef]:
        """Every node some relation names, at either end (what search covers beside the
        typed entities, and what a whole view draws)."""
        numbers: set[int] = set()
        for adjacency in self.out.values():
            numbers.update(adjacency)
        for adjacency in self.into.values():
            numbers.update(adjacency)
        return {self.nodes[n] for n in numbers}

    def kind(self, node: URIRef) -> Kind:
        return self.kinds.get(node, Kind.UNKNOWN)

    def id_of(self, node: URIRef) -> str:
        n = self.number.get(node)
        return id_from_iri(str(node)) if n is None else self.id_at(n)

    def id_at(self, n: int) -> str:
        found = self._ids[n]
        if found is None:
            found = self._ids[n] = id_from_iri(self.nodes[n])
        return found

    def label(self, node: URIRef) -> str:
        n = self.number.get(node)
        return id_from_iri(str(node)) if n is None else self.label_at(n)

    def label_at(self, n: int) -> str:
        """The label to show: the node's own, or its id when it has none that shows."""
        label = self._text[_LABEL].get(n)
        return label if label is not None and label.strip() else self.id_at(n)

    def value(self, node: URIRef, attribute: URIRef) -> str | None:
        """The node's text for ``attribute`` (one of the index's; of several, the least),
        None if it has none."""
        n = self.number.get(node)
        return None if n is None else self.values[attribute].get(n)

    def contacts(self, node: URIRef) -> tuple[str, ...]:
        """Every contact the node has (a team's channel and list, say), sorted."""
        n = self.number.get(node)
        return () if n is None else self.contact_lists.get(n, ())

    def entity(self, node: URIRef) -> Entity:
        """The node's record; kind ``unknown`` when no source says what it is."""
        n = self.number.get(node)
        if n is None:  # named by no triple
            return Entity(
                iri=str(node), id=id_from_iri(str(node)), label=self.label(node), kind=Kind.UNKNOWN
            )
        return self.entity_at(n)

    def entity_at(self, n: int) -> Entity:
        found = self._entities[n]
        if found is None:
            text = self._text  # plain names: rdflib's namespaces look terms up in Python
            found = self._entities[n] = Entity(
                iri=str(self.nodes[n]),
                id=self.id_at(n),
                label=self.label_at(n),
                kind=self.kind_at[n],
                description=text[_DESCRIPTION].get(n) or text[_COMMENT].get(n, ""),
                owners=tuple(sorted(self.label_at(o) for o in self._owners.get(n, ()))),
                tier=parse_tier(text[_TIER].get(n)),
                status=text[_STATUS].get(n, ""),
            )
        return found

    def entities(self) -> list[Entity]:
        """Every node of a known kind, in the order users see them."""
        return sorted((self.entity(node) for node in self.kinds), key=sort_key)


KIND_NAMES = list(CLASS_KINDS.values())
CLASS_RANK = {str(cls): rank for rank, cls in enumerate(CLASS_KINDS)}  # placeholders last


ATTRIBUTES = (RDFS.label, DCTERMS.description, RDFS.comment, IC.tier, IC.status, IC.contact)
# what describes a node: a type, a relation from it, or an attribute (see ``_mark_undefined``)
DESCRIBING = (RDF.type, *PREDICATES, *ATTRIBUTES)
_LABEL, _DESCRIPTION, _COMMENT, _TIER, _STATUS, _CONTACT = range(len(ATTRIBUTES))


_CACHE = "_explorer_index"  # the attribute a graph keeps its index in


def index_of(graph: Graph) -> EstateIndex:
    """The graph's index, kept on the graph itself and rebuilt once the graph changes."""
    cached = getattr(graph, _CACHE, None)
    if isinstance(cached, EstateIndex) and cached.version == version(graph):
        return cached
    index = EstateIndex.build(graph)
    setattr(graph, _CACHE, index)  # two threads may both build; either is right
    return index


def with_index(graph: Graph, index: EstateIndex) -> Graph:
    """``graph`` with ``index`` as its index (one kept with a warm start's load)."""
    index.graph, index.version = graph, version(graph)
    setattr(graph, _CACHE, index)
    return graph


def entities(graph: Graph) -> list[Entity]:
    """Every node of a known kind, sorted by kind then label."""
    return index_of(graph).entities()
