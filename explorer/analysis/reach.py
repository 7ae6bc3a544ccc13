"""What blast radius and upstream share: a breadth-first walk, its results, teams to tell."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TypeAlias

import igraph
from rdflib import URIRef

from explorer.analysis.index import Adjacency, EstateIndex
from explorer.model import Entity
from explorer.vocab import IC

__all__ = [
    "Flow",
    "Impacted",
    "Reach",
    "TeamToTell",
    "flow",
    "reach",
    "teams_to_tell",
    "walk",
]

Flow: TypeAlias = igraph.Graph  # a walk's relation over index numbers (see ``flow``)


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


def flow(index: EstateIndex, adjacencies: tuple[Adjacency, ...], parts: Adjacency) -> Flow:
    """The graph a walk follows, as igraph over node numbers: each node points at its
    neighbours along each of ``adjacencies``, and, from a System, along ``parts``.

    Breadth-first search then runs in C, ten times faster than over Python lists. igraph
    keeps every vertex's neighbours in ascending order, so its search visits them in IRI
    order, as the answers promise.
    """
    kind_at, none = index.kind_at, ()
    edges: list[tuple[int, int]] = []
    for n in range(len(index.nodes)):
        for adjacency in adjacencies:
            edges.extend((n, m) for m in adjacency.get(n, none))
        if kind_at[n] == "system":
            edges.extend((n, m) for m in parts.get(n, none))
    return igraph.Graph(n=len(index.nodes), edges=edges, directed=True)


def walk(graph: Flow, start: int, depth: int | None) -> dict[int, int]:
    """Breadth-first parents of every node reachable from ``start`` within ``depth`` steps.

    Nodes are index numbers; the start is its own parent, and comes first, then the rest
    in the order met. Neighbours are visited in ascending order (IRI order), so the path
    kept for each node is the first of its shortest paths in that order and repeated runs
    give the same answer. Cycles end because a node is entered once.
    """
    met, layers, parents = graph.bfs(start, mode="out")
    if depth is not None and depth + 1 < len(layers):
        met = met[: layers[depth + 1]]  # layers[d] is where distance d starts in ``met``
    found = {node: parents[node] for node in met}
    found[start] = start
    return found


def _paths(index: EstateIndex, parents: dict[int, int]) -> dict[int, tuple[str, ...]]:
    """The id path from the start to every node; parents come first in a walk's order."""
    paths: dict[int, tuple[str, ...]] = {}
    for node, parent in parents.items():
        own = (index.id_at(node),)
        paths[node] = paths[parent] + own if parent != node else own
    return paths


def reach(
    index: EstateIndex, start: URIRef, graph: Flow, depth: int | None, direction: str
) -> Reach:
    """Walk from ``start`` and describe every node met, nearest first."""
    if depth is not None and depth < 0:
        raise ValueError("depth must be 0 or more")
    first = index.number.get(start)
    if first is None:  # named by no triple: nothing to walk
        return Reach(index.entity(start), direction, (), ())
    parents = walk(graph, first, depth)
    found = [
        Impacted(index.entity_at(node), len(path) - 1, path)
        for node, path in _paths(index, parents).items()
        if node != first
    ]
    found.sort(key=lambda i: (i.distance, i.entity.label.casefold(), i.entity.iri))
    teams = teams_to_tell(index, parents)
    return Reach(index.entity(start), direction, tuple(found), teams)


def owner_status(index: EstateIndex, owner: URIRef) -> str:
    """active, dissolved, unreachable or undefined (see ``TeamToTell``)."""
    kind = index.kind(owner)
    if kind not in ("team", "person"):
        return "undefined"
    if (index.value(owner, IC.status) or "").casefold() == "dissolved":
        return "dissolved"
    nobody = not index.sources(owner, IC.memberOf) and index.value(owner, IC.contact) is None
    return "unreachable" if kind == "team" and nobody else "active"


def teams_to_tell(index: EstateIndex, nodes: Iterable[int]) -> tuple[TeamToTell, ...]:
    """The owners of ``nodes`` (index numbers), each with what it owns among them; problems
    first."""
    owned: dict[int, list[str]] = {}
    owners, none = index.out[IC.ownedBy], ()
    for node in nodes:
        for owner in owners.get(node, none):
            owned.setdefault(owner, []).append(index.id_at(node))
    teams = []
    for owner, ids in owned.items():
        term = index.nodes[owner]
        teams.append(TeamToTell(index.entity(term), owner_status(index, term), tuple(sorted(ids))))
    teams.sort(key=lambda t: (t.status == "active", t.entity.label.casefold(), t.entity.iri))
    return tuple(teams)
