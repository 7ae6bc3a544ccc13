"""Everything a brief says, asked of an estate once: a plain value the writers only format.

A brief is the blast radius of a scope (some nodes, or a program's changes) with what a
decision needs around it: the sources read and what people recorded, the teams to tell
and what nobody answers for, the assumptions and vendors the reached nodes rest on, the
open questions, the gaps, the cycles and choke points among them, the picture, and, when
comparing with a snapshot, what changed. It is asked through ``Estate``, so a brief of an
endpoint says the same as one of the files it was loaded from.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date

from explorer import __version__
from explorer.analysis import Gap, Reach, SinglePoint
from explorer.analysis.changes import Diff
from explorer.analysis.details import Said
from explorer.analysis.evidence import ALL_EVIDENCE
from explorer.analysis.programs import Program
from explorer.brief.around import Around, around, names_of, nearby_changes
from explorer.domain.clock import today
from explorer.domain.model import Entity
from explorer.domain.progress import Step, StepProgress, quiet
from explorer.domain.relations import Evidence
from explorer.estate import Estate
from explorer.statements import Confidence
from explorer.views.filters import Filter, filtered_reach
from explorer.views.graph_view import GraphView

__all__ = ["Asked", "Brief", "Read", "Since", "gather"]


@dataclass(frozen=True)
class Since:
    """The snapshot a brief is compared with: its name, and what changed from it."""

    name: str
    changes: Diff


@dataclass(frozen=True)
class Asked:
    """What a brief is asked of: the scope (IRIs; a program's changes when ``program``),
    how far to walk, which kinds of evidence count, how sure a path must be (``floor``),
    and the snapshot to compare with."""

    nodes: tuple[str, ...]
    program: Program | None = None
    depth: int | None = None
    counted: frozenset[Evidence] = ALL_EVIDENCE
    floor: Confidence | None = None
    since: Since | None = None


@dataclass(frozen=True)
class Read:
    """A source the estate was read from, with the SHA-256 of the bytes read ("" for an
    endpoint, which is asked live)."""

    name: str
    sha256: str


@dataclass(frozen=True)
class Brief:
    """Every section of a brief. ``around`` holds what the reached nodes rest on and what
    was said of them; ``names``: IRI -> how a question's nodes and assignee are named;
    ``changes``: what changed since ``asked.since`` among what the brief is about."""

    answer: Reach
    asked: Asked
    on: date
    tool: str
    sources: tuple[Read, ...]
    around: Around
    names: Mapping[str, str]
    gaps: tuple[Gap, ...]
    cycles: tuple[tuple[Entity, ...], ...]
    single_points: tuple[SinglePoint, ...]
    picture: GraphView
    changes: Diff | None = None

    @property
    def program(self) -> Program | None:
        return self.asked.program

    @property
    def recorded(self) -> tuple[Said, ...]:
        return self.around.said


def _answer(estate: Estate, asked: Asked, progress: StepProgress) -> Reach:
    """The blast radius of the scope, of the program when asked so, as sure as asked."""
    answer = estate.blast_radius(list(asked.nodes), asked.depth, progress, asked.counted)
    if asked.program is not None:
        answer = replace(answer, program=asked.program.entity)
    floor = asked.floor or Filter().confidence
    return filtered_reach(answer, Filter(confidence=floor), {})


def _sources(estate: Estate) -> tuple[Read, ...]:
    read = estate.read
    if read:
        return tuple(Read(name, digest) for name, digest in sorted(read.items()))
    return tuple(Read(name, "") for name in estate.sources)


def gather(estate: Estate, asked: Asked, progress: StepProgress = quiet) -> Brief:
    """Ask ``estate`` every section of the brief of ``asked``."""
    answer = _answer(estate, asked, progress)
    found = around(estate, answer, progress)
    progress(Step.ANALYSING, 0, 3)
    touched = found.touched(answer)
    gaps = tuple(g for g in estate.gaps(progress) if g.entity.iri in touched)
    progress(Step.ANALYSING, 1, 3)
    reached = {e.iri for e in answer.changes} | {i.entity.iri for i in answer.impacted}
    cycles = tuple(c for c in estate.cycles(progress) if reached & {e.iri for e in c})
    progress(Step.ANALYSING, 2, 3)
    points = estate.single_points_of_failure(progress)
    single = tuple(p for p in points if p.entity.iri in reached)
    progress(Step.LAYING_OUT, 0, 1)
    centres = [e.iri for e in answer.changes] + [i.entity.iri for i in answer.impacted]
    picture = estate.focus(centres, 0, progress)
    since = asked.since
    return Brief(
        answer,
        asked,
        today(),
        f"infra-explorer {__version__}",
        _sources(estate),
        found,
        names_of(estate, answer, found),
        gaps,
        cycles,
        single,
        picture,
        nearby_changes(since.changes, touched) if since is not None else None,
    )
