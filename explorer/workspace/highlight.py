"""The highlight: a blast radius or upstream on the canvas, in words and distances, and
asked again after an edit."""

from __future__ import annotations

from dataclasses import dataclass, replace

from explorer.analysis import Direction, Reach
from explorer.analysis.evidence import ALL_EVIDENCE
from explorer.domain.relations import Evidence
from explorer.estate import Estate

__all__ = ["Rewalked", "in_reach", "reach_again", "reach_distances", "reach_name"]


def reach_name(answer: Reach) -> str:
    """``blast radius of DNS``, ``upstream of dns, kms`` or ``blast radius of program
    Cutover``: how a note names a highlight."""
    what = "blast radius" if answer.direction is Direction.AFFECTED else "upstream"
    if answer.program is not None:
        return f"{what} of program {answer.program.name}"
    if answer.scope:
        return f"{what} of {', '.join(e.id for e in answer.scope)}"
    return f"{what} of {answer.node.name}"


def reach_distances(answer: Reach | None) -> dict[str, int]:
    """IRI -> steps from the answer's node (0 for the node itself); {} for no answer."""
    return answer.distances if answer is not None else {}


def in_reach(answer: Reach, iri: str) -> bool:
    """Whether a highlight tells of ``iri``: it reaches it, or it is a team to tell."""
    return iri in answer.distances or any(t.entity.iri == iri for t in answer.teams)


def reach_again(
    estate: Estate, answer: Reach | None, counted: frozenset[Evidence] = frozenset()
) -> Reach | None:
    """``answer`` asked again of ``estate`` (after an edit changed what it says), counting
    only the ``counted`` kinds of evidence (none: all), for the same changes and program;
    None when the estate no longer names one of its changes (the edit that added it was
    undone)."""
    if answer is None or not all(estate.knows(e.iri) for e in answer.changes):
        return None
    ask = estate.blast_radius if answer.direction is Direction.AFFECTED else estate.upstream
    nodes = [e.iri for e in answer.changes]
    found = ask(nodes if answer.scope else nodes[0], counted=counted or ALL_EVIDENCE)
    return replace(found, program=answer.program)


@dataclass
class Rewalked:
    """The highlight asked again for the kinds of evidence a filter counts (its walk goes
    other ways), kept until the highlight or the kinds change."""

    asked: Reach | None = None
    counted: frozenset[Evidence] = frozenset()
    answer: Reach | None = None

    def of(self, estate: Estate, answer: Reach, counted: frozenset[Evidence]) -> Reach | None:
        if self.asked is not answer or self.counted != counted:
            self.asked, self.counted = answer, counted
            self.answer = reach_again(estate, answer, counted)
        return self.answer
