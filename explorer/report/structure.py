"""One node's details, dependency cycles and single points of failure, as JSON and text."""

from __future__ import annotations

from typing import Any

from explorer.analysis import SinglePoint
from explorer.analysis.details import NodeDetails, Said, said_json
from explorer.domain.clock import today
from explorer.domain.model import Entity
from explorer.domain.vocab import id_from_iri
from explorer.graph.calls import calls_text
from explorer.report.answers import node_json
from explorer.report.questions import question_json, questions_text

__all__ = ["cycles_json", "cycles_text", "details_json", "details_text", "spof_json", "spof_text"]


def details_json(details: NodeDetails) -> dict[str, Any]:
    """``{"node", "labels", "contacts", "relations", "origins", "gaps"}``."""
    e = details.entity
    return {
        "node": {
            **node_json(e),
            "description": e.description,
            "owners": list(e.owners),
            "tier": e.tier,
            "status": e.status,
        },
        "labels": list(details.labels),
        "contacts": list(details.contacts),
        "relations": [
            {
                "relation": r.name,
                "direction": "out" if r.outgoing else "in",
                "node": node_json(r.other),
                "seen": calls_text(r.seen) if r.seen else None,
            }
            for r in details.relations
        ],
        "origins": list(details.origins),
        "described_as": [
            {"id": m.other, "where": m.where, "matched_by": m.how} for m in details.described_as
        ],
        "gaps": [
            {"rule": g.rule, "message": g.message, "impact": g.impact, "next": g.next}
            for g in details.gaps
        ],
        "said": [said_json(said) for said in details.said],
        "questions": [question_json(q, today()) for q in details.questions],
    }


def said_line(said: Said) -> str:
    """ "DB depends on HSM: suspected, by alice on 2026-12-01, from "interview" (ctx.ttl)"."""
    s = said.statement
    who = [str(s.confidence)] if s.confidence else []
    if s.author:
        who.append(f"by {s.author}")
    if s.made:
        who.append(f"on {s.made:%Y-%m-%d %H:%M}")
    if s.source:
        who.append(f"from {s.source!r}")
    where = f" ({', '.join(said.files)})" if said.files else ""
    head = f"not so: {said.fact}" if s.retracted else said.fact
    return f"{head}: {', '.join(who) or 'no word on who or how sure'}{where}"


def details_text(details: NodeDetails) -> str:
    """The record, then every relation both ways, the gaps, and where it is described."""
    e = details.entity
    rows = [
        ("kind", e.kind),
        ("iri", e.iri),
        ("owner", ", ".join(e.owners) or "none"),
        ("tier", e.tier if e.tier is not None else "not set"),
        ("status", e.status or "not set"),
        ("contact", ", ".join(details.contacts) or "none"),
    ]
    if len(details.labels) > 1:
        rows.append(("labels", "; ".join(details.labels)))
    if e.description:
        rows.append(("description", " ".join(e.description.split())))
    lines = [e.name, *(f"  {name + ':':<13}{value}" for name, value in rows)]
    width = max((len(r.name) for r in details.relations), default=0)
    lines += ["", f"Relations: {len(details.relations)}"]
    lines += [
        f"  {r.name:<{width}}  {r.other.name}  [{r.other.kind}]"
        + (f"  seen: {calls_text(r.seen)}" if r.seen else "")
        for r in details.relations
    ]
    if details.gaps:
        lines += ["", f"Ownership gaps: {len(details.gaps)}"]
        for g in details.gaps:
            lines += [f"  {g.rule}: {g.message}", f"      next: {g.next}"]
    if details.said:
        lines += ["", f"Said about it: {len(details.said)}"]
        for said in details.said:
            lines.append(f"  {said_line(said)}")
            lines += [f"      overrules: {r}" for r in said.replaced]
    if details.questions:
        lines += ["", *questions_text(details.questions, id_from_iri, today()).splitlines()]
    origins = ", ".join(details.origins) or "no source describes it (only referenced)"
    lines += ["", f"From: {origins}"]
    lines += [f"Also described as {m.words()}" for m in details.described_as]
    return "\n".join(lines)


def cycles_json(cycles: list[tuple[Entity, ...]]) -> dict[str, Any]:
    """``{"cycles": [{"size", "nodes": [...]}]}``, largest first."""
    return {
        "cycles": [{"size": len(group), "nodes": [node_json(e) for e in group]} for group in cycles]
    }


def cycles_text(cycles: list[tuple[Entity, ...]]) -> str:
    if not cycles:
        return "No dependency cycles."
    lines = [
        f"{len(cycles)} dependency cycle(s): each group depends on itself, so it cannot be "
        "started one node at a time; plan how it bootstraps.",
        "",
    ]
    lines += [f"  {len(group)} node(s): {', '.join(e.name for e in group)}" for group in cycles]
    return "\n".join(lines)


def spof_json(points: list[SinglePoint]) -> dict[str, Any]:
    """``{"points": [{"iri", "id", "label", "kind", "impact", "tier1_services", "cut_off"}]}``."""
    return {
        "points": [
            {
                **node_json(p.entity),
                "impact": p.impact,
                "tier1_services": list(p.tier1_services),
                "cut_off": list(p.cut_off),
            }
            for p in points
        ]
    }


def _some(ids: tuple[str, ...], shown: int = 3) -> str:
    more = f" and {len(ids) - shown} more" if len(ids) > shown else ""
    return ", ".join(ids[:shown]) + more


def spof_text(points: list[SinglePoint], total: int | None = None) -> str:
    """Most behind first; ``total`` says how many there are when only the first are given."""
    if not points:
        return "No single points of failure between tier-1 services and what they need."
    shown = f" (the first {len(points)})" if total is not None and total > len(points) else ""
    lines = [f"{total or len(points)} single point(s) of failure, most behind first{shown}:", ""]
    width = max(len(p.entity.name) for p in points)
    lines.append(f"  {'impact':>6}  {'kind':<11} {'name':<{width}}  what stands behind it")
    for p in points:
        behind = f"tier 1: {_some(p.tier1_services)}; cuts off: {_some(p.cut_off)}"
        lines.append(f"  {p.impact:>6}  {p.entity.kind:<11} {p.entity.name:<{width}}  {behind}")
    return "\n".join(lines)
