"""One answer for several changes: the union of their blast radii (or upstreams).

A program changes several things at once, and its manager wants one list: each node any
change reaches, at its nearest distance, with the path from the change that reaches it
nearest (surest first: a node a declared path reaches keeps that path, as for one change)
and ``reached_from``, every change whose walk comes there; the teams to tell, each with
which changes reach what it owns; and what nobody answers for, with whom to ask. The
changes themselves are the answer's scope, not among what it reaches.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from rdflib import URIRef

from explorer.analysis.asking import unattended
from explorer.analysis.evidence import ALL_EVIDENCE
from explorer.analysis.reach import (
    Direction,
    Impacted,
    Reach,
    counted_kinds,
    met_from,
    open_questions,
)
from explorer.analysis.teams import teams_to_tell
from explorer.domain.relations import EVIDENCE, Evidence
from explorer.graph.index import EstateIndex
from explorer.graph.lookup import node_number
from explorer.statements.confidence import at_least

__all__ = ["reach"]


def reach(
    index: EstateIndex,
    starts: URIRef | Sequence[URIRef],
    direction: Direction,
    depth: int | None,
    counted: frozenset[Evidence] = ALL_EVIDENCE,
) -> Reach:
    """Walk from each of ``starts`` (one node, or a program's changes) along the relations
    of the ``counted`` kinds of evidence, and describe every node met, nearest first."""
    if depth is not None and depth < 0:
        raise ValueError("depth must be 0 or more")
    wanted = [starts] if isinstance(starts, URIRef) else list(starts)
    # an unknown node is refused, with the closest; one named twice is one change
    firsts = list(dict.fromkeys(node_number(index.graph, s) for s in wanted))
    kinds = counted_kinds(index, counted)
    met: dict[int, Impacted] = {}
    for first in firsts:
        for node, one in met_from(index, first, direction, depth, kinds).items():
            if node not in firsts:
                known = met.get(node)
                met[node] = one if known is None else _nearer(known, one)
    found = sorted(
        met.values(), key=lambda i: (i.distance, i.entity.label.casefold(), i.entity.iri)
    )
    reasons = {n: i.reached_from for n, i in met.items()}
    reasons.update({f: (index.id_at(f),) for f in firsts})
    teams = teams_to_tell(index, [*firsts, *met], reasons)
    asked = open_questions(index, {str(index.nodes[n]) for n in (*firsts, *met)})
    scope = tuple(index.entity_at(f) for f in firsts) if len(firsts) > 1 else ()
    nobody = unattended(index, [*firsts, *met], reasons)
    return Reach(
        index.entity_at(firsts[0]), direction, tuple(found), teams, asked, kinds, scope, nobody
    )


def _stage(impacted: Impacted) -> int:
    return EVIDENCE.index(impacted.needs)


def _nearer(known: Impacted, found: Impacted) -> Impacted:
    """Of one node met by two changes' walks: the surest kind first, then the nearest (the
    earlier change on a tie), with both changes in ``reached_from``, the surer confidence
    of the same kind, and every way either comes."""
    reached = (*known.reached_from, *found.reached_from)
    keep, other = known, found
    if (_stage(found), found.distance) < (_stage(known), known.distance):
        keep, other = found, known
    sure = keep.confidence
    if _stage(other) == _stage(keep) and at_least(other.confidence, sure):
        sure = other.confidence
    return replace(keep, reached_from=reached, confidence=sure, via=keep.via | other.via)
