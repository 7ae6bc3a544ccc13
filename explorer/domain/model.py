"""Typed, read-only records of the graph's entities, for lists, tables and reports.

The records are made by the index (``explorer.graph.index``), which reads them from the graph
in bulk; this module holds only what a record is.
"""

from __future__ import annotations

from dataclasses import dataclass

from explorer.domain.kinds import KINDS, Kind

__all__ = ["Entity", "display_name", "sort_key"]


@dataclass(frozen=True)
class Entity:
    """What a user sees of one node: who it is, what it is, who owns it."""

    iri: str
    id: str
    label: str
    kind: Kind
    description: str = ""
    owners: tuple[str, ...] = ()
    tier: int | None = None
    status: str = ""

    @property
    def name(self) -> str:
        """The label, with the id beside it when the two differ: how every list names it."""
        return display_name(self.label, self.id)


def display_name(label: str, entity_id: str) -> str:
    """``label (id)``, or the label alone when it is the id.

    >>> display_name("Authoritative DNS", "dns-service"), display_name("dns", "dns")
    ('Authoritative DNS (dns-service)', 'dns')
    """
    return label if label == entity_id else f"{label} ({entity_id})"


def sort_key(e: Entity) -> tuple[int, str, str]:
    """Kinds in the order users see them, then labels."""
    return (_KIND_ORDER.get(e.kind, len(_KIND_ORDER)), e.label.casefold(), e.iri)


_KIND_ORDER = {kind: n for n, kind in enumerate(KINDS)}
