"""The fields of the native YAML and CSV formats: names, synonyms, and what each becomes.

Both formats describe one entity per item or row, so both go through ``entity_record``;
that is what makes a YAML estate and its CSV twin load to the same graph.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TypeVar

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDFS, XSD

from explorer.domain.errors import InputError
from explorer.domain.kinds import Kind
from explorer.domain.relations import BY_FIELD, OWNED_BY, FieldUse, Relation
from explorer.domain.statuses import STATUSES
from explorer.domain.tiers import parse_tier, tier_problem
from explorer.domain.vocab import IC
from explorer.ingest.notes import Notes
from explorer.statements import Confidence, parse_confidence

__all__ = ["EntityRecord", "FieldError", "Link", "entity_record", "split_values"]

T = TypeVar("T")

# a person's owner (or "team") column is the team they are in
_PERSON_TEAM = BY_FIELD["member_of"]


@dataclass(frozen=True)
class Link:
    """A reference from an entity to another by id (resolved once every source is read)."""

    predicate: URIRef
    target: str
    line: int | None
    reverse: bool = False
    confidence: Confidence | None = None  # how sure, and from where, when the file says
    source: str = ""
    name: str = ""  # the name as written, which a label may match when no id does


@dataclass
class EntityRecord:
    """One entity as a YAML item or CSV row states it, before references are resolved."""

    kind: str
    id: str
    path: str
    line: int | None
    label: str | None = None
    attributes: list[tuple[URIRef, Literal]] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    names: tuple[str, ...] = ()  # other names it goes by in its source (a Backstage name)
    same_as: list[str] = field(default_factory=list)  # ids it is said to be the same as
    not_same_as: list[str] = field(default_factory=list)  # and not to be
    evidence: str = "declared"  # "deployed": read from what deploys the estate


def split_values(value: object) -> list[str]:
    """A multi-valued field as a list: YAML lists, or text split on ``;`` and ``,``."""
    items: Iterable[object] = value if isinstance(value, list) else [value]
    out: list[str] = []
    for item in items:
        if item is None:
            continue
        if isinstance(item, dict | list):
            raise ValueError("a reference must be an id, not a nested structure")
        out.extend(part.strip() for part in re.split(r"[;,]", str(item)) if part.strip())
    return out


def _targets(value: object) -> list[tuple[str, Confidence | None, str]]:
    """A relation's targets: ids, or ``{id, confidence, source}`` mappings saying how sure
    and from where (``depends_on: [{id: hsm, confidence: suspected, source: "..."}]``)."""
    items = value if isinstance(value, list) else [value]
    found: list[tuple[str, Confidence | None, str]] = []
    for item in items:
        if not isinstance(item, dict):
            found.extend((t, None, "") for t in split_values(item))
            continue
        unknown = sorted(str(k) for k in item if str(k) not in ("id", "confidence", "source"))
        if unknown or not str(item.get("id") or "").strip():
            raise ValueError("a reference is an id or {id, confidence, source}")
        said = item.get("confidence")
        sure = parse_confidence(str(said)) if said is not None else None
        found.append((str(item["id"]).strip(), sure, str(item.get("source") or "").strip()))
    return found


def _scalar(value: object, name: str) -> str | None:
    """A single value, trimmed; None for none or blank."""
    text = _text(value, name)
    return text.strip() or None if text is not None else None


def _text(value: object, name: str) -> str | None:
    """A single value exactly as written (a label keeps its spaces); None for none or ""."""
    if value is None:
        return None
    if isinstance(value, dict | list):
        raise ValueError(f"{name} must be a single value, not a list or mapping")
    text = str(value)
    return text if text else None


def _tier(text: str) -> Literal:
    tier = parse_tier(text)
    if tier is None:
        raise ValueError(tier_problem(text))
    return Literal(tier, datatype=XSD.integer)


def _status(kind: str, text: str) -> Literal:
    allowed = STATUSES.get(Kind(kind))
    value = text.casefold() if allowed else text
    if allowed and value not in allowed:
        raise ValueError(f"status of a {kind} must be one of {', '.join(allowed)}, not {text!r}")
    return Literal(value)


class FieldError(ValueError):
    """A field's value that cannot be used; ``field`` says which."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


LineOf = Callable[[str], int | None]  # a field's own line, where the format knows it


def entity_record(
    kind: str,
    fields: dict[str, object],
    path: str,
    line: int | None,
    where: Callable[[str], str] | None = None,
    line_of: LineOf | None = None,
    notes: Notes | None = None,
) -> EntityRecord:
    """Build a record from canonical fields. A wrong value is an InputError at its field's
    line (``line_of``) or the record's, prefixed with ``where(field)`` (a spreadsheet's
    column) when given. With ``notes``, a wrong value other than the id is a problem said
    there, and only that value is left out: a row survives a bad cell."""
    at = _field_lines(line, line_of)

    def wrong(exc: FieldError) -> None:
        place = f"{where(exc.field)}: " if where is not None else ""
        problem = InputError(path, at(exc.field), f"{place}{exc}")
        if notes is None or exc.field == "id":
            raise problem
        notes.problem(problem)

    try:
        return _record(kind, fields, path, at, wrong)
    except FieldError as exc:  # the id: there is no record without it
        wrong(exc)
        raise AssertionError("unreachable") from None


def _field_lines(line: int | None, line_of: LineOf | None) -> Callable[[str], int | None]:
    def at(field: str) -> int | None:
        found = line_of(field) if line_of is not None else None
        return found if found is not None else line

    return at


def _checked(field: str, parse: Callable[..., T], *args: object) -> T:
    try:
        return parse(*args)
    except ValueError as exc:
        raise FieldError(field, str(exc)) from None


Wrong = Callable[[FieldError], None]
Fields = dict[str, object]


def _record(
    kind: str, fields: dict[str, object], path: str, at: Callable[[str], int | None], wrong: Wrong
) -> EntityRecord:
    entity_id = _checked("id", _scalar, fields.get("id"), "id")
    if entity_id is None:
        raise FieldError("id", f"a {kind} without an id")
    record = EntityRecord(kind, entity_id, path, at("id"))
    for step in (_labels, _values, _identities, _links):
        step(record, kind, fields, at, wrong)
    return record


def _each(wrong: Wrong, fill: Callable[[], None]) -> None:
    """One field's worth of the record; a wrong value is said, and the rest goes on."""
    try:
        fill()
    except FieldError as exc:
        wrong(exc)


def _labels(
    record: EntityRecord, kind: str, fields: dict[str, object], at: LineOf, wrong: Wrong
) -> None:
    add = record.attributes.append

    def label() -> None:
        record.label = _checked("label", _text, fields.get("label"), "label")
        if record.label:
            add((RDFS.label, Literal(record.label)))

    def description() -> None:
        if text := _checked("description", _text, fields.get("description"), "description"):
            add((DCTERMS.description, Literal(text)))

    _each(wrong, label)
    _each(wrong, description)


def _values(
    record: EntityRecord, kind: str, fields: dict[str, object], at: LineOf, wrong: Wrong
) -> None:
    add = record.attributes.append

    def tier() -> None:
        if text := _checked("tier", _scalar, fields.get("tier"), "tier"):
            add((IC.tier, _checked("tier", _tier, text)))

    def status() -> None:
        if text := _checked("status", _scalar, fields.get("status"), "status"):
            add((IC.status, _checked("status", _status, kind, text)))

    def contacts() -> None:
        for contact in _checked("contact", split_values, fields.get("contact")):
            add((IC.contact, Literal(contact)))

    def aliases() -> None:
        for alias in _checked("aliases", split_values, fields.get("aliases")):
            add((IC.alias, Literal(alias)))

    for fill in (tier, status, contacts, aliases):
        _each(wrong, fill)


def _identities(
    record: EntityRecord, kind: str, fields: dict[str, object], at: LineOf, wrong: Wrong
) -> None:
    """What the source says it is, or is not, the same thing as (by id)."""

    def same() -> None:
        record.same_as += _checked("same_as", split_values, fields.get("same_as"))

    def not_same() -> None:
        record.not_same_as += _checked("not_same_as", split_values, fields.get("not_same_as"))

    _each(wrong, same)
    _each(wrong, not_same)


def _links(
    record: EntityRecord, kind: str, fields: dict[str, object], at: LineOf, wrong: Wrong
) -> None:
    for name, (relation, use) in BY_FIELD.items():

        def links(name: str = name, relation: Relation = relation, use: FieldUse = use) -> None:
            targets = _checked(name, _targets, fields.get(name))
            if relation is OWNED_BY and kind == Kind.PERSON:
                relation, use = _PERSON_TEAM
            if targets and kind not in use.kinds:
                raise FieldError(name, f"{name} does not apply to a {kind}")
            record.links.extend(
                Link(relation.predicate, t, at(name), use.reverse, sure, source)
                for t, sure, source in targets
            )

        _each(wrong, links)
