"""The native YAML ``questions:`` list: open questions written beside the estate.

    questions:
      - text: Who approves the DNS change?
        about: [dns-service]
        assignee: team-dns
        due: 2026-12-15
        status: open          # open (the default), answered or dropped
        answer: ...

Ids in ``about`` and ``assignee`` are resolved like every other reference, once all
sources are read. A question's IRI is made from its text and what it is about, so a
reload gives it the same IRI and a context file can answer it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from rdflib import URIRef

from explorer.domain.errors import InputError
from explorer.ingest.fields import split_values
from explorer.statements import QUESTION_IRI, Question, QuestionStatus
from explorer.statements.questions import parse_due

__all__ = ["QUESTIONS_KEY", "QuestionRecord", "question_of", "question_record"]

QUESTIONS_KEY = "questions"
_FIELDS = ("text", "about", "assignee", "due", "status", "answer")


@dataclass(frozen=True)
class QuestionRecord:
    text: str
    about: tuple[str, ...]
    assignee: str | None
    due: date | None
    status: QuestionStatus
    answer: str
    path: str
    line: int | None


def question_record(path: str, item: Any) -> QuestionRecord:
    """One item of a ``questions:`` list; a wrong field is an InputError at its line."""
    line = getattr(item, "line", None)
    if not isinstance(item, dict) or not str(item.get("text") or "").strip():
        raise InputError(path, line, "each question must be a mapping with a text")
    lines = getattr(item, "lines", {})

    def at(key: str) -> int | None:
        return lines.get(key, line)

    unknown = [str(k) for k in item if str(k) not in _FIELDS]
    if unknown:
        raise InputError(path, at(unknown[0]), f"unknown field {unknown[0]!r} of a question")
    status = str(item.get("status") or "open").strip().casefold()
    if status not in tuple(QuestionStatus):
        allowed = ", ".join(QuestionStatus)
        raise InputError(path, at("status"), f"status of a question must be one of {allowed}")
    try:
        about = tuple(split_values(item.get("about")))
    except ValueError as exc:
        raise InputError(path, at("about"), str(exc)) from None
    assignee = str(item["assignee"]).strip() if item.get("assignee") else None
    return QuestionRecord(
        str(item["text"]).strip(),
        about,
        assignee,
        _due(item.get("due"), path, at("due")),
        QuestionStatus(status),
        str(item.get("answer") or "").strip(),
        path,
        line,
    )


def _due(value: object, path: str, line: int | None) -> date | None:
    if value is None or value == "":
        return None
    try:
        return parse_due(value)
    except ValueError as exc:
        raise InputError(path, line, str(exc)) from None


def question_of(record: QuestionRecord, resolve: Callable[[str, int | None], URIRef]) -> Question:
    """The question, its ids resolved by ``resolve(id, line)``."""
    key = "\n".join([record.text, *sorted(record.about)]).encode()
    return Question(
        QUESTION_IRI + hashlib.sha256(key).hexdigest()[:24],
        record.text,
        tuple(sorted(str(resolve(a, record.line)) for a in record.about)),
        str(resolve(record.assignee, record.line)) if record.assignee else None,
        record.due,
        record.status,
        record.answer,
    )
