"""What blast radius and upstream share: a breadth-first walk, its results, teams to tell."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from rdflib import URIRef

from explorer.analysis.index import EstateIndex
from explorer.model import Entity
from explorer.vocab import IC

__all__ = ["Impacted", "Reach", "TeamToTell", "reach", "teams_to_tell", "walk"]

Neighbours = Callable[[URIRef], Iterable[URIRef]]


@dataclass(frozen=True)
class Impacted:
    """A node met on the walk: how far from the start, and one shortest path of ids."""

    entity: Entity
    distance: int
    path: tuple[str, ...]


@dataclass(frozen=True)
class TeamToTell:
    """An owner of something on the walk; ``status`` says whether anybody is there.

    status: ``active``; ``dissolved`` (the team is gone); ``unreachable`` (a team with no
    members and no contact); ``undefined`` (named as owner, defined by no source).
    """

    entity: Entity
    status: str
    owns: tuple[str, ...]


@dataclass(frozen=True)
class Reach:
    """The answer of blast radius ("affected") or upstream ("needs") for one node."""

    node: Entity
    direction: str
    impacted: tuple[Impacted, ...]
    teams: tuple[TeamToTell, ...]


def walk(start: URIRef, neighbours: Neighbours, depth: int | None) -> dict[URIRef, URIRef | None]:
    """Breadth-first parents of every node reachable from ``start`` within ``depth`` steps.

    Neighbours are visited in sorted order, so the path kept for each node is the first of
    its shortest paths in that order and repeated runs give the same answer. Cycles end
    because a node is entered once.
    """
    parents: dict[URIRef, URIRef | None] = {start: None}
    frontier = deque([(start, 0)])
    while frontier:
        node, distance = frontier.popleft()
        if depth is not None and distance >= depth:
            continue
        for nxt in sorted(neighbours(node)):
            if nxt not in parents:
                parents[nxt] = node
                frontier.append((nxt, distance + 1))
    return parents


def _paths(
    index: EstateIndex, parents: dict[URIRef, URIRef | None]
) -> dict[URIRef, tuple[str, ...]]:
    """The id path from the start to every node; parents come first in a walk's order."""
    paths: dict[URIRef, tuple[str, ...]] = {}
    for node, parent in parents.items():
        own = (index.id_of(node),)
        paths[node] = paths[parent] + own if parent is not None else own
    return paths


def reach(
    index: EstateIndex, start: URIRef, neighbours: Neighbours, depth: int | None, direction: str
) -> Reach:
    """Walk from ``start`` and describe every node met, nearest first."""
    if depth is not None and depth < 0:
        raise ValueError("depth must be 0 or more")
    parents = walk(start, neighbours, depth)
    paths = _paths(index, parents)
    found = [
        Impacted(index.entity(node), len(path) - 1, path)
        for node, path in paths.items()
        if node != start
    ]
    found.sort(key=lambda i: (i.distance, i.entity.label.casefold(), i.entity.iri))
    teams = teams_to_tell(index, [start, *(n for n in parents if n != start)])
    return Reach(index.entity(start), direction, tuple(found), teams)


def owner_status(index: EstateIndex, owner: URIRef) -> str:
    """active, dissolved, unreachable or undefined (see ``TeamToTell``)."""
    kind = index.kind(owner)
    if kind not in ("team", "person"):
        return "undefined"
    if str(index.graph.value(owner, IC.status) or "").casefold() == "dissolved":
        return "dissolved"
    nobody = not index.sources(owner, IC.memberOf) and index.graph.value(owner, IC.contact) is None
    return "unreachable" if kind == "team" and nobody else "active"


def teams_to_tell(index: EstateIndex, nodes: Iterable[URIRef]) -> tuple[TeamToTell, ...]:
    """The owners of ``nodes``, each with what it owns among them; problems first."""
    owned: dict[URIRef, list[str]] = {}
    for node in nodes:
        for owner in index.targets(node, IC.ownedBy):
            owned.setdefault(owner, []).append(index.id_of(node))
    teams = [
        TeamToTell(index.entity(owner), owner_status(index, owner), tuple(sorted(ids)))
        for owner, ids in owned.items()
    ]
    teams.sort(key=lambda t: (t.status == "active", t.entity.label.casefold(), t.entity.iri))
    return tuple(teams)
