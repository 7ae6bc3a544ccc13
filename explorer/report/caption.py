"""The teams to tell as lines under a picture of a blast radius or upstream: who, whether
anybody is there, how to reach them and what they own here, then what nobody answers for
and whom to ask. A picture sent on its own then says whom it concerns."""

from __future__ import annotations

from dataclasses import dataclass

from explorer.analysis import Reach, TeamToTell
from explorer.domain.statuses import OwnerStatus
from explorer.report.reach import TEAM_HEADINGS, nobody_words, team_status, told_for

__all__ = ["CAPTION_LINES", "Section", "reach_caption"]

CAPTION_LINES = 40  # lines a section shows; the rest are counted (the roster has them all)


@dataclass(frozen=True)
class Section:
    """A heading and its lines."""

    heading: str
    lines: tuple[str, ...]


def _team_line(answer: Reach, team: TeamToTell) -> str:
    """``Network Engineering (team-network): active; #netops; owns here time-sync``; a
    team whose status already says it has no contact is not said to twice."""
    contact = ", ".join(team.contacts)
    if not contact and team.status is OwnerStatus.ACTIVE:
        contact = "no contact"
    said = "; ".join(w for w in (team_status(team), contact) if w)
    return f"{team.entity.name}: {said}; owns here {told_for(answer, team)}"


def _cut(lines: list[str]) -> tuple[str, ...]:
    if len(lines) <= CAPTION_LINES:
        return tuple(lines)
    more = len(lines) - CAPTION_LINES + 1
    return (*lines[: CAPTION_LINES - 1], f"… and {more:,} more (File ▸ Save the roster has all)")


def reach_caption(answer: Reach) -> list[Section]:
    """The teams of ``answer`` (most critical first, as the answer lists them), each with
    status, contact and what it owns here; then, if any, what nobody answers for.

    >>> from explorer.analysis import blast_radius
    >>> from explorer.ingest import load
    >>> from explorer.domain.vocab import iri_for_id
    >>> teams, = reach_caption(blast_radius(load().graph, iri_for_id("gps-clock"), depth=1))
    >>> teams.heading
    'Teams to tell: 2'
    >>> print(teams.lines[1].replace("example.org", "x"))
    Network Engineering (team-network): active; #netops; owns here time-sync
    """
    teams = [_team_line(answer, t) for t in answer.teams]
    heading = f"{TEAM_HEADINGS[answer.direction]}: {len(teams) or 'none'}"
    sections = [Section(heading, _cut(teams))]
    if answer.nobody:
        nobody = [f"{u.entity.name}: {nobody_words(u)}" for u in answer.nobody]
        count = f"{len(nobody)} (no active owner answers for these)"
        sections.append(Section(f"Nobody to tell: {count}", _cut(nobody)))
    return sections
