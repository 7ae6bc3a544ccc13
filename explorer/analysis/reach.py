"""What blast radius and upstream share: a breadth-first walk and its results (the teams
to tell are ``explorer.analysis.teams``)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from enum import StrEnum
from functools import cached_property
from typing import TypeAlias

import igraph
from rdflib import URIRef

from explorer.analysis.sureness import EdgeLevels, edge_levels, levels_of, restricted
from explorer.analysis.teams import Member, TeamToTell, teams_to_tell
from explorer.domain.kinds import Kind
from explorer.domain.model import Entity
from explorer.domain.relations import COMPOSING, OBSERVED, SPREADING
from explorer.graph.index import EstateIndex
from explorer.graph.lookup import node_number
from explorer.graph.scan import Adjacency
from explorer.statements.confidence import Confidence
from explorer.statements.questions import Question

__all__ = [
    "Direction",
    "Flow",
    "Impacted",
    "Member",
    "Reach",
    "TeamToTell",
    "Via",
    "Ways",
    "flow",
    "flow_of",
    "open_questions",
    "reach",
    "teams_to_tell",
    "walk",
]

Flow: TypeAlias = igraph.Graph  # a walk's relation over index numbers (see ``flow``)


class Via(StrEnum):
    """How a reached node's paths go: along what sources declare, along calls seen in
    traffic, or both ways independently."""

    DECLARED = "declared"
    OBSERVED = "observed"
    BOTH = "both"


class Ways(StrEnum):
    """Which relations a walk's graph holds: all, only the declared, only the observed."""

    ALL = "all"
    DECLARED = "declared"
    OBSERVED = "observed"


class Direction(StrEnum):
    """Which way a walk goes: to what a failure hurts, or to what a node needs."""

    AFFECTED = "affected"
    NEEDS = "needs"


@dataclass(frozen=True)
class Impacted:
    """A node met on the walk: how far from the start, one shortest path of ids, how sure
    that is (the strongest of its paths' weakest links; see ``sureness``) and how its
    paths go (``via``). A node some declared path reaches has that path's distance, path
    and confidence, so that leaving observed calls out keeps it exactly as it is."""

    entity: Entity
    distance: int
    path: tuple[str, ...]
    confidence: Confidence = Confidence.DECLARED
    via: Via = Via.DECLARED


@dataclass(frozen=True)
class Reach:
    """The answer of blast radius ("affected") or upstream ("needs") for one node."""

    node: Entity
    direction: Direction
    impacted: tuple[Impacted, ...]
    teams: tuple[TeamToTell, ...]
    questions: tuple[Question, ...] = ()  # the open ones on the node or on what it reaches

    @cached_property
    def distances(self) -> dict[str, int]:
        """IRI -> steps from the node (0 for the node itself), made once: at 100,000
        services a window asks it of a large answer several times."""
        return {self.node.iri: 0, **{i.entity.iri: i.distance for i in self.impacted}}

    @cached_property
    def tally(self) -> tuple[Counter[int], Counter[int | None], Counter[str]]:
        """How many are reached at each distance, of each tier, of each kind."""
        return (
            Counter(i.distance for i in self.impacted),
            Counter(i.entity.tier for i in self.impacted),
            Counter(str(i.entity.kind) for i in self.impacted),
        )

    def ready(self) -> Reach:
        """This answer with what a window shows of it worked out (in a background job)."""
        _ = self.distances, self.tally
        return self


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
        if kind_at[n] is Kind.SYSTEM:
            edges.extend((n, m) for m in parts.get(n, none))
    return igraph.Graph(n=len(index.nodes), edges=edges, directed=True)


def flow_of(index: EstateIndex, direction: Direction, ways: Ways = Ways.ALL) -> Flow:
    """The graph blast radius (``AFFECTED``) or upstream (``NEEDS``) walks, built once per
    index from the relation table; ``ways`` keeps only declared or only observed relations.

    Affected: whatever depends on, uses, assumes or calls a node is hurt when it fails
    (the relations that spread a failure, walked backwards), and so are a System's parts.
    Needs: what a node depends on, uses, assumes and calls (walked forwards), and a
    System's parts. Vendors and assumptions need nothing further, so such walks stop there.
    """

    def build() -> Flow:
        ends = index.into if direction is Direction.AFFECTED else index.out
        kept = [r for r in SPREADING if ways is Ways.ALL or r.observed == (ways is Ways.OBSERVED)]
        direct = tuple(ends[r.predicate] for r in kept)
        parts: Adjacency = {}
        for relation in COMPOSING if ways is not Ways.OBSERVED else ():
            for whole, members in index.into[relation.predicate].items():
                parts.setdefault(whole, []).extend(members)
        return flow(index, direct, parts)

    return index.derived(f"walk {direction} {ways}", build)


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


def reach(index: EstateIndex, start: URIRef, direction: Direction, depth: int | None) -> Reach:
    """Walk from ``start`` and describe every node met, nearest first."""
    if depth is not None and depth < 0:
        raise ValueError("depth must be 0 or more")
    first = node_number(index.graph, start)  # an unknown node is refused, with the closest
    observed = any(index.out[r.predicate] for r in OBSERVED)
    met: dict[int, Impacted] = {}
    for ways in (Ways.DECLARED, Ways.ALL) if observed else (Ways.ALL,):
        via = Via.OBSERVED if ways is Ways.ALL and observed else Via.DECLARED
        for node, impacted in _met(index, first, direction, depth, ways, via).items():
            met.setdefault(node, impacted)
    if observed:
        seen = walk(flow_of(index, direction, Ways.OBSERVED), first, depth)
        for node in seen.keys() & met.keys():
            if met[node].via is Via.DECLARED:
                met[node] = replace(met[node], via=Via.BOTH)
    found = sorted(
        met.values(), key=lambda i: (i.distance, i.entity.label.casefold(), i.entity.iri)
    )
    teams = teams_to_tell(index, [first, *met])
    asked = open_questions(index, {str(index.nodes[n]) for n in (first, *met)})
    return Reach(index.entity(start), direction, tuple(found), teams, asked)


def _met(
    index: EstateIndex, first: int, direction: Direction, depth: int | None, ways: Ways, via: Via
) -> dict[int, Impacted]:
    """The nodes one walk meets, each at the surest level that reaches it."""
    graph = flow_of(index, direction, ways)
    levels = edge_levels(index, direction is Direction.AFFECTED)
    met: dict[int, Impacted] = {}
    for level in levels_of(levels):
        parents = walk(_at_level(index, graph, levels, level, direction, ways), first, depth)
        for node, path in _paths(index, parents).items():
            if node != first and node not in met:
                met[node] = Impacted(index.entity_at(node), len(path) - 1, path, level, via)
    return met


def open_questions(index: EstateIndex, nodes: set[str]) -> tuple[Question, ...]:
    """The open questions about any of ``nodes`` (IRIs)."""
    return tuple(q for q in index.questions() if q.open and nodes.intersection(q.about))


def _at_level(
    index: EstateIndex,
    graph: Flow,
    levels: EdgeLevels,
    level: Confidence,
    direction: Direction,
    ways: Ways,
) -> Flow:
    """The walk's graph with only what is as sure as ``level``, made once per index."""
    name = f"walk {direction} {ways} {level}"
    return index.derived(name, lambda: restricted(graph, levels, level))
