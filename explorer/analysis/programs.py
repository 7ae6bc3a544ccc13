"""Programs: the sets of changes a program manager asks about together.

A program (``ic:Program``) has an id, a name, a description, an owner and the things it
changes (``ic:changes``); it lives beside the estate, so it is loaded, searched, diffed and
edited like the rest, and its changes are the scope of one answer (blast radius, the
brief).
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph, URIRef

from explorer.domain.kinds import Kind
from explorer.domain.model import Entity
from explorer.domain.relations import CHANGES, OWNED_BY
from explorer.graph.index import EstateIndex, index_of

__all__ = ["Program", "programs_of"]


@dataclass(frozen=True)
class Program:
    """One program: what it is, who runs it, and what it changes (by label)."""

    entity: Entity
    changes: tuple[Entity, ...]
    owners: tuple[Entity, ...] = ()


def _program(index: EstateIndex, n: int) -> Program:
    def named(predicate: URIRef) -> tuple[Entity, ...]:
        found = (index.entity_at(m) for m in index.out[predicate].get(n, ()))
        return tuple(sorted(found, key=lambda e: (e.label.casefold(), e.iri)))

    return Program(index.entity_at(n), named(CHANGES.predicate), named(OWNED_BY.predicate))


def programs_of(graph: Graph) -> list[Program]:
    """Every program of the estate, by name."""
    index = index_of(graph)
    found = [_program(index, n) for n, kind in enumerate(index.kind_at) if kind is Kind.PROGRAM]
    return sorted(found, key=lambda p: (p.entity.label.casefold(), p.entity.iri))
