"""Scans of the store, one predicate at a time: its (subject, object) pairs as plain
strings (``PredicateScan``), and what the index makes of them: adjacency lists of node
numbers, and one or every text per node."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import NamedTuple

import pyoxigraph as ox
from rdflib import RDF, XSD, Graph, Literal, URIRef
from rdflib.term import Node

from explorer.graph.store import datatype_of, literal, oxigraph_of

__all__ = [
    "Adjacency",
    "PredicateScan",
    "Term",
    "both_ways",
    "every_one",
    "named_iris",
    "one_each",
    "term_of",
]

Adjacency = dict[int, list[int]]  # node number -> numbers it points at (or is pointed at by)


def one_each(subjects: list[str], texts: list[str]) -> dict[str, str]:
    """One text per subject: of several, the least, so that the record is the same however
    a store orders what it holds (an endpoint's copy is filled in another order)."""
    chosen = dict(zip(subjects, texts, strict=True))
    if len(chosen) < len(subjects):
        for subject, text in zip(subjects, texts, strict=True):
            if text < chosen[subject]:
                chosen[subject] = text
    return chosen


def every_one(
    at: Callable[[str], int], subjects: list[str], texts: list[str]
) -> dict[int, tuple[str, ...]]:
    """Every text of each subject, sorted: the same whatever order a store gives."""
    found: dict[int, list[str]] = defaultdict(list)
    for subject, text in zip(subjects, texts, strict=True):
        found[at(subject)].append(text)
    return {n: tuple(sorted(set(texts))) for n, texts in found.items()}


def both_ways(sources: list[int], targets: list[int]) -> tuple[Adjacency, Adjacency]:
    """Both directions of one relation; lists ascend, and hold no repeats (RDF has none)."""
    out: dict[int, list[int]] = defaultdict(list)
    into: dict[int, list[int]] = defaultdict(list)
    for n, m in zip(sources, targets, strict=True):
        out[n].append(m)
        into[m].append(n)
    for adjacency in (out, into):
        for found in adjacency.values():
            found.sort()
    return dict(out), dict(into)


class Term(NamedTuple):
    """An object as rules about values see it: its text, and for a literal its datatype
    (``xsd:string`` for a plain one, ``rdf:langString`` with a language) and language;
    datatype None for an IRI or blank node."""

    text: str
    datatype: str | None
    language: str | None

    def as_rdflib(self) -> Node:
        if self.datatype is None:
            return URIRef(self.text)
        plain = self.datatype == str(XSD.string)
        return literal(self.text, None if plain else self.datatype, self.language)


def term_of(node: Node) -> Term:
    """An rdflib term as a ``Term``."""
    if not isinstance(node, Literal):
        return Term(str(node), None, None)
    if node.language:
        return Term(str(node), str(RDF.langString), node.language)
    return Term(str(node), str(node.datatype or XSD.string), None)


class PredicateScan:
    """(subject, object) pairs per predicate as two columns of plain strings.

    Subjects are IRIs. Read straight from Oxigraph when the graph is ours, and as strings,
    not rdflib terms: rdflib checks every character of an IRI it constructs and hashes its
    terms in Python, which would be most of the cost of reading a million triples.
    """

    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        self.oxigraph = oxigraph_of(graph)

    def iris(self, predicate: URIRef) -> tuple[list[str], list[str]]:
        """Pairs whose object is an IRI, as (subjects, objects)."""
        return self._read(predicate, "iris")

    def texts(self, predicate: URIRef) -> tuple[list[str], list[str]]:
        """Every pair, with the object's text (a literal's lexical form, an IRI's string)."""
        return self._read(predicate, "all")

    def literals(self, predicate: URIRef) -> tuple[list[str], list[str]]:
        """Pairs whose object is a literal, with its lexical form."""
        return self._read(predicate, "literals")

    def predicates(self) -> set[str]:
        """Every predicate the graph uses."""
        if self.oxigraph is None:
            return {str(p) for p in self.graph.predicates(unique=True)}
        found = self.oxigraph.query("SELECT DISTINCT ?p WHERE { ?s ?p ?o }")
        return {row[0].value for row in found}  # type: ignore[union-attr]

    def terms(self, predicate: URIRef) -> tuple[list[str], list[Term]]:
        """Every pair, with the object as a ``Term``: what rules about values check."""
        subjects: list[str] = []
        objects: list[Term] = []
        if self.oxigraph is None:
            for subject, obj in self.graph.subject_objects(predicate):
                if isinstance(subject, URIRef):
                    subjects.append(str(subject))
                    objects.append(term_of(obj))
            return subjects, objects
        pattern = (None, ox.NamedNode(predicate), None, ox.DefaultGraph())
        for quad in self.oxigraph.quads_for_pattern(*pattern):
            term, value = quad.subject, quad.object
            if isinstance(term, ox.NamedNode):
                subjects.append(term.value)
                if isinstance(value, ox.Literal):
                    datatype = datatype_of(value.datatype.value)
                    objects.append(Term(value.value, datatype, value.language))
                else:
                    objects.append(Term(str(value.value), None, None))  # type: ignore[union-attr]
        return subjects, objects

    def _read(self, predicate: URIRef, keep: str) -> tuple[list[str], list[str]]:
        """Pairs with IRI subjects; objects kept: "iris", "literals" or "all", as text."""
        subjects: list[str] = []
        objects: list[str] = []
        keep_subject, keep_object = subjects.append, objects.append
        if self.oxigraph is None:
            wanted = {"iris": URIRef, "literals": Literal, "all": Node}[keep]
            for subject, obj in self.graph.subject_objects(predicate):
                if isinstance(subject, URIRef) and isinstance(obj, wanted):
                    keep_subject(str(subject))
                    keep_object(str(obj))
            return subjects, objects
        named = ox.NamedNode
        wanted_type = {"iris": named, "literals": ox.Literal, "all": None}[keep]
        pattern = (None, named(predicate), None, ox.DefaultGraph())
        for quad in self.oxigraph.quads_for_pattern(*pattern):
            term, value = quad.subject, quad.object
            if type(term) is named and (wanted_type is None or type(value) is wanted_type):
                keep_subject(term.value)
                keep_object(value.value)  # type: ignore[union-attr]  # no quoted triples
        return subjects, objects


def named_iris(graph: Graph) -> set[str]:
    """Every IRI the graph names as a subject or an object."""
    pairs = PredicateScan(graph)
    names: set[str] = set()
    for predicate in pairs.predicates():
        subjects, objects = pairs.iris(URIRef(predicate))
        names.update(subjects, objects)
    return names
