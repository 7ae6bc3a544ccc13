"""Open questions past their due date, as gaps: somebody was asked, and nobody answered."""

from __future__ import annotations

from datetime import date

from rdflib import URIRef

from explorer.analysis.gap import Gap
from explorer.analysis.impact import impact_of
from explorer.analysis.next_steps import asked_of, next_step
from explorer.domain.rules import Rule
from explorer.graph.index import EstateIndex

__all__ = ["overdue_gaps"]


def overdue_gaps(index: EstateIndex, on: date) -> list[Gap]:
    """One gap per open question past its due date, on the first node it is about (its
    assignee when it names none), as urgent as what those nodes hurt; to be asked of its
    assignee."""
    gaps = []
    for q in index.questions():
        nodes = [URIRef(a) for a in q.about if URIRef(a) in index.number]
        if q.assignee and URIRef(q.assignee) in index.number:
            nodes.append(URIRef(q.assignee))
        if not q.overdue(on) or not nodes:
            continue
        asked = f", asked of {index.entity(URIRef(q.assignee)).label}," if q.assignee else ""
        late = (on - q.due).days if q.due else 0
        message = f"Open question '{q.text}'{asked} was due {q.due} ({late} day(s) ago)"
        impact = max(impact_of(index, n) for n in nodes)
        first, assignee = index.number[nodes[0]], index.number.get(URIRef(q.assignee or ""))
        step = next_step(index, Rule.OVERDUE_QUESTION, first, asked_of(index, assignee, first))
        gaps.append(Gap(index.entity(nodes[0]), Rule.OVERDUE_QUESTION, message, impact, *step))
    return gaps
