"""Typed, read-only records of the graph's entities, for lists, tables and reports."""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph, URIRef

from explorer.vocab import ALL_KIND_CLASSES, IC

__all__ = [
    "CLASS_KINDS",
    "KINDS",
    "UNKNOWN",
    "Entity",
    "as_tier",
    "entities",
    "entity",
    "sort_key",
]

# class -> kind name, placeholders last: a typed entity is never shown as a placeholder
CLASS_KINDS: dict[URIRef, str] = {cls: kind for kind, cls in ALL_KIND_CLASSES.items()}
CLASS_KINDS[IC.Placeholder] = "placeholder"
KINDS: tuple[str, ...] = tuple(CLASS_KINDS.values())
UNKNOWN = "unknown"  # a node referenced by a relation but typed by no source


@dataclass(frozen=True)
class Entity:
    """What a user sees of one node: who it is, what it is, who owns it."""

    iri: str
    id: str
    label: str
    kind: str
    description: str = ""
    owners: tuple[str, ...] = ()
    tier: int | None = None
    status: str = ""


def entity(graph: Graph, iri: URIRef) -> Entity:
    """The record of one node; kind ``"unknown"`` when no source says what it is."""
    from explorer.analysis.index import index_of  # the index builds on this module

    return index_of(graph).entity(iri)


def as_tier(value: object) -> int | None:
    """A tier as a number, None when absent or not a whole number."""
    try:
        return int(str(value)) if value is not None else None
    except ValueError:
        return None


def entities(graph: Graph) -> list[Entity]:
    """Every node of a known kind, sorted by kind then label (read through the graph's index)."""
    from explorer.analysis.index import index_of  # the index builds on this module

    return index_of(graph).entities()


def sort_key(e: Entity) -> tuple[int, str, str]:
    """Kinds in the order users see them, then labels."""
    return (_KIND_ORDER.get(e.kind, len(_KIND_ORDER)), e.label.casefold(), e.iri)


_KIND_ORDER = {kind: n for n, kind in enumerate(KINDS)}
