"""What is worked out of an index once and kept: a walk's graph, the gaps, the whole view,
and what answers read of the graph itself (statements, questions, every IRI named).

An index holds them by name; a warm start asks ``warm`` (the answers other processes kept
beside the cache entry) before working one out, and keeping an entry sets them aside so
that the index is pickled without them (each is kept as an answer of its own).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, TypeVar, cast

from rdflib import Graph, URIRef

from explorer.graph.scan import named_iris
from explorer.statements import (
    Confidence,
    Fact,
    Question,
    fact_confidence,
    questions_of,
    statements_of,
)

__all__ = ["Derivations", "WarmAnswers"]

T = TypeVar("T")


class WarmAnswers(Protocol):  # what other processes worked out of the same index, by name
    def recall(self, name: str) -> object | None: ...


class Derivations:
    """The values worked out of an index, by name (``EstateIndex`` holds the fields)."""

    _derived: dict[str, object]
    warm: WarmAnswers | None
    graph: Graph
    nodes: list[URIRef]
    number: dict[URIRef, int]

    def derived(self, name: str, build: Callable[[], T]) -> T:
        """What ``build`` makes of this index (a walk's graph), made once and kept."""
        if name not in self._derived:
            recalled = self.warm.recall(name) if self.warm else None
            self._derived[name] = build() if recalled is None else recalled  # two threads: either
        return cast(T, self._derived[name])

    def worked_out(self) -> dict[str, object]:
        return dict(self._derived)  # what ``derived`` holds now, by name

    def set_aside(self) -> dict[str, object]:
        """Take out what was worked out (an answer's walks and gaps), to pickle the index
        without it; ``take_back`` puts it back."""
        found, self._derived = self._derived, {}
        return found

    def take_back(self, worked: dict[str, object]) -> None:
        self._derived = {**worked, **self._derived}

    def stated(self) -> dict[Fact, Confidence]:
        """How sure each fact said to be is (``explorer.statements``), read once per index."""
        return self.derived("stated", lambda: fact_confidence(statements_of(self.graph)))

    def questions(self) -> list[Question]:
        """Every question on the graph, by due date, read once per index."""
        return self.derived("questions", lambda: questions_of(self.graph))

    def mentions(self, iri: URIRef) -> bool:
        """Whether any triple names ``iri``, as subject or object, whether or not it is
        a node of the estate (an IRI used only in provenance, say)."""
        return iri in self.number or str(iri) in self.derived("others", self._others)

    def _others(self) -> frozenset[str]:
        """Every IRI the graph names, as subject or object, that is not a node."""
        return frozenset(named_iris(self.graph).difference(map(str, self.nodes)))
