"""Blast radius and upstream as JSON, text, CSV, and a roster of the teams to tell that can
be sent as it is: CSV for a spreadsheet, Markdown for a status report or a ticket."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any

from explorer.analysis import Direction, Member, Reach, TeamToTell, Via
from explorer.domain.clock import today
from explorer.domain.kinds import Kind
from explorer.domain.statuses import OwnerStatus
from explorer.domain.vocab import id_from_iri
from explorer.formats.cells import protect
from explorer.report.answers import node_json
from explorer.report.questions import question_json, questions_text
from explorer.statements import Confidence

__all__ = [
    "members_text",
    "reach_csv",
    "reach_heading",
    "reach_json",
    "reach_summary",
    "reach_text",
    "roster_csv",
    "roster_markdown",
    "team_status",
]

# what failing means for a kind: an assumption is not down, it turns out false
_FAILS = {Kind.ASSUMPTION: "is false", Kind.VENDOR: "fails"}
_KIND_WORD = {Kind.ASSUMPTION: "assumption", Kind.VENDOR: "vendor"}
_TEAM_HEADINGS = {Direction.AFFECTED: "Teams to tell", Direction.NEEDS: "Teams involved"}
_ROLES = {Direction.AFFECTED: "team to tell", Direction.NEEDS: "team involved"}


def reach_heading(answer: Reach) -> str:
    """What the answer is, in the words its node's kind calls for.

    >>> from explorer.analysis import blast_radius
    >>> from explorer.ingest import load
    >>> from explorer.domain.vocab import iri_for_id
    >>> reach_heading(blast_radius(load().graph, iri_for_id("assume-public-ntp")))
    'Affected if assumption Public NTP pools are reachable (assume-public-ntp) is false'
    """
    node = answer.node
    if answer.direction is Direction.NEEDS:
        return f"{node.name} needs"
    word = _KIND_WORD.get(node.kind)
    return f"Affected if {f'{word} ' if word else ''}{node.name} {_FAILS.get(node.kind, 'fails')}"


def reach_summary(answer: Reach) -> str:
    """Counts by distance, tier and kind, and the teams: a large answer at a glance.

    >>> from explorer.analysis import blast_radius
    >>> from explorer.ingest import load
    >>> from explorer.domain.vocab import iri_for_id
    >>> print(reach_summary(blast_radius(load().graph, iri_for_id("gps-clock"))))
    steps 1: 1, 2: 6, 3: 7, 4: 1 · tier 1: 9, 2: 5, 3: 1 · 14 service, 1 resource · 9 teams
    """
    distance, tier, kind = answer.tally
    steps = ", ".join(f"{d}: {n:,}" for d, n in sorted(distance.items()))
    tiers = [f"{t}: {tier[t]:,}" for t in sorted(t for t in tier if t is not None)]
    if tier[None]:
        tiers.append(f"none: {tier[None]:,}")
    kinds = ", ".join(f"{n:,} {k}" for k, n in kind.most_common())
    return f"steps {steps} · tier {', '.join(tiers)} · {kinds} · {len(answer.teams):,} teams"


def team_status(team: TeamToTell) -> str:
    """``active``, or what is wrong: ``dissolved``, ``no members, no contact``..."""
    return team.status.mark or str(OwnerStatus.ACTIVE)


def _member(member: Member) -> str:
    contacts = ", ".join(member.contacts)
    return f"{member.entity.label} <{contacts}>" if contacts else member.entity.label


def members_text(team: TeamToTell) -> str:
    """A team's people, each with how to reach them: ``Ana <ana@x>; Bo``."""
    return "; ".join(_member(m) for m in team.members)


def reach_json(answer: Reach) -> dict[str, Any]:
    """``{"node", "impacted": [...], "teams": [...]}``: impacted nodes with their ``tier``;
    teams with status, owns, ``contact``, ``members`` and ``most_critical_tier``."""
    return {
        "node": node_json(answer.node),
        "impacted": [
            {
                **node_json(i.entity),
                "tier": i.entity.tier,
                "distance": i.distance,
                "path": list(i.path),
                "confidence": i.confidence.value,
                "via": i.via.value,
            }
            for i in answer.impacted
        ],
        "teams": [
            {
                "iri": t.entity.iri,
                "id": t.entity.id,
                "label": t.entity.label,
                "status": t.status,
                "owns": list(t.owns),
                "contact": list(t.contacts),
                "members": [
                    {**node_json(m.entity), "contact": list(m.contacts)} for m in t.members
                ],
                "most_critical_tier": t.worst_tier,
            }
            for t in answer.teams
        ],
        "questions": [question_json(q, today()) for q in answer.questions],
    }


def reach_text(answer: Reach) -> str:
    """Nearest first, with the path from the node; then the teams, problems marked, with
    whom to call."""
    heading = reach_heading(answer)
    if not answer.impacted:
        lines = [f"{heading}: nothing"]
    else:
        lines = [f"{heading}: {len(answer.impacted)} node(s)", ""]
        width = max(len(i.entity.name) for i in answer.impacted)
        path = "how it spreads" if answer.direction is Direction.AFFECTED else "path"
        sure = any(i.confidence is not Confidence.DECLARED for i in answer.impacted)
        seen = any(i.via != Via.DECLARED for i in answer.impacted)  # not all declared
        wide = max(len(i.via.value) for i in answer.impacted)
        extra = (f"{'confidence':<10} " if sure else "") + (f"{'via':<{wide}} " if seen else "")
        lines.append(f"  {'dist':>4}  {'tier':>4}  {'kind':<11} {extra}{'name':<{width}}  {path}")
        for i in answer.impacted:
            tier = i.entity.tier or "-"
            how = (f"{i.confidence:<10} " if sure else "") + (f"{i.via:<{wide}} " if seen else "")
            lines.append(
                f"  {i.distance:>4}  {tier:>4}  {i.entity.kind:<11} {how}"
                f"{i.entity.name:<{width}}  {' -> '.join(i.path)}"
            )
    lines += ["", f"{_TEAM_HEADINGS[answer.direction]}: {len(answer.teams)}"]
    for t in answer.teams:
        mark = f"  [{t.status.mark.upper()}]" if t.status is not OwnerStatus.ACTIVE else ""
        lines.append(f"  {t.entity.name}{mark}: owns {', '.join(t.owns)}")
        if t.contacts:
            lines.append(f"      contact: {', '.join(t.contacts)}")
        if t.members:
            lines.append(f"      members: {members_text(t)}")
    if answer.questions:
        where = (
            "in the blast radius of" if answer.direction is Direction.AFFECTED else "upstream of"
        )
        lines += ["", f"{len(answer.questions)} open question(s) {where} {answer.node.id}:"]
        lines += questions_text(answer.questions, id_from_iri, today()).splitlines()[1:]
    return "\n".join(lines)


def _csv(header: list[str], rows: Iterable[list[object]]) -> str:
    """RFC 4180 (a CR in a cell is quoted), every cell safe from a spreadsheet's formulas."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([protect("" if v is None else str(v)) for v in row] for row in rows)
    return out.getvalue()


def reach_csv(answer: Reach) -> str:
    """The answer as CSV for a spreadsheet: every node reached, then every team to tell.

    >>> from explorer.analysis import blast_radius
    >>> from explorer.ingest import load
    >>> from explorer.domain.vocab import iri_for_id
    >>> print(reach_csv(blast_radius(load().graph, iri_for_id("gps-clock"), depth=1)))
    role,id,label,kind,tier,distance,path,status,owns
    affected,time-sync,Time sync (NTP),service,1,1,gps-clock > time-sync,,
    team to tell,team-dc-ops,Data Center Operations,team,,,,active,gps-clock
    team to tell,team-network,Network Engineering,team,,,,active,time-sync
    <BLANKLINE>
    """
    header = ["role", "id", "label", "kind", "tier", "distance", "path", "status", "owns"]
    rows: list[list[object]] = []
    for i in answer.impacted:
        e = i.entity
        rows.append([answer.direction, e.id, e.label, e.kind, e.tier, i.distance])
        rows[-1] += [" > ".join(i.path), "", ""]
    role = _ROLES[answer.direction]
    for t in answer.teams:
        e = t.entity
        rows.append([role, e.id, e.label, e.kind, "", "", "", t.status, " ".join(t.owns)])
    return _csv(header, rows)


ROSTER_COLUMNS = ["team", "id", "status", "contact", "members", "owns", "most_critical_tier"]


def roster_csv(answer: Reach) -> str:
    """One row per team to tell: how to reach it and its people, what it owns here.

    >>> from explorer.analysis import blast_radius
    >>> from explorer.ingest import load
    >>> from explorer.domain.vocab import iri_for_id
    >>> answer = blast_radius(load().graph, iri_for_id("gps-clock"), depth=1)
    >>> print(roster_csv(answer).replace("example.org", "x"))
    team,id,status,contact,members,owns,most_critical_tier
    Data Center Operations,team-dc-ops,active,dcops@x,Inès Moreau <ines@x>,gps-clock,1
    Network Engineering,team-network,active,#netops,Björn Lindqvist <bjorn@x>,time-sync,1
    <BLANKLINE>
    """
    return _csv(ROSTER_COLUMNS, (_roster_row(t) for t in answer.teams))


def _roster_row(t: TeamToTell) -> list[object]:
    contacts, owns = ", ".join(t.contacts), " ".join(t.owns)
    return [
        t.entity.label,
        t.entity.id,
        team_status(t),
        contacts,
        members_text(t),
        owns,
        t.worst_tier,
    ]


def _roster_cells(t: TeamToTell) -> list[object]:
    """A team's row of the Markdown roster: named in full, what it owns listed."""
    contacts, owns = ", ".join(t.contacts), ", ".join(t.owns)
    return [t.entity.name, team_status(t), contacts, members_text(t), owns, t.worst_tier or ""]


def _md(text: object) -> str:
    """A Markdown table cell: one line, pipes and markup characters escaped."""
    flat = " ".join(str(text).split())
    return "".join(f"\\{c}" if c in "\\|*_`[]<>#" else c for c in flat)


def _table(header: list[str], rows: Iterable[list[object]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(_md(v) for v in row) + " |" for row in rows]
    return lines


def roster_markdown(answer: Reach) -> str:
    """The answer as Markdown to paste into a status report or a ticket: the heading, the
    teams to tell (problems first) with contacts and members, then what is reached."""
    teams = _TEAM_HEADINGS[answer.direction]
    lines = [f"## {_md(reach_heading(answer))}", ""]
    lines.append(f"{len(answer.impacted)} node(s) reached, {len(answer.teams)} team(s).")
    lines += ["", f"### {teams}", ""]
    header = ["Team", "Status", "Contact", "Members", "Owns here", "Most critical tier"]
    lines += _table(header, (_roster_cells(t) for t in answer.teams))
    lines += ["", "### Reached", ""]
    reached: Iterable[list[object]] = (
        [i.entity.name, i.entity.kind, i.entity.tier or "", i.distance, " → ".join(i.path)]
        for i in answer.impacted
    )
    lines += _table(["Name", "Kind", "Tier", "Distance", "Path"], reached)
    return "\n".join(lines) + "\n"
