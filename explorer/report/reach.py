"""Blast radius and upstream as JSON, text and CSV, for one node or a scope of several (a
program's changes): what is reached, from which change, the teams to tell and why, and
what nobody answers for with whom to ask."""

from __future__ import annotations

from typing import Any

from explorer.analysis import Direction, Member, Reach, TeamToTell, Via
from explorer.analysis.asking import Unattended
from explorer.domain.clock import today
from explorer.domain.kinds import Kind
from explorer.domain.model import Entity
from explorer.domain.statuses import OwnerStatus
from explorer.domain.vocab import id_from_iri
from explorer.report.answers import node_json
from explorer.report.questions import question_json, questions_text
from explorer.report.tables import csv_text
from explorer.statements import Confidence

__all__ = [
    "ROLES",
    "TEAM_HEADINGS",
    "members_text",
    "nobody_words",
    "reach_csv",
    "reach_heading",
    "reach_json",
    "reach_summary",
    "reach_text",
    "team_status",
    "told_for",
]

# what failing means for a kind: an assumption is not down, it turns out false
_FAILS = {Kind.ASSUMPTION: "is false", Kind.VENDOR: "fails"}
_KIND_WORD = {Kind.ASSUMPTION: "assumption", Kind.VENDOR: "vendor"}
TEAM_HEADINGS = {Direction.AFFECTED: "Teams to tell", Direction.NEEDS: "Teams involved"}
ROLES = {Direction.AFFECTED: "team to tell", Direction.NEEDS: "team involved"}
NOBODY = "nobody to tell"


def _listed(names: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def reach_heading(answer: Reach) -> str:
    """What the answer is, in the words its node's kind calls for; for a scope, every
    change named, and the program when it was asked so.

    >>> from explorer.analysis import blast_radius
    >>> from explorer.ingest import load
    >>> from explorer.domain.vocab import iri_for_id
    >>> graph = load().graph
    >>> reach_heading(blast_radius(graph, iri_for_id("assume-public-ntp")))
    'Affected if assumption Public NTP pools are reachable (assume-public-ntp) is false'
    >>> reach_heading(blast_radius(graph, [iri_for_id("kms"), iri_for_id("iam")]))
    'Affected if Key management (KMS) (kms) and Identity and access management (IAM) (iam) fail'
    """
    changes = answer.changes
    program = f"Program {answer.program.name}: " if answer.program else ""
    if answer.direction is Direction.NEEDS:
        needs = "needs" if len(changes) == 1 else "need"
        return f"{program}{_listed([c.name for c in changes])} {needs}"
    affected = "affected" if program else "Affected"
    if len(changes) > 1:
        return f"{program}{affected} if {_listed([c.name for c in changes])} fail"
    node = changes[0]
    word = _KIND_WORD.get(node.kind)
    fails = _FAILS.get(node.kind, "fails")
    return f"{program}{affected} if {f'{word} ' if word else ''}{node.name} {fails}"


def reach_summary(answer: Reach) -> str:
    """Counts by distance, tier and kind, and the teams: a large answer at a glance.

    >>> from explorer.analysis import blast_radius
    >>> from explorer.ingest import load
    >>> from explorer.domain.vocab import iri_for_id
    >>> answer = blast_radius(load().graph, iri_for_id("gps-clock"))
    >>> print(*reach_summary(answer).split(" · "), sep="\\n")
    steps 1: 1, 2: 6, 3: 7, 4: 1
    tier 1: 9, 2: 5, 3: 1
    14 service, 1 resource
    9 teams
    2 unowned
    """
    distance, tier, kind = answer.tally
    steps = ", ".join(f"{d}: {n:,}" for d, n in sorted(distance.items()))
    tiers = [f"{t}: {tier[t]:,}" for t in sorted(t for t in tier if t is not None)]
    if tier[None]:
        tiers.append(f"none: {tier[None]:,}")
    kinds = ", ".join(f"{n:,} {k}" for k, n in kind.most_common())
    nobody = f" · {len(answer.nobody):,} unowned" if answer.nobody else ""
    return (
        f"steps {steps} · tier {', '.join(tiers)} · {kinds} · {len(answer.teams):,} teams{nobody}"
    )


def team_status(team: TeamToTell) -> str:
    """``active``, or what is wrong: ``dissolved``, ``no members, no contact``..."""
    return team.status.mark or str(OwnerStatus.ACTIVE)


def _member(member: Member) -> str:
    contacts = ", ".join(member.contacts)
    return f"{member.entity.label} <{contacts}>" if contacts else member.entity.label


def members_text(team: TeamToTell) -> str:
    """A team's people, each with how to reach them: ``Ana <ana@x>; Bo``."""
    return "; ".join(_member(m) for m in team.members)


def told_for(answer: Reach, team: TeamToTell) -> str:
    """What a team owns here; for a scope, with the changes that reach each."""
    return team.reasons() if answer.scope else ", ".join(team.owns)


def nobody_words(node: Unattended) -> str:
    """``no owner; ask Control Plane (owns Region core, which it is part of)``."""
    return f"{node.why}; {node.ask.words()}"


def _entity_json(entity: Entity | None) -> dict[str, Any] | None:
    return None if entity is None else node_json(entity)


def _team_json(t: TeamToTell) -> dict[str, Any]:
    return {
        "iri": t.entity.iri,
        "id": t.entity.id,
        "label": t.entity.label,
        "status": t.status,
        "owns": list(t.owns),
        "why": [
            {"owns": owned, "reached_from": list(changes)}
            for owned, changes in zip(t.owns, t.why or [()] * len(t.owns), strict=True)
        ],
        "contact": list(t.contacts),
        "members": [{**node_json(m.entity), "contact": list(m.contacts)} for m in t.members],
        "most_critical_tier": t.worst_tier,
    }


def _nobody_json(u: Unattended) -> dict[str, Any]:
    return {
        **node_json(u.entity),
        "tier": u.entity.tier,
        "why": u.why,
        "ask": _entity_json(u.ask.entity),
        "ask_why": u.ask.why,
        "reached_from": list(u.reached_from),
    }


def reach_json(answer: Reach) -> dict[str, Any]:
    """``{"node", "scope", "program", "impacted", "teams", "nobody_to_tell", "questions"}``:
    impacted nodes with their ``tier``, nearest distance, path and ``reached_from``; teams
    with status, owns, ``why``, ``contact``, ``members`` and ``most_critical_tier``; what no
    active owner answers for, with ``why`` and whom to ``ask``."""
    return {
        "node": node_json(answer.node),
        "scope": [node_json(e) for e in answer.changes],
        "program": _entity_json(answer.program),
        "impacted": [
            {
                **node_json(i.entity),
                "tier": i.entity.tier,
                "distance": i.distance,
                "path": list(i.path),
                "reached_from": list(i.reached_from),
                "confidence": i.confidence.value,
                "via": i.via.value,
            }
            for i in answer.impacted
        ],
        "teams": [_team_json(t) for t in answer.teams],
        "nobody_to_tell": [_nobody_json(u) for u in answer.nobody],
        "questions": [question_json(q, today()) for q in answer.questions],
    }


def _impacted_lines(answer: Reach) -> list[str]:
    width = max(len(i.entity.name) for i in answer.impacted)
    path = "how it spreads" if answer.direction is Direction.AFFECTED else "path"
    sure = any(i.confidence is not Confidence.DECLARED for i in answer.impacted)
    seen = any(i.via != Via.DECLARED for i in answer.impacted)  # not all declared
    wide = max(len(i.via.value) for i in answer.impacted)
    extra = (f"{'confidence':<10} " if sure else "") + (f"{'via':<{wide}} " if seen else "")
    paths = [" -> ".join(i.path) for i in answer.impacted]
    long = max(map(len, [path, *paths])) if answer.scope else 0  # a "from" column follows
    source = "  from" if answer.scope else ""
    lines = [f"  {'dist':>4}  {'tier':>4}  {'kind':<11} {extra}{'name':<{width}}  "]
    lines[0] += f"{path:<{long}}{source}".rstrip()
    for i, way in zip(answer.impacted, paths, strict=True):
        tier = i.entity.tier or "-"
        how = (f"{i.confidence:<10} " if sure else "") + (f"{i.via:<{wide}} " if seen else "")
        came = f"  {', '.join(i.reached_from)}" if answer.scope else ""
        lines.append(
            f"  {i.distance:>4}  {tier:>4}  {i.entity.kind:<11} {how}"
            f"{i.entity.name:<{width}}  {way:<{long}}{came}".rstrip()
        )
    return lines


def _team_lines(answer: Reach) -> list[str]:
    lines = ["", f"{TEAM_HEADINGS[answer.direction]}: {len(answer.teams)}"]
    for t in answer.teams:
        mark = f"  [{t.status.mark.upper()}]" if t.status is not OwnerStatus.ACTIVE else ""
        lines.append(f"  {t.entity.name}{mark}: owns {told_for(answer, t)}")
        if t.contacts:
            lines.append(f"      contact: {', '.join(t.contacts)}")
        if t.members:
            lines.append(f"      members: {members_text(t)}")
    return lines


def _nobody_lines(answer: Reach) -> list[str]:
    if not answer.nobody:
        return []
    lines = ["", f"Nobody to tell (no active owner answers for these): {len(answer.nobody)}"]
    for u in answer.nobody:
        came = f" (from {', '.join(u.reached_from)})" if answer.scope else ""
        lines.append(f"  {u.entity.name}{came}: {nobody_words(u)}")
    return lines


def reach_text(answer: Reach) -> str:
    """Nearest first, with the path from the change that reaches it (and, for a scope,
    every change that does); then the teams, problems marked, with whom to call; then what
    nobody answers for, with whom to ask instead."""
    heading = reach_heading(answer)
    if not answer.impacted:
        lines = [f"{heading}: nothing"]
    else:
        lines = [f"{heading}: {len(answer.impacted)} node(s)", "", *_impacted_lines(answer)]
    lines += _team_lines(answer) + _nobody_lines(answer)
    if answer.questions:
        where = (
            "in the blast radius of" if answer.direction is Direction.AFFECTED else "upstream of"
        )
        of = ", ".join(e.id for e in answer.changes)
        lines += ["", f"{len(answer.questions)} open question(s) {where} {of}:"]
        lines += questions_text(answer.questions, id_from_iri, today()).splitlines()[1:]
    return "\n".join(lines)


def reach_csv(answer: Reach) -> str:
    """The answer as CSV for a spreadsheet: every node reached, then every team to tell,
    then what nobody answers for (``status``: why; ``ask``: whom to ask instead).

    >>> from explorer.analysis import blast_radius
    >>> from explorer.ingest import load
    >>> from explorer.domain.vocab import iri_for_id
    >>> print(reach_csv(blast_radius(load().graph, iri_for_id("gps-clock"), depth=1)))
    role,id,label,kind,tier,distance,path,reached_from,status,owns,ask
    affected,time-sync,Time sync (NTP),service,1,1,gps-clock > time-sync,gps-clock,,,
    team to tell,team-dc-ops,Data Center Operations,team,,,,,active,gps-clock,
    team to tell,team-network,Network Engineering,team,,,,,active,time-sync,
    <BLANKLINE>
    """
    header = ["role", "id", "label", "kind", "tier", "distance", "path", "reached_from"]
    rows: list[list[object]] = []
    for i in answer.impacted:
        e = i.entity
        rows.append([answer.direction, e.id, e.label, e.kind, e.tier, i.distance])
        rows[-1] += [" > ".join(i.path), " ".join(i.reached_from), "", "", ""]
    role = ROLES[answer.direction]
    for t in answer.teams:
        e = t.entity
        rows.append([role, e.id, e.label, e.kind, "", "", "", "", t.status, " ".join(t.owns), ""])
    for u in answer.nobody:
        e = u.entity
        rows.append([NOBODY, e.id, e.label, e.kind, e.tier, "", "", " ".join(u.reached_from)])
        rows[-1] += [u.why, "", u.ask.words()]
    return csv_text([*header, "status", "owns", "ask"], rows)
