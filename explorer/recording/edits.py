"""What a user can change in the app, as statements and questions: plain values, undoable.

Every edit is one ``Edit``: the statements it makes (each with who, when, from where and
how sure; see ``explorer.statements``) and the questions it adds or replaces. ``apply`` puts
it into the estate's graph and the context file's contents and returns what changed, and
``revert`` takes exactly that back, so the app's undo stack and the command line's view of
a saved context file always agree.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from uuid import uuid4

from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from explorer.domain.kinds import KIND_CLASSES, Kind
from explorer.domain.relations import ASSUMES, BY_NAME, DEPENDS_ON, MEMBER_OF, PART_OF, USES_VENDOR
from explorer.domain.statuses import STATUSES, AssumptionStatus
from explorer.domain.tiers import parse_tier, tier_problem
from explorer.domain.vocab import id_from_iri, iri_for_id
from explorer.recording.context_file import Context
from explorer.statements import (
    ATTRIBUTES,
    SINGLE_VALUED,
    STATEMENT_IRI,
    Confidence,
    Fact,
    Question,
    QuestionStatus,
    Statement,
    question_triples,
    statement_triples,
)
from explorer.statements.questions import QUESTION_IRI

__all__ = [
    "EDITABLE_RELATIONS",
    "Applied",
    "Edit",
    "Said",
    "add_node",
    "add_relation",
    "apply",
    "ask",
    "close_question",
    "mark_assumption",
    "remove_relation",
    "revert",
    "set_value",
]

EDITABLE_RELATIONS = tuple(r.name for r in (DEPENDS_ON, USES_VENDOR, ASSUMES, PART_OF, MEMBER_OF))

Triple = tuple[Node, URIRef, Node]


@dataclass(frozen=True)
class Said:
    """Who says it, when, from where (free text or a URL) and how sure."""

    author: str
    made: datetime
    source: str = ""
    confidence: Confidence = Confidence.LIKELY

    def statement(self, fact: Fact, retracted: bool = False) -> Statement:
        node = URIRef(STATEMENT_IRI + str(uuid4()))
        return Statement(
            fact, self.confidence, self.author, self.made, self.source, retracted, node
        )


@dataclass(frozen=True)
class Edit:
    """One undoable change; ``text`` names it in the undo history ("Delete program X"),
    ``done`` says it once made ("Deleted program X"; ``text`` when empty)."""

    text: str
    statements: tuple[Statement, ...] = ()
    questions: tuple[Question, ...] = ()  # added, or replacing the one with the same IRI
    done: str = ""


@dataclass
class Applied:
    """What ``apply`` changed, for ``revert`` to take back."""

    edit: Edit
    added: list[Triple] = field(default_factory=list)
    removed: list[Triple] = field(default_factory=list)
    replaced: dict[str, Question | None] = field(default_factory=dict)


def add_node(kind: Kind, entity_id: str, label: str, said: Said) -> Edit:
    """A new node of ``kind`` (a service, a team...), named ``label``."""
    iri = iri_for_id(entity_id)
    facts: list[Fact] = [(iri, RDF.type, KIND_CLASSES[kind])]
    if label.strip():
        facts.append((iri, RDFS.label, Literal(label.strip())))
    return Edit(f"Add {kind} {label or entity_id}", tuple(said.statement(f) for f in facts))


def set_value(
    node: URIRef,
    attribute: str,
    value: str,
    kind: Kind,
    said: Said,
    current: Iterable[Node] = (),
) -> Edit:
    """Set one of ``ATTRIBUTES`` of ``node``: the value replaces what the sources say (a
    contact, of which a node may have several, by retracting the ``current`` ones)."""
    predicate = ATTRIBUTES[attribute]
    term = _value(attribute, value, kind)
    statements = [said.statement((node, predicate, term))]
    if predicate not in SINGLE_VALUED:
        statements += [
            said.statement((node, predicate, old), retracted=True) for old in current if old != term
        ]
    return Edit(f"Set {attribute} of {id_from_iri(node)} to {value}", tuple(statements))


def _value(attribute: str, value: str, kind: Kind) -> Node:
    text = value.strip()
    if not text:
        raise ValueError(f"a {attribute} cannot be empty")
    if attribute == "owner":
        return URIRef(text) if "://" in text or text.startswith("urn:") else iri_for_id(text)
    if attribute == "tier":
        tier = parse_tier(text)
        if tier is None:
            raise ValueError(tier_problem(text))
        return Literal(tier, datatype=XSD.integer)
    if attribute == "status" and STATUSES.get(kind):
        allowed = STATUSES[kind]
        if text.casefold() not in allowed:
            raise ValueError(f"status of a {kind} must be one of {', '.join(allowed)}")
        return Literal(text.casefold())
    return Literal(text)


def add_relation(source: URIRef, relation: str, target: URIRef, said: Said) -> Edit:
    """``source <relation> target``: "depends on", "uses vendor", "assumes"..."""
    fact = (source, BY_NAME[relation].predicate, target)
    return Edit(f"Add {_named(fact, relation)}", (said.statement(fact),))


def remove_relation(source: URIRef, relation: str, target: URIRef, said: Said) -> Edit:
    """Say that ``source <relation> target`` does not hold, whichever source states it."""
    fact = (source, BY_NAME[relation].predicate, target)
    return Edit(f"Remove {_named(fact, relation)}", (said.statement(fact, retracted=True),))


def _named(fact: Fact, relation: str) -> str:
    return f"{id_from_iri(fact[0])} {relation} {id_from_iri(str(fact[2]))}"


def mark_assumption(node: URIRef, status: AssumptionStatus, said: Said) -> Edit:
    """An assumption found to hold (``verified``) or not (``invalid``)."""
    edit = set_value(node, "status", status.value, Kind.ASSUMPTION, said)
    return replace(edit, text=f"Mark assumption {id_from_iri(node)} {status.value}")


def ask(
    text: str,
    about: Iterable[str],
    said: Said,
    assignee: str | None = None,
    due: date | None = None,
) -> Edit:
    """A new open question about the nodes ``about`` (IRIs)."""
    question = Question(
        QUESTION_IRI + str(uuid4()),
        text.strip(),
        tuple(sorted(about)),
        assignee,
        due,
        QuestionStatus.OPEN,
        author=said.author,
        made=said.made,
    )
    return Edit(f"Ask {text.strip()[:40]}", questions=(question,))


def close_question(question: Question, status: QuestionStatus, answer: str = "") -> Edit:
    """Answer a question (with its answer) or drop it."""
    closed = replace(question, status=status, answer=answer.strip())
    return Edit(f"{status.value.capitalize()}: {question.text[:40]}", questions=(closed,))


def apply(graph: Graph, context: Context, edit: Edit) -> Applied:
    """Put ``edit`` into ``graph`` and ``context``, newest word winning as on loading
    (``explorer.statements.settle``)."""
    done = Applied(edit)
    for statement in edit.statements:
        _add(graph, statement_triples(statement), done)
        _settle_one(graph, statement, done)
        context.statements[statement.node] = statement
    for question in edit.questions:
        old = context.questions.get(question.iri)
        done.replaced[question.iri] = old
        if old is not None:
            _remove(graph, question_triples(old), done)
        _add(graph, question_triples(question), done)
        context.questions[question.iri] = question
    return done


def _settle_one(graph: Graph, statement: Statement, done: Applied) -> None:
    subject, predicate, value = fact = statement.fact
    if statement.retracted:
        _remove(graph, [fact], done)
    elif predicate in SINGLE_VALUED:
        others = [(subject, predicate, o) for o in graph.objects(subject, predicate) if o != value]
        _remove(graph, others, done)


def _add(graph: Graph, triples: Iterable[Triple], done: Applied) -> None:
    for triple in triples:
        if triple not in graph:
            graph.add(triple)
            done.added.append(triple)


def _remove(graph: Graph, triples: Iterable[Triple], done: Applied) -> None:
    for triple in list(triples):
        if triple in graph:
            graph.remove(triple)
            done.removed.append(triple)


def revert(graph: Graph, context: Context, done: Applied) -> None:
    """Take back exactly what ``apply`` changed."""
    for triple in reversed(done.added):
        graph.remove(triple)
    for triple in done.removed:
        graph.add(triple)
    for statement in done.edit.statements:
        context.statements.pop(statement.node, None)
    for iri, old in done.replaced.items():
        if old is None:
            context.questions.pop(iri, None)
        else:
            context.questions[iri] = old
