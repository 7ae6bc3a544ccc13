"""What statements change in an estate: a retraction removes its fact, and a newer value of
a single-valued attribute replaces what the sources said.

Catalog files belong to other teams; what a user learns goes into a context file of their
own, loaded with the sources. For the answers to follow it, the estate must hold what the
context file says over what it contradicts, and ``show`` must be able to say so.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rdflib import RDFS, Graph, URIRef
from rdflib.namespace import DCTERMS

from explorer.domain.vocab import IC
from explorer.statements.confidence import Confidence
from explorer.statements.reified import Fact, Statement, statements_of

__all__ = ["ATTRIBUTES", "SINGLE_VALUED", "Overruled", "fact_confidence", "settle"]

# what one may set on a node, by the word the app, the docs and ``show`` use
ATTRIBUTES: dict[str, URIRef] = {
    "label": RDFS.label,
    "description": DCTERMS.description,
    "owner": IC.ownedBy,
    "tier": IC.tier,
    "status": IC.status,
    "contact": IC.contact,
}
# a statement of one of these replaces every other value of it on the same node
SINGLE_VALUED = frozenset(
    ATTRIBUTES[a] for a in ("label", "description", "owner", "tier", "status")
)


@dataclass(frozen=True)
class Overruled:
    """A fact a source stated that the estate no longer holds, and the statement why."""

    fact: Fact
    by: Statement


def settle(graph: Graph) -> list[Overruled]:
    """Apply the statements of ``graph`` to it, oldest first, so the newest word wins: a
    retraction removes its fact; any other statement asserts its fact and, for a
    ``SINGLE_VALUED`` attribute, removes the node's other values of it."""
    overruled: list[Overruled] = []
    for statement in statements_of(graph):
        subject, predicate, value = fact = statement.fact
        if statement.retracted:
            if fact in graph:
                graph.remove(fact)
                overruled.append(Overruled(fact, statement))
            continue
        if predicate in SINGLE_VALUED:
            for other in list(graph.objects(subject, predicate)):
                if other != value:
                    graph.remove((subject, predicate, other))
                    overruled.append(Overruled((subject, predicate, other), statement))
        graph.add(fact)
    return overruled


def fact_confidence(statements: Iterable[Statement]) -> dict[Fact, Confidence]:
    """How sure each stated fact is, by its newest statement that says so; a fact retracted
    since is not in it."""
    found: dict[Fact, Confidence] = {}
    for statement in sorted(statements, key=lambda s: s.order):
        if statement.retracted:
            found.pop(statement.fact, None)
        elif statement.confidence is not None:
            found[statement.fact] = statement.confidence
    return found
