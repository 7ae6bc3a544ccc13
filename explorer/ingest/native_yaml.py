"""The native YAML format: top-level lists of services, teams, vendors and so on."""

from __future__ import annotations

from typing import Any

from explorer.domain.errors import InputError
from explorer.domain.kinds import SECTIONS
from explorer.ingest.fields import EntityRecord, entity_record
from explorer.ingest.headers import field_map, normalise
from explorer.ingest.notes import Notes
from explorer.ingest.question_records import QUESTIONS_KEY, QuestionRecord, question_record

__all__ = ["is_native", "questions_from_documents", "records_from_documents"]


def is_native(document: Any, strict: bool = True) -> bool:
    """True for a mapping with at least one native section that is a list (or empty);
    not ``strict``: with a native section of any value.

    A Docker Compose file has a top-level ``services`` too, but as a mapping: a folder scan
    passes it by; named on its own, it is read as an estate, and told what is wrong.
    """
    return isinstance(document, dict) and any(
        isinstance(key, str)
        and (normalise(key) in SECTIONS or key == QUESTIONS_KEY)
        and (not strict or isinstance(value, list | None))
        for key, value in document.items()
    )


def records_from_documents(path: str, documents: list[Any], notes: Notes) -> list[EntityRecord]:
    """Records of every item of every native document; unknown keys are warnings, and an
    item that cannot be read is a problem that leaves the others in."""
    records: list[EntityRecord] = []
    for document in documents:
        doc_line = getattr(document, "line", None)
        for key, items in document.items():
            kind = SECTIONS.get(normalise(str(key)))
            if key == QUESTIONS_KEY:
                continue  # see questions_from_documents
            if kind is None:
                notes.warn(path, doc_line, f"unknown top-level key {key!r} ignored")
                continue
            if items is None:
                continue
            if not isinstance(items, list):
                notes.problem(InputError(path, doc_line, f"{key!r} must be a list of items"))
                continue
            for item in items:
                try:
                    records.append(_item_record(path, kind, item, notes))
                except InputError as exc:
                    notes.problem(exc)
    return records


def questions_from_documents(path: str, documents: list[Any], notes: Notes) -> list[QuestionRecord]:
    """The questions of every native document's ``questions:`` list; a question that
    cannot be read is a problem that leaves the others in."""
    found: list[QuestionRecord] = []
    for document in documents:
        items = document.get(QUESTIONS_KEY)
        if items is None:
            continue
        if not isinstance(items, list):
            line = getattr(document, "line", None)
            notes.problem(InputError(path, line, "'questions' must be a list of questions"))
            continue
        for item in items:
            try:
                found.append(question_record(path, item))
            except InputError as exc:
                notes.problem(exc)
    return found


def _item_record(path: str, kind: str, item: Any, notes: Notes) -> EntityRecord:
    line = getattr(item, "line", None)
    if not isinstance(item, dict):
        raise InputError(path, line, f"each {kind} must be a mapping with an id, not {item!r}")
    try:
        names = field_map(str(key) for key in item)
    except ValueError as exc:
        raise InputError(path, line, str(exc)) from None
    fields: dict[str, object] = {}
    keys: dict[str, str] = {}  # canonical field -> the key it was written as
    lines = getattr(item, "lines", {})
    for key, value in item.items():
        name = names[str(key)]
        if name is None or name == "kind":
            notes.warn(path, lines.get(key, line), f"unknown field {key!r} of a {kind} ignored")
            continue
        fields[name], keys[name] = value, str(key)
    return entity_record(
        kind, fields, path, line, line_of=lambda f: lines.get(keys.get(f, "")), notes=notes
    )
