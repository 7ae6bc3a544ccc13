"""Facts with who said them, when, from where and how sure: RDF reification.

A statement about a fact is a node of type ``rdf:Statement`` that names the fact with
``rdf:subject``, ``rdf:predicate`` and ``rdf:object`` (RDF's own vocabulary for it, read by
every RDF tool; rdflib has no RDF-star), and says of it::

    dcterms:creator "alice" ; dcterms:created "2026-12-01T10:00:00Z"^^xsd:dateTime ;
    dcterms:source "interview with the DNS team lead" ; ic:confidence "suspected" .

The fact itself is asserted beside it as a plain triple, so a tool that knows nothing of
statements still reads it. ``ic:retracted true`` says the fact does not hold: it is
taken out of the estate, whichever source states it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from rdflib import RDF, BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, XSD
from rdflib.term import Node

from explorer.domain.vocab import IC
from explorer.statements.confidence import Confidence, parse_confidence

__all__ = ["STATEMENT_IRI", "Fact", "Statement", "statement_triples", "statements_of"]

STATEMENT_IRI = "urn:infra-explorer:statement:"
Fact = tuple[URIRef, URIRef, Node]


@dataclass(frozen=True)
class Statement:
    """What one person said of one fact. ``confidence`` None: they did not say how sure."""

    fact: Fact
    confidence: Confidence | None = None
    author: str = ""
    made: datetime | None = None
    source: str = ""
    retracted: bool = False
    node: Node = field(default_factory=BNode, compare=False)

    @property
    def order(self) -> tuple[int, str]:
        """Older first; a statement with no time is older than any with one."""
        return (0, "") if self.made is None else (1, self.made.isoformat())


def statements_of(graph: Graph) -> list[Statement]:
    """Every statement in ``graph`` that names a whole fact, oldest first; one with a
    confidence that is none of the levels keeps the fact but not the word."""
    found = []
    for node in graph.subjects(RDF.type, RDF.Statement):
        parts = [graph.value(node, p) for p in (RDF.subject, RDF.predicate, RDF.object)]
        subject, predicate, value = parts
        if not isinstance(subject, URIRef) or not isinstance(predicate, URIRef) or value is None:
            continue
        found.append(_statement(graph, node, (subject, predicate, value)))
    found.sort(key=lambda s: s.order)
    return found


def _statement(graph: Graph, node: Node, fact: Fact) -> Statement:
    said = graph.value(node, IC.confidence)
    try:
        confidence = parse_confidence(str(said)) if said is not None else None
    except ValueError:
        confidence = None
    made = graph.value(node, DCTERMS.created)
    when = made.toPython() if isinstance(made, Literal) else None
    retracted = graph.value(node, IC.retracted)
    return Statement(
        fact,
        confidence,
        str(graph.value(node, DCTERMS.creator) or ""),
        when if isinstance(when, datetime) else None,
        str(graph.value(node, DCTERMS.source) or ""),
        isinstance(retracted, Literal) and retracted.toPython() is True,
        node,
    )


def statement_triples(statement: Statement) -> Iterable[tuple[Node, URIRef, Node]]:
    """The triples that say ``statement``: the fact too, unless it is retracted."""
    node, (subject, predicate, value) = statement.node, statement.fact
    if not statement.retracted:
        yield subject, predicate, value
    yield node, RDF.type, RDF.Statement
    yield node, RDF.subject, subject
    yield node, RDF.predicate, predicate
    yield node, RDF.object, value
    if statement.confidence is not None:
        yield node, IC.confidence, Literal(statement.confidence.value)
    if statement.author:
        yield node, DCTERMS.creator, Literal(statement.author)
    if statement.made is not None:
        yield node, DCTERMS.created, Literal(statement.made, datatype=XSD.dateTime)
    if statement.source:
        yield node, DCTERMS.source, Literal(statement.source)
    if statement.retracted:
        yield node, IC.retracted, Literal(True)
