"""Whom to ask when nobody answers for a node: the one rule behind "nobody to tell" in an
answer and the next step of every gap.

A node nobody answers for (no owner, or an owner that is dissolved, defined by no source,
or a team with no members and no contact) is asked of, in this order: the active owner of
a system it is part of; else the active team that owns most of what it touches (what it
depends on, connects to, uses, assumes or calls, and what does so of it); else nobody, and
the answer says so.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from explorer.analysis.teams import owner_status
from explorer.domain.kinds import OWNED_KINDS, Kind
from explorer.domain.model import Entity
from explorer.domain.relations import OWNED_BY, PART_OF, SPREADING
from explorer.domain.statuses import OwnerStatus
from explorer.graph.index import EstateIndex

__all__ = ["Ask", "Unattended", "active", "unattended", "whom_to_ask", "why_unattended"]


@dataclass(frozen=True)
class Ask:
    """Whom to ask about a node, and why them; ``entity`` None: nobody, ``why`` says so."""

    entity: Entity | None
    why: str

    def words(self) -> str:
        """``ask Platform team (owns Harbor Shop, which it is part of)``."""
        if self.entity is None:
            return self.why
        return f"ask {self.entity.label} ({self.why})"


@dataclass(frozen=True)
class Unattended:
    """A node of an answer that no active owner answers for: why, and whom to ask."""

    entity: Entity
    why: str
    ask: Ask
    reached_from: tuple[str, ...] = ()  # the changes whose walks come here


def why_unattended(
    index: EstateIndex, n: int, known: dict[int, OwnerStatus] | None = None
) -> str | None:
    """Why nobody answers for node ``n``; None when an active owner does. ``known``: the
    owners' statuses worked out already (a large answer asks of a few owners many times)."""
    owners = index.out[OWNED_BY.predicate].get(n, ())
    if not owners:
        return "no owner"
    known = {} if known is None else known
    reasons = []
    for owner in owners:
        status = known.get(owner)
        if status is None:
            status = known[owner] = owner_status(index, index.nodes[owner])
        if status is OwnerStatus.ACTIVE:
            return None
        reasons.append(f"its owner {index.entity_at(owner).label} {_STATUS_WORDS[status]}")
    return "; ".join(reasons)


_STATUS_WORDS = {
    OwnerStatus.DISSOLVED: "was dissolved",
    OwnerStatus.UNDEFINED: "is defined by no source",
    OwnerStatus.UNREACHABLE: "has no members and no contact",
}


def active(index: EstateIndex, owners: Iterable[int]) -> list[int]:
    """The active teams and people among ``owners``, in the order given."""
    return [o for o in owners if owner_status(index, index.nodes[o]) is OwnerStatus.ACTIVE]


def whom_to_ask(index: EstateIndex, n: int) -> Ask:
    """Whom to ask about node ``n`` when its own owner cannot answer (see the module)."""
    owned_by = index.out[OWNED_BY.predicate]
    for system in sorted(index.out[PART_OF.predicate].get(n, ()), key=index.id_at):
        if index.kind_at[system] is Kind.SYSTEM and (
            found := active(index, owned_by.get(system, ()))
        ):
            label = index.entity_at(system).label
            return Ask(index.entity_at(found[0]), f"owns {label}, which it is part of")
    touched = {
        m
        for r in SPREADING
        for ends in (index.out[r.predicate], index.into[r.predicate])
        for m in ends.get(n, ())
        if m != n
    }
    counts = Counter(o for m in touched for o in active(index, owned_by.get(m, ())))
    if counts:
        team, most = min(counts.items(), key=lambda tc: (-tc[1], index.id_at(tc[0])))
        return Ask(index.entity_at(team), f"owns {most} of the {len(touched)} things it touches")
    return Ask(None, "nobody to ask: no active team owns a system it is part of or what it touches")


def unattended(
    index: EstateIndex, numbers: Iterable[int], reached: Mapping[int, tuple[str, ...]]
) -> tuple[Unattended, ...]:
    """The nodes among ``numbers`` that must have an owner and have none that answers,
    each with why and whom to ask; by label."""
    found: list[Unattended] = []
    known: dict[int, OwnerStatus] = {}
    for n in numbers:
        if index.kind_at[n] not in OWNED_KINDS:
            continue
        if (why := why_unattended(index, n, known)) is None:
            continue
        found.append(Unattended(index.entity_at(n), why, whom_to_ask(index, n), reached.get(n, ())))
    found.sort(key=lambda u: (u.entity.label.casefold(), u.entity.iri))
    return tuple(found)
