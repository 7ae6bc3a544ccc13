"""Who must be told of a walk's answer: the owners of what it reaches, whether anybody is
there (a dissolved team, one with no members and no contact, one no source defines), how
to reach them, and the most critical tier each owns in the answer."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from rdflib import URIRef

from explorer.domain.kinds import OWNER_KINDS, Kind
from explorer.domain.model import Entity
from explorer.domain.relations import MEMBER_OF, OWNED_BY
from explorer.domain.statuses import OwnerStatus, TeamStatus
from explorer.domain.vocab import IC
from explorer.graph.index import EstateIndex

__all__ = ["Member", "TeamToTell", "owner_status", "teams_to_tell"]


@dataclass(frozen=True)
class Member:
    """A person in a team to tell, and how to reach them."""

    entity: Entity
    contacts: tuple[str, ...] = ()


@dataclass(frozen=True)
class TeamToTell:
    """An owner of something on the walk; ``status`` says whether anybody is there.

    status: ``active``; ``dissolved`` (the team is gone); ``unreachable`` (a team with no
    members and no contact); ``undefined`` (named as owner, defined by no source).
    ``worst_tier`` is the most critical tier among what it owns in the answer (1 is the
    most critical; None when none of it has a tier): who to call first. ``why``: for each
    id it owns here, in ``owns``'s order, the changes whose walks reach it.
    """

    entity: Entity
    status: OwnerStatus
    owns: tuple[str, ...]
    contacts: tuple[str, ...] = ()
    members: tuple[Member, ...] = ()
    worst_tier: int | None = None
    why: tuple[tuple[str, ...], ...] = ()

    def reasons(self) -> str:
        """``status-page (from dns-service, kms); iam (from kms)``: why it is told."""
        return "; ".join(
            f"{owned} (from {', '.join(changes)})" if changes else owned
            for owned, changes in zip(self.owns, self.why or [()] * len(self.owns), strict=True)
        )


def owner_status(index: EstateIndex, owner: URIRef) -> OwnerStatus:
    """Whether anybody is there to tell (see ``OwnerStatus``)."""
    kind = index.kind(owner)
    if kind not in OWNER_KINDS:
        return OwnerStatus.UNDEFINED
    if (index.value(owner, IC.status) or "").casefold() == TeamStatus.DISSOLVED:
        return OwnerStatus.DISSOLVED
    nobody = not index.sources(owner, MEMBER_OF.predicate) and not index.contacts(owner)
    return OwnerStatus.UNREACHABLE if kind is Kind.TEAM and nobody else OwnerStatus.ACTIVE


def _team(
    index: EstateIndex, team: URIRef, owned: list[int], reasons: Mapping[int, tuple[str, ...]]
) -> TeamToTell:
    tiers = [t for n in owned if (t := index.entity_at(n).tier) is not None]
    members = tuple(
        Member(index.entity(person), index.contacts(person))
        for person in index.sources(team, MEMBER_OF.predicate)
    )
    ordered = sorted(owned, key=index.id_at)
    return TeamToTell(
        index.entity(team),
        owner_status(index, team),
        tuple(index.id_at(n) for n in ordered),
        index.contacts(team),
        members,
        min(tiers, default=None),
        tuple(reasons.get(n, ()) for n in ordered),
    )


def teams_to_tell(
    index: EstateIndex,
    nodes: Iterable[int],
    reasons: Mapping[int, tuple[str, ...]] | None = None,
) -> tuple[TeamToTell, ...]:
    """The owners of ``nodes`` (index numbers), each with what it owns among them and which
    changes reach it (``reasons``: node -> the ids of the changes); problems first."""
    owned: dict[int, list[int]] = {}
    owners, none = index.out[OWNED_BY.predicate], ()
    for node in nodes:
        for owner in owners.get(node, none):
            owned.setdefault(owner, []).append(node)
    teams = []
    for owner, numbers in owned.items():
        teams.append(_team(index, index.nodes[owner], numbers, reasons or {}))
    teams.sort(
        key=lambda t: (t.status is OwnerStatus.ACTIVE, t.entity.label.casefold(), t.entity.iri)
    )
    return tuple(teams)
