"""Open questions in the command line's words: ``questions``, and the ones an answer reaches."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from explorer.statements import Question

__all__ = ["question_json", "questions_json", "questions_text"]

Name = Callable[[str], str]  # an IRI -> how the text output names it


def question_json(q: Question, today: date) -> dict[str, Any]:
    return {
        "iri": q.iri,
        "text": q.text,
        "about": list(q.about),
        "assignee": q.assignee,
        "due": q.due.isoformat() if q.due else None,
        "status": q.status.value,
        "overdue": q.overdue(today),
        "answer": q.answer or None,
        "author": q.author or None,
        "created": q.made.isoformat() if q.made else None,
    }


def questions_json(questions: Sequence[Question], today: date) -> dict[str, Any]:
    """``{"questions": [{"text", "about", "assignee", "due", "status", "overdue", ...}]}``."""
    return {"questions": [question_json(q, today) for q in questions]}


def questions_text(questions: Sequence[Question], name: Name, today: date) -> str:
    """One question a line, then what it is about, who is asked and by when."""
    if not questions:
        return "No questions."
    lines = [f"Questions: {len(questions)}"]
    for q in questions:
        late = "  [OVERDUE]" if q.overdue(today) else ""
        lines.append(f"  [{q.status}] {q.text}{late}")
        facts = [f"about {', '.join(name(a) for a in q.about) or 'nothing named'}"]
        if q.assignee:
            facts.append(f"asked of {name(q.assignee)}")
        if q.due:
            facts.append(f"due {q.due.isoformat()}")
        lines.append(f"      {'; '.join(facts)}")
        if q.answer:
            lines.append(f"      answer: {q.answer}")
    return "\n".join(lines)
