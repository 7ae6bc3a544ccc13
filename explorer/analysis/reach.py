"""What blast radius and upstream share: a breadth-first walk and its results (the teams
to tell are ``explorer.analysis.teams``)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from enum import StrEnum
from functools import cached_property
from typing import TypeAlias

import igraph

from explorer.analysis.asking import Unattended
from explorer.analysis.evidence import ALL_EVIDENCE, Via
from explorer.analysis.sureness import EdgeLevels, edge_levels, levels_of, restricted
from explorer.analysis.teams import Member, TeamToTell, teams_to_tell
from explorer.domain.kinds import Kind
from explorer.domain.model import Entity
from explorer.domain.relations import COMPOSING, EVIDENCE, SPREADING, Evidence
from explorer.graph.index import EstateIndex
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
    "counted_kinds",
    "evidence_present",
    "flow",
    "flow_of",
    "met_from",
    "open_questions",
    "teams_to_tell",
    "walk",
]

Flow: TypeAlias = igraph.Graph  # a walk's relation over index numbers (see ``flow``)


class Direction(StrEnum):
    """Which way a walk goes: to what a failure hurts, or to what a node needs."""

    AFFECTED = "affected"
    NEEDS = "needs"


@dataclass(frozen=True)
class Impacted:
    """A node met on the walk: how far from the start, one shortest path of ids, how sure
    that is (the strongest of its paths' weakest links; see ``sureness``) and how its
    paths go (``via``). A node some declared path reaches has that path's distance, path
    and confidence, so that leaving observed calls out keeps it exactly as it is.
    ``needs``: the kind of evidence a path first needed to come here (walks count declared,
    then deployed, then observed), which tells what leaving the later kinds out keeps.
    ``reached_from``: the ids of the changes (the answer's scope) whose walks come here."""

    entity: Entity
    distance: int
    path: tuple[str, ...]
    confidence: Confidence = Confidence.DECLARED
    via: Via = Via.DECLARED
    needs: Evidence = Evidence.DECLARED
    reached_from: tuple[str, ...] = ()


@dataclass(frozen=True)
class Reach:
    """The answer of blast radius ("affected") or upstream ("needs") for a scope: one node,
    or the several a program changes (``scope``; ``node`` is its first). ``nobody`` are the
    nodes of the answer that no active owner answers for, each with whom to ask."""

    node: Entity
    direction: Direction
    impacted: tuple[Impacted, ...]
    teams: tuple[TeamToTell, ...]
    questions: tuple[Question, ...] = ()  # the open ones on the node or on what it reaches
    counted: tuple[Evidence, ...] = ()  # the kinds of evidence its walks counted, in order
    scope: tuple[Entity, ...] = ()  # the changes; () for the one node
    nobody: tuple[Unattended, ...] = ()
    program: Entity | None = None  # the program whose changes the scope is, if asked so

    @property
    def changes(self) -> tuple[Entity, ...]:
        """The nodes the answer is about: its scope, or its node."""
        return self.scope or (self.node,)

    @cached_property
    def distances(self) -> dict[str, int]:
        """IRI -> steps from the nearest change (0 for the changes), made once: at 100,000
        services a window asks it of a large answer several times."""
        return {
            **{e.iri: 0 for e in self.changes},
            **{i.entity.iri: i.distance for i in self.impacted},
        }

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


def flow_of(
    index: EstateIndex, direction: Direction, ways: frozenset[Evidence] = ALL_EVIDENCE
) -> Flow:
    """The graph blast radius (``AFFECTED``) or upstream (``NEEDS``) walks, built once per
    index from the relation table; ``ways`` keeps only the relations of those kinds of
    evidence (a System's parts are declared).

    Affected: whatever depends on, connects to, uses, assumes or calls a node is hurt when
    it fails (the relations that spread a failure, walked backwards), and so are a System's
    parts. Needs: what a node depends on, connects to, uses, assumes and calls (walked
    forwards), and a System's parts. Vendors and assumptions need nothing further, so such
    walks stop there.
    """

    def build() -> Flow:
        ends = index.into if direction is Direction.AFFECTED else index.out
        direct = tuple(ends[r.predicate] for r in SPREADING if r.evidence in ways)
        parts: Adjacency = {}
        for relation in (r for r in COMPOSING if r.evidence in ways):
            for whole, members in index.into[relation.predicate].items():
                parts.setdefault(whole, []).extend(members)
        return flow(index, direct, parts)

    return index.derived(f"walk {direction} {_named(ways)}", build)


def _named(ways: frozenset[Evidence]) -> str:
    return "+".join(e.value for e in EVIDENCE if e in ways)


def evidence_present(index: EstateIndex) -> tuple[Evidence, ...]:
    """The kinds of evidence some walked relation of the estate has, in counting order."""

    def build() -> tuple[Evidence, ...]:
        walked = (*SPREADING, *COMPOSING)
        return tuple(
            e for e in EVIDENCE if any(index.out[r.predicate] for r in walked if r.evidence is e)
        )

    return index.derived("evidence present", build)


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


def counted_kinds(index: EstateIndex, counted: frozenset[Evidence]) -> tuple[Evidence, ...]:
    """The kinds of evidence a walk counts that the estate has, in counting order."""
    return tuple(e for e in evidence_present(index) if e in counted)


def met_from(
    index: EstateIndex,
    first: int,
    direction: Direction,
    depth: int | None,
    kinds: tuple[Evidence, ...],
) -> dict[int, Impacted]:
    """Every node a walk from ``first`` meets along the relations of ``kinds``.

    The walks count what is declared first, then what is deployed, then what is observed:
    a node some declared path reaches keeps that path's distance, path and confidence, so
    that leaving the later kinds out keeps it exactly as it is.
    """
    met: dict[int, Impacted] = {}
    for k, kind in enumerate(kinds or (Evidence.DECLARED,)):
        stage = frozenset(kinds[: k + 1]) or ALL_EVIDENCE
        for node, impacted in _met(index, first, direction, depth, stage, kind).items():
            met.setdefault(node, impacted)
    for kind in kinds if len(kinds) > 1 else ():  # which kinds alone come there too
        alone = walk(flow_of(index, direction, frozenset({kind})), first, depth)
        for node in alone.keys() & met.keys():
            met[node] = replace(met[node], via=met[node].via | Via.of(kind))
    return met


def _met(
    index: EstateIndex,
    first: int,
    direction: Direction,
    depth: int | None,
    ways: frozenset[Evidence],
    needs: Evidence,
) -> dict[int, Impacted]:
    """The nodes one walk meets, each at the surest level that reaches it."""
    graph = flow_of(index, direction, ways)
    levels = edge_levels(index, direction is Direction.AFFECTED)
    via, came = Via.of(needs), (index.id_at(first),)
    met: dict[int, Impacted] = {}
    for level in levels_of(levels):
        parents = walk(_at_level(index, graph, levels, level, direction, ways), first, depth)
        for node, path in _paths(index, parents).items():
            if node != first and node not in met:
                entity = index.entity_at(node)
                met[node] = Impacted(entity, len(path) - 1, path, level, via, needs, came)
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
    ways: frozenset[Evidence],
) -> Flow:
    """The walk's graph with only what is as sure as ``level``, made once per index."""
    name = f"walk {direction} {_named(ways)} {level}"
    return index.derived(name, lambda: restricted(graph, levels, level))
