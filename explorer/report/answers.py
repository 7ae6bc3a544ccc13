"""Gaps and search as the JSON of the command line and as text; how every answer names a
node."""

from __future__ import annotations

from typing import Any

from explorer.analysis import Gap
from explorer.domain.model import Entity
from explorer.search import SearchHit

__all__ = [
    "gaps_json",
    "gaps_text",
    "node_json",
    "search_json",
    "search_text",
]


def node_json(e: Entity) -> dict[str, Any]:
    """How every answer names a node in JSON."""
    return {"iri": e.iri, "id": e.id, "label": e.label, "kind": e.kind}


def gaps_json(gaps: list[Gap]) -> dict[str, Any]:
    """``{"gaps": [{"iri", "id", "label", "kind", "rule", "message", "impact", "next",
    "ask"}]}``: ``next`` the step that closes the gap and whom to ask, ``ask`` that team or
    person (``{"iri", "id", "label", "kind"}``, null when there is nobody to ask)."""
    return {
        "gaps": [
            {
                **node_json(g.entity),
                "rule": g.rule,
                "message": g.message,
                "impact": g.impact,
                "next": g.next,
                "ask": node_json(g.ask) if g.ask is not None else None,
            }
            for g in gaps
        ]
    }


def gaps_text(gaps: list[Gap]) -> str:
    """One line per gap, most impact first, its next step on the line below."""
    if not gaps:
        return "No ownership gaps."
    width = max(len(g.rule) for g in gaps)
    lines = [f"{len(gaps)} ownership gap(s), most impact first:", ""]
    lines.append(f"  {'impact':>6}  {'rule':<{width}}  message")
    for g in gaps:
        lines.append(f"  {g.impact:>6}  {g.rule:<{width}}  {g.message}")
        lines.append(f"  {'':>6}  {'':<{width}}  next: {g.next}")
    return "\n".join(lines)


def search_json(query: str, hits: list[SearchHit]) -> dict[str, Any]:
    """``{"query", "hits": [{"iri", "id", "label", "kind", "score", ...}]}``.

    Each hit also has ``match`` (how its name meets the query: exact, start, word or text,
    the order hits are ranked in), ``tier``, ``fragment`` (plain text) and ``highlights``
    ([start, end] spans of it).
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
                "match": h.match.name.lower(),
                "tier": h.tier,
                "fragment": h.fragment.text,
                "highlights": [list(s) for s in h.fragment.spans],
            }
            for h in hits
        ],
    }


def search_text(query: str, hits: list[SearchHit]) -> str:
    """Best first: how close the name is (a bar), kind and name, then the passage with
    matches in [brackets]."""
    if not hits:
        return f"No matches for {query!r}."
    lines = [f"{len(hits)} match(es) for {query!r}:", ""]
    for h in hits:
        name = h.label if h.label == h.id else f"{h.label} ({h.id})"
        lines.append(f"  {h.match.shown}  {h.kind:<11} {name}")
        if h.fragment.text:
            lines.append(f"  {'':>4}  {'':<11} {h.fragment.marked()}")
    return "\n".join(lines)
