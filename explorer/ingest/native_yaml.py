"""The native YAML format: top-level lists of services, teams, vendors and so on."""

from __future__ import annotations

from typing import Any

from explorer.errors import InputError
from explorer.ingest.fields import EntityRecord, entity_record, field_map, normalise
from explorer.kinds import SECTIONS

__all__ = ["is_native", "records_from_documents"]


def is_native(document: Any) -> bool:
    """True for a mapping with at least one of the native top-level lists."""
    return isinstance(document, dict) and any(
        isinstance(key, str) and normalise(key) in SECTIONS for key in document
    )


def records_from_documents(
    path: str, documents: list[Any], warnings: list[str]
) -> list[EntityRecord]:
    """Records of every item of every native document; unknown keys become warnings."""
    records: list[EntityRecord] = []
    for document in documents:
        doc_line = getattr(document, "line", None)
        for key, items in document.items():
            kind = SECTIONS.get(normalise(str(key)))
            if kind is None:
                warnings.append(f"{path}:{doc_line}: unknown top-level key {key!r} ignored")
                continue
            if items is None:
                continue
            if not isinstance(items, list):
                raise InputError(path, doc_line, f"{key!r} must be a list of items")
            records.extend(_item_record(path, kind, item, warnings) for item in items)
    return records


def _item_record(path: str, kind: str, item: Any, warnings: list[str]) -> EntityRecord:
    line = getattr(item, "line", None)
    if not isinstance(item, dict):
        raise InputError(path, line, f"each {kind} must be a mapping with an id, not {item!r}")
    try:
        names = field_map(str(key) for key in item)
    except ValueError as exc:
        raise InputError(path, line, str(exc)) from None
    fields: dict[str, object] = {}
    for key, value in item.items():
        name = names[str(key)]
        if name is None or name == "kind":
            warnings.append(f"{path}:{line}: unknown field {key!r} of a {kind} ignored")
            continue
        fields[name] = value
    return entity_record(kind, fields, path, line)
