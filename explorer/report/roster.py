"""The roster of an answer, ready to send: the teams to tell (how to reach them and their
people, what they own here and which changes reach it) and what nobody answers for, with
whom to ask instead. CSV for a spreadsheet, Markdown for a status report or a ticket."""

from __future__ import annotations

from collections.abc import Iterable

from explorer.analysis import Reach, TeamToTell
from explorer.analysis.asking import Unattended
from explorer.report.reach import (
    NOBODY,
    ROLES,
    TEAM_HEADINGS,
    members_text,
    reach_heading,
    team_status,
    told_for,
)
from explorer.report.tables import csv_text, markdown_cell, markdown_table

__all__ = ["ROSTER_COLUMNS", "roster_csv", "roster_markdown"]

ROSTER_COLUMNS = [
    "role",
    "name",
    "id",
    "status",
    "contact",
    "members",
    "owns",
    "most_critical_tier",
    "reached_from",
    "ask",
]


def roster_csv(answer: Reach) -> str:
    """One row per team to tell (how to reach it and its people, what it owns here), then
    one per node nobody answers for (``status``: why; ``ask``: whom to ask instead).

    >>> from explorer.analysis import blast_radius
    >>> from explorer.ingest import load
    >>> from explorer.domain.vocab import iri_for_id
    >>> answer = blast_radius(load().graph, iri_for_id("gps-clock"), depth=1)
    >>> print(roster_csv(answer).replace("example.org", "x").replace("team to tell,", ""))
    role,name,id,status,contact,members,owns,most_critical_tier,reached_from,ask
    Data Center Operations,team-dc-ops,active,dcops@x,Inès Moreau <ines@x>,gps-clock,1,gps-clock,
    Network Engineering,team-network,active,#netops,Björn Lindqvist <bjorn@x>,time-sync,1,gps-clock,
    <BLANKLINE>
    """
    role = ROLES[answer.direction]
    rows = [_team_row(role, t) for t in answer.teams]
    rows += [_nobody_row(u) for u in answer.nobody]
    return csv_text(ROSTER_COLUMNS, rows)


def _team_row(role: str, t: TeamToTell) -> list[object]:
    changes = sorted({c for why in t.why for c in why})
    return [
        role,
        t.entity.label,
        t.entity.id,
        team_status(t),
        ", ".join(t.contacts),
        members_text(t),
        " ".join(t.owns),
        t.worst_tier,
        " ".join(changes),
        "",
    ]


def _nobody_row(u: Unattended) -> list[object]:
    e = u.entity
    row: list[object] = [NOBODY, e.label, e.id, u.why, "", "", "", e.tier]
    return [*row, " ".join(u.reached_from), u.ask.words()]


def roster_markdown(answer: Reach) -> str:
    """The answer as Markdown to paste into a status report or a ticket: the heading, the
    teams to tell (problems first) with contacts and members, what nobody answers for and
    whom to ask, then what is reached."""
    lines = [f"## {markdown_cell(reach_heading(answer))}", ""]
    nobody = f", {len(answer.nobody)} that nobody answers for" if answer.nobody else ""
    lines.append(f"{len(answer.impacted)} node(s) reached, {len(answer.teams)} team(s){nobody}.")
    lines += ["", f"### {TEAM_HEADINGS[answer.direction]}", ""]
    header = ["Team", "Status", "Contact", "Members", "Owns here", "Most critical tier"]
    lines += markdown_table(header, (_team_cells(answer, t) for t in answer.teams))
    if answer.nobody:
        lines += ["", "### Nobody to tell", ""]
        header = ["Name", "Tier", "Why", "Ask instead", "Reached from"]
        lines += markdown_table(header, (_nobody_cells(u) for u in answer.nobody))
    lines += ["", "### Reached", ""]
    reached: Iterable[list[object]] = (
        [i.entity.name, i.entity.kind, i.entity.tier or "", i.distance, " → ".join(i.path)]
        for i in answer.impacted
    )
    lines += markdown_table(["Name", "Kind", "Tier", "Distance", "Path"], reached)
    return "\n".join(lines) + "\n"


def _team_cells(answer: Reach, t: TeamToTell) -> list[object]:
    """A team's row: named in full, what it owns listed (with why, for a scope)."""
    contacts, owns = ", ".join(t.contacts), told_for(answer, t)
    return [t.entity.name, team_status(t), contacts, members_text(t), owns, t.worst_tier or ""]


def _nobody_cells(u: Unattended) -> list[object]:
    return [u.entity.name, u.entity.tier or "", u.why, u.ask.words(), ", ".join(u.reached_from)]
