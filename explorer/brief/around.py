"""What a brief says around the reached nodes: the assumptions and vendors they rest on,
what people recorded about them, how questions name their nodes, what changed near them.

Each reached node's details are asked once (relations both ways, and what was said of
them), nearest first and at most ``DETAILS_LIMIT`` of them: a brief of a hub's tens of
thousands of dependents would otherwise ask as many times, and the brief says where it
stopped.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from explorer.analysis import Reach
from explorer.analysis.changes import Change, Diff
from explorer.analysis.details import NodeDetails, Said
from explorer.domain.errors import InputError
from explorer.domain.kinds import Kind
from explorer.domain.model import Entity
from explorer.domain.progress import Step, StepProgress
from explorer.domain.relations import ASSUMES, USES_VENDOR
from explorer.domain.vocab import id_from_iri
from explorer.estate import Estate

__all__ = ["DETAILS_LIMIT", "Around", "InReach", "around", "names_of", "nearby_changes"]

DETAILS_LIMIT = 500  # reached nodes whose details a brief asks, nearest first


@dataclass(frozen=True)
class InReach:
    """An assumption or a vendor the scope or what it reaches rests on: ``by``, the nodes
    of the answer that assume or use it (none when it is itself a change and nothing else
    here rests on it)."""

    entity: Entity
    by: tuple[Entity, ...]


@dataclass(frozen=True)
class Around:
    """The assumptions and vendors in reach, by label; what was said of the reached nodes,
    newest first; of how many nodes the details were asked (``asked``) out of ``reached``."""

    assumptions: tuple[InReach, ...]
    vendors: tuple[InReach, ...]
    said: tuple[Said, ...]
    asked: int
    reached: int

    def touched(self, answer: Reach) -> set[str]:
        """The IRIs a brief is about: the scope, what it reaches, the assumptions and
        vendors under them, and the teams to tell."""
        return {
            *(e.iri for e in answer.changes),
            *(i.entity.iri for i in answer.impacted),
            *(a.entity.iri for a in (*self.assumptions, *self.vendors)),
            *(t.entity.iri for t in answer.teams),
        }


_RESTS_ON = {ASSUMES.name: Kind.ASSUMPTION, USES_VENDOR.name: Kind.VENDOR}


def around(estate: Estate, answer: Reach, progress: StepProgress) -> Around:
    """Ask the details of the answer's nodes (see the module) and keep what a brief says."""
    nodes = [*answer.changes, *(i.entity for i in answer.impacted)]
    asked = nodes[:DETAILS_LIMIT]
    rests: dict[Kind, dict[str, tuple[Entity, list[Entity]]]] = {k: {} for k in _RESTS_ON.values()}
    said: dict[Said, None] = {}
    for done, entity in enumerate(asked):
        progress(Step.FETCHING, done, len(asked))
        details = estate.details(entity.iri, progress)
        if entity.kind in rests:
            rests[entity.kind].setdefault(entity.iri, (entity, []))
        for other, kind in _resting_on(details):
            rests[kind].setdefault(other.iri, (other, []))[1].append(entity)
        said.update(dict.fromkeys(details.said))
    progress(Step.FETCHING, len(asked), len(asked))
    newest = sorted(said, key=lambda s: s.statement.order, reverse=True)
    return Around(
        _by_label(rests[Kind.ASSUMPTION].values()),
        _by_label(rests[Kind.VENDOR].values()),
        tuple(newest),
        len(asked),
        len(nodes),
    )


def _resting_on(details: NodeDetails) -> Iterable[tuple[Entity, Kind]]:
    """The assumptions a node assumes and the vendors it uses."""
    for related in details.relations:
        kind = _RESTS_ON.get(related.name)
        if related.outgoing and kind is not None:
            yield related.other, kind


def _by_label(found: Iterable[tuple[Entity, list[Entity]]]) -> tuple[InReach, ...]:
    kept = [InReach(entity, tuple(dict.fromkeys(by))) for entity, by in found]
    return tuple(sorted(kept, key=lambda r: (r.entity.label.casefold(), r.entity.iri)))


def names_of(estate: Estate, answer: Reach, found: Around) -> dict[str, str]:
    """IRI -> name, for every node an open question of the answer names (what it is about,
    whom it is asked of); one the answer does not name is asked of the estate."""
    known = {e.iri: e.name for e in answer.changes}
    known.update({i.entity.iri: i.entity.name for i in answer.impacted})
    for team in answer.teams:
        known[team.entity.iri] = team.entity.name
        known.update({m.entity.iri: m.entity.name for m in team.members})
    known.update({r.entity.iri: r.entity.name for r in (*found.assumptions, *found.vendors)})
    wanted = {iri for q in answer.questions for iri in (*q.about, q.assignee) if iri}
    for iri in sorted(wanted - known.keys()):
        try:
            known[iri] = estate.details(iri).entity.name
        except InputError:  # a question may name what no source defines
            known[iri] = id_from_iri(iri)
    return known


def _near(change: Change, iris: set[str]) -> bool:
    return change.node.iri in iris or (change.target is not None and change.target.iri in iris)


def nearby_changes(changes: Diff, iris: set[str]) -> Diff:
    """What changed about ``iris``: their entities, attributes, relations (either end),
    gaps, and what was recorded about them."""
    return Diff(
        tuple(c for c in changes.added if _near(c, iris)),
        tuple(c for c in changes.removed if _near(c, iris)),
        tuple(c for c in changes.changed if _near(c, iris)),
        tuple(
            s for s in changes.said if {str(s.statement.fact[0]), str(s.statement.fact[2])} & iris
        ),
    )
