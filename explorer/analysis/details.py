"""Everything about one node: what the details panel and ``infra-explorer show`` say.

Read from a graph that describes the node and its neighbours: a loaded estate, or the
small copy an endpoint answers from, so the two give the same record.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.term import Node

from explorer.analysis import Gap
from explorer.analysis.merges import Merged, merges
from explorer.domain.kinds import CLASS_KINDS
from explorer.domain.model import Entity
from explorer.domain.relations import BY_PREDICATE, CALLS, DEPENDS_ON, NAMED_LINKS, RELATIONS
from explorer.domain.vocab import IC
from explorer.graph.calls import Call, calls_of
from explorer.graph.index import EstateIndex, index_of
from explorer.graph.lookup import node_number
from explorer.statements import (
    ATTRIBUTES,
    Fact,
    Overruled,
    Question,
    Statement,
    statements_of,
)

__all__ = ["NodeDetails", "Related", "Said", "fact_words", "node_details", "said_json"]


@dataclass(frozen=True)
class Related:
    """One relation of a node, said from the node's side: "depends on", "needed by"."""

    name: str
    other: Entity
    outgoing: bool  # the node is the relation's source
    seen: Call | None = None  # the calls traffic showed along it


@dataclass(frozen=True)
class Said:
    """A statement about the node, in words: the fact, who said it, how sure, in which
    file; ``replaced`` the sources' values it overruled."""

    fact: str
    statement: Statement
    files: tuple[str, ...] = ()
    replaced: tuple[str, ...] = ()


@dataclass(frozen=True)
class NodeDetails:
    """A node's record, every label and contact, every relation both ways, where it is
    described, its gaps, what was said of it and the questions about it."""

    entity: Entity
    labels: tuple[str, ...]
    contacts: tuple[str, ...]
    relations: tuple[Related, ...]
    origins: tuple[str, ...]
    gaps: tuple[Gap, ...]
    said: tuple[Said, ...] = ()
    questions: tuple[Question, ...] = ()
    described_as: tuple[Merged, ...] = ()  # other sources' ids merged into it


Files = Callable[[Node], Sequence[str]]  # a statement's node -> the files that state it


def node_details(
    graph: Graph,
    node: URIRef,
    origins: Iterable[str],
    gaps: Iterable[Gap],
    overruled: Iterable[Overruled] = (),
    files: Files = lambda _: (),
) -> NodeDetails:
    """The details of ``node``; ``gaps`` are the estate's, of which the node's are kept.

    >>> from explorer.ingest import load
    >>> from explorer.domain.vocab import iri_for_id
    >>> details = node_details(load().graph, iri_for_id("gps-clock"), [], [])
    >>> [(r.name, r.other.id) for r in details.relations][:2]
    [('uses vendor', 'vendor-meridian'), ('owned by', 'team-dc-ops')]
    """
    index = index_of(graph)
    node_number(graph, node)  # an unknown node is refused, with the closest names
    outgoing = [
        Related(r.name, index.entity(o), True)
        for r in RELATIONS
        for o in index.targets(node, r.predicate)
    ]
    incoming = [
        Related(r.inverse, index.entity(s), False)
        for r in RELATIONS
        for s in index.sources(node, r.predicate)
    ]
    return NodeDetails(
        index.entity(node),
        _texts(graph, node, RDFS.label),
        _texts(graph, node, IC.contact),
        _with_calls(index, node, outgoing + incoming),
        tuple(origins),
        tuple(g for g in gaps if g.entity.iri == str(node)),
        _said(graph, node, list(overruled), files),
        tuple(q for q in index.questions() if str(node) in q.about or q.assignee == str(node)),
        tuple(merges(graph, node)),
    )


def _with_calls(index: EstateIndex, node: URIRef, related: list[Related]) -> tuple[Related, ...]:
    """Each relation with the calls seen along it; a call beside a declared dependency
    between the same two nodes is said once, on the dependency."""
    seen = calls_of(index)
    if not seen:
        return tuple(related)
    declared = {(r.other.iri, r.outgoing) for r in related if r.name in _DEPENDENCY}
    here = index.number.get(node)
    out = []
    for r in related:
        if r.name in _CALLS and (r.other.iri, r.outgoing) in declared:
            continue
        other = index.number.get(URIRef(r.other.iri))
        pair = (here, other) if r.outgoing else (other, here)
        call = seen.get(pair) if r.name in _DEPENDENCY | _CALLS else None  # type: ignore[arg-type]
        out.append(replace(r, seen=call) if call is not None else r)
    return tuple(out)


_DEPENDENCY = {DEPENDS_ON.name, DEPENDS_ON.inverse}
_CALLS = {CALLS.name, CALLS.inverse}


def _said(graph: Graph, node: URIRef, overruled: list[Overruled], files: Files) -> tuple[Said, ...]:
    """Every statement whose fact is about ``node`` (either end), newest first."""
    index = index_of(graph)
    found = []
    for statement in reversed(statements_of(graph)):
        if node not in (statement.fact[0], statement.fact[2]):
            continue
        replaced = tuple(
            fact_words(index, o.fact) for o in overruled if o.by.node == statement.node
        )
        found.append(
            Said(
                fact_words(index, statement.fact), statement, tuple(files(statement.node)), replaced
            )
        )
    return tuple(found)


def fact_words(index: EstateIndex, fact: Fact) -> str:
    """A fact as people say it: "DB depends on HSM", "DB's owner: Team B"."""
    subject, predicate, value = fact
    relation = BY_PREDICATE.get(predicate)
    if relation is not None and isinstance(value, URIRef):
        return f"{index.entity(subject).name} {relation.name} {index.entity(value).name}"
    word = next((name for name, p in ATTRIBUTES.items() if p == predicate), None)
    shown = index.entity(value).name if isinstance(value, URIRef) else str(value)
    if predicate == RDF.type:
        return f"{index.entity(subject).name} is a {CLASS_KINDS.get(value, value)}"  # type: ignore[call-overload]
    return (
        f"{index.entity(subject).name}'s {word or NAMED_LINKS.get(predicate, predicate)}: {shown}"
    )


def _texts(graph: Graph, node: URIRef, predicate: URIRef) -> tuple[str, ...]:
    return tuple(sorted(str(o) for o in graph.objects(node, predicate) if isinstance(o, Literal)))


def said_json(said: Said) -> dict[str, Any]:
    s = said.statement
    return {
        "fact": said.fact,
        "retracted": s.retracted,
        "confidence": s.confidence.value if s.confidence else None,
        "author": s.author or None,
        "created": s.made.isoformat() if s.made else None,
        "source": s.source or None,
        "files": list(said.files),
        "replaced": list(said.replaced),
    }
