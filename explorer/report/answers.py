"""Blast radius, upstream, gaps and search as the JSON of the command line and as text."""

from __future__ import annotations

import csv
import io
from typing import Any

from explorer.analysis import Direction, Gap, Reach
from explorer.cells import protect
from explorer.model import Entity
from explorer.search import SearchHit
from explorer.statuses import OwnerStatus

__all__ = [
    "gaps_json",
    "gaps_text",
    "node_json",
    "reach_csv",
    "reach_json",
    "reach_text",
    "search_json",
    "search_text",
]

_HEADINGS = {Direction.AFFECTED: "Affected if {node} fails", Direction.NEEDS: "{node} needs"}
_TEAM_HEADINGS = {Direction.AFFECTED: "Teams to tell", Direction.NEEDS: "Teams involved"}
_ROLES = {Direction.AFFECTED: "team to tell", Direction.NEEDS: "team involved"}


def node_json(e: Entity) -> dict[str, Any]:
    """How every answer names a node in JSON."""
    return {"iri": e.iri, "id": e.id, "label": e.label, "kind": e.kind}


def reach_json(answer: Reach) -> dict[str, Any]:
    """``{"node", "impacted": [...], "teams": [...]}``; teams also carry status and owns."""
    return {
        "node": node_json(answer.node),
        "impacted": [
            {**node_json(i.entity), "distance": i.distance, "path": list(i.path)}
            for i in answer.impacted
        ],
        "teams": [
            {
                "iri": t.entity.iri,
                "id": t.entity.id,
                "label": t.entity.label,
                "status": t.status,
                "owns": list(t.owns),
            }
            for t in answer.teams
        ],
    }


def reach_text(answer: Reach) -> str:
    """Nearest first, with the path from the node; then the teams, problems marked."""
    heading = _HEADINGS[answer.direction].format(node=answer.node.name)
    if not answer.impacted:
        lines = [f"{heading}: nothing"]
    else:
        lines = [f"{heading}: {len(answer.impacted)} node(s)", ""]
        width = max(len(i.entity.name) for i in answer.impacted)
        path = "how it spreads" if answer.direction is Direction.AFFECTED else "path"
        lines.append(f"  {'dist':>4}  {'kind':<11} {'name':<{width}}  {path}")
        for i in answer.impacted:
            lines.append(
                f"  {i.distance:>4}  {i.entity.kind:<11} {i.entity.name:<{width}}  "
                f"{' -> '.join(i.path)}"
            )
    lines += ["", f"{_TEAM_HEADINGS[answer.direction]}: {len(answer.teams)}"]
    for t in answer.teams:
        mark = f"  [{t.status.mark.upper()}]" if t.status is not OwnerStatus.ACTIVE else ""
        lines.append(f"  {t.entity.name}{mark}: owns {', '.join(t.owns)}")
    return "\n".join(lines)


def _cell_text(value: object) -> str:
    return protect(str(value))


def reach_csv(answer: Reach) -> str:
    """The answer as CSV for a spreadsheet: every node reached, then every team to tell.

    >>> from explorer.analysis import blast_radius
    >>> from explorer.ingest import load
    >>> from explorer.vocab import iri_for_id
    >>> print(reach_csv(blast_radius(load().graph, iri_for_id("gps-clock"), depth=1)))
    role,id,label,kind,distance,path,status,owns
    affected,time-sync,Time sync (NTP),service,1,gps-clock > time-sync,,
    team to tell,team-dc-ops,Data Center Operations,team,,,active,gps-clock
    team to tell,team-network,Network Engineering,team,,,active,time-sync
    <BLANKLINE>
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")  # RFC 4180: a CR in a cell is quoted
    writer.writerow(["role", "id", "label", "kind", "distance", "path", "status", "owns"])
    for i in answer.impacted:
        e = i.entity
        path = " > ".join(i.path)
        row = [answer.direction, e.id, e.label, e.kind, i.distance, path, "", ""]
        writer.writerow(map(_cell_text, row))
    role = _ROLES[answer.direction]
    for t in answer.teams:
        e = t.entity
        writer.writerow(
            map(_cell_text, [role, e.id, e.label, e.kind, "", "", t.status, " ".join(t.owns)])
        )
    return out.getvalue()


def gaps_json(gaps: list[Gap]) -> dict[str, Any]:
    """``{"gaps": [{"iri", "id", "label", "kind", "rule", "message", "impact"}]}``."""
    return {
        "gaps": [
            {**node_json(g.entity), "rule": g.rule, "message": g.message, "impact": g.impact}
            for g in gaps
        ]
    }


def gaps_text(gaps: list[Gap]) -> str:
    """One line per gap, most impact first."""
    if not gaps:
        return "No ownership gaps."
    width = max(len(g.rule) for g in gaps)
    lines = [f"{len(gaps)} ownership gap(s), most impact first:", ""]
    lines.append(f"  {'impact':>6}  {'rule':<{width}}  message")
    lines += [f"  {g.impact:>6}  {g.rule:<{width}}  {g.message}" for g in gaps]
    return "\n".join(lines)


def search_json(query: str, hits: list[SearchHit]) -> dict[str, Any]:
    """``{"query", "hits": [{"iri", "id", "label", "kind", "score", ...}]}``.

    Each hit also has ``fragment`` (plain text) and ``highlights`` ([start, end] spans of it).
    """
    return {
        "query": query,
        "hits": [
            {
                "iri": h.iri,
                "id": h.id,
                "label": h.label,
                "kind": h.kind,
                "score": h.score,
                "fragment": h.fragment.text,
                "highlights": [list(s) for s in h.fragment.spans],
            }
            for h in hits
        ],
    }


def search_text(query: str, hits: list[SearchHit]) -> str:
    """Best first: score, kind and name, then the passage with matches in [brackets]."""
    if not hits:
        return f"No matches for {query!r}."
    lines = [f"{len(hits)} match(es) for {query!r}:", ""]
    for h in hits:
        name = h.label if h.label == h.id else f"{h.label} ({h.id})"
        lines.append(f"  {h.score:>7.2f}  {h.kind:<11} {name}")
        if h.fragment.text:
            lines.append(f"  {'':>7}  {'':<11} {h.fragment.marked()}")
    return "\n".join(lines)
