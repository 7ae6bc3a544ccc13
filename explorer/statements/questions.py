"""Open questions on the graph: what is not known yet, about which nodes, asked of whom.

A question is a node of type ``ic:Question``::

    <urn:infra-explorer:question:…> a ic:Question ;
        ic:text "Who approves the DNS change?" ; ic:about id:dns-service ;
        ic:assignee id:team-dns ; ic:due "2026-12-15"^^xsd:date ;
        ic:questionStatus "open" ; ic:answer "…" ;
        dcterms:creator "alice" ; dcterms:created "…"^^xsd:dateTime .

None of its terms is a relation or an attribute the index reads, so a question is never
drawn or searched as an entity; answers list the open ones on what they reach.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, XSD
from rdflib.term import Node

from explorer.domain.vocab import IC

__all__ = [
    "QUESTION_IRI",
    "Question",
    "QuestionStatus",
    "parse_due",
    "question_triples",
    "questions_of",
]

QUESTION_IRI = "urn:infra-explorer:question:"


class QuestionStatus(StrEnum):
    OPEN = "open"
    ANSWERED = "answered"
    DROPPED = "dropped"


@dataclass(frozen=True)
class Question:
    """One question; ``about`` and ``assignee`` are IRIs."""

    iri: str
    text: str
    about: tuple[str, ...] = ()
    assignee: str | None = None
    due: date | None = None
    status: QuestionStatus = QuestionStatus.OPEN
    answer: str = ""
    author: str = ""
    made: datetime | None = None

    @property
    def open(self) -> bool:
        return self.status is QuestionStatus.OPEN

    def overdue(self, today: date) -> bool:
        """Open and past its due date."""
        return self.open and self.due is not None and self.due < today


def parse_due(text: object) -> date:
    """A due date as written (YYYY-MM-DD); a ValueError says so."""
    if isinstance(text, date) and not isinstance(text, datetime):
        return text
    try:
        return date.fromisoformat(str(text).strip())
    except ValueError:
        raise ValueError(f"due must be a date (YYYY-MM-DD), not {text!r}") from None


def questions_of(graph: Graph) -> list[Question]:
    """Every question in ``graph``, by due date (none last), then text."""
    found = [_question(graph, node) for node in set(graph.subjects(RDF.type, IC.Question))]
    found.sort(key=lambda q: (q.due is None, q.due or date.min, q.text.casefold(), q.iri))
    return found


def _question(graph: Graph, node: Node) -> Question:
    def text(predicate: URIRef) -> str:
        return str(graph.value(node, predicate) or "")

    due, made = graph.value(node, IC.due), graph.value(node, DCTERMS.created)
    status = text(IC.questionStatus).casefold()
    assignee = graph.value(node, IC.assignee)
    return Question(
        str(node),
        text(IC.text),
        tuple(sorted(str(a) for a in graph.objects(node, IC.about) if isinstance(a, URIRef))),
        str(assignee) if isinstance(assignee, URIRef) else None,
        _date(due),
        QuestionStatus(status) if status in tuple(QuestionStatus) else QuestionStatus.OPEN,
        text(IC.answer),
        text(DCTERMS.creator),
        _moment(made),
    )


def _date(term: Node | None) -> date | None:
    value = term.toPython() if isinstance(term, Literal) else None
    return value if isinstance(value, date) and not isinstance(value, datetime) else None


def _moment(term: Node | None) -> datetime | None:
    value = term.toPython() if isinstance(term, Literal) else None
    return value if isinstance(value, datetime) else None


def question_triples(question: Question) -> Iterable[tuple[URIRef, URIRef, Node]]:
    node = URIRef(question.iri)
    yield node, RDF.type, IC.Question
    yield node, IC.text, Literal(question.text)
    for about in question.about:
        yield node, IC.about, URIRef(about)
    if question.assignee:
        yield node, IC.assignee, URIRef(question.assignee)
    if question.due is not None:
        yield node, IC.due, Literal(question.due.isoformat(), datatype=XSD.date)
    yield node, IC.questionStatus, Literal(question.status.value)
    if question.answer:
        yield node, IC.answer, Literal(question.answer)
    if question.author:
        yield node, DCTERMS.creator, Literal(question.author)
    if question.made is not None:
        yield node, DCTERMS.created, Literal(question.made, datatype=XSD.dateTime)
