"""The fields of the native YAML and CSV formats: names, synonyms, and what each becomes.

Both formats describe one entity per item or row, so both go through ``entity_record``;
that is what makes a YAML estate and its CSV twin load to the same graph.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDFS, XSD

from explorer.errors import InputError
from explorer.kinds import KIND_CLASSES, Kind
from explorer.relations import BY_FIELD, OWNED_BY
from explorer.statuses import STATUSES
from explorer.vocab import IC

__all__ = [
    "EntityRecord",
    "Link",
    "canonical_field",
    "entity_record",
    "field_map",
    "kind_from_text",
]

# normalised spelling -> canonical field name
_SYNONYMS: dict[str, str] = {
    **dict.fromkeys(("id", "name", "service", "identifier"), "id"),
    **dict.fromkeys(("kind", "type"), "kind"),
    **dict.fromkeys(("label", "title", "display_name"), "label"),
    **dict.fromkeys(("description", "desc", "summary", "comment"), "description"),
    **dict.fromkeys(("owner", "team", "owned_by", "owners"), "owner"),
    **dict.fromkeys(("depends_on", "dependencies", "dependson", "depends"), "depends_on"),
    **dict.fromkeys(("vendors", "vendor", "uses_vendor"), "vendors"),
    **dict.fromkeys(("assumptions", "assumption", "assumes"), "assumptions"),
    **dict.fromkeys(("part_of", "partof", "system"), "part_of"),
    **dict.fromkeys(("tier", "criticality"), "tier"),
    "status": "status",
    "members": "members",
    **dict.fromkeys(("member_of", "memberof"), "member_of"),
    **dict.fromkeys(("contact", "email"), "contact"),
}

# kind as users write it -> kind
_KIND_SYNONYMS: dict[str, Kind] = {
    **dict.fromkeys(("service", "services", "component", "application", "app"), Kind.SERVICE),
    **dict.fromkeys(("resource", "resources", "database", "infrastructure"), Kind.RESOURCE),
    **dict.fromkeys(("system", "systems"), Kind.SYSTEM),
    **dict.fromkeys(("team", "teams", "group"), Kind.TEAM),
    **dict.fromkeys(("person", "people", "persons", "user"), Kind.PERSON),
    **dict.fromkeys(("vendor", "vendors", "supplier"), Kind.VENDOR),
    **dict.fromkeys(("assumption", "assumptions"), Kind.ASSUMPTION),
}
# a person's owner (or "team") column is the team they are in
_PERSON_TEAM = BY_FIELD["member_of"]


@dataclass(frozen=True)
class Link:
    """A reference from an entity to another by id (resolved once every source is read)."""

    predicate: URIRef
    target: str
    line: int | None
    reverse: bool = False


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


def normalise(name: str) -> str:
    """Lower case, words joined by ``_``: ``'Depends On'`` and ``'depends-on'`` agree."""
    return re.sub(r"[\s\-]+", "_", name.strip().casefold())


def canonical_field(name: str) -> str | None:
    """The canonical field a column or key name means, or None if it means none."""
    return _SYNONYMS.get(normalise(name))


def field_map(names: Iterable[str]) -> dict[str, str | None]:
    """The canonical field of each key or column name (None: not one of ours).

    Beside an explicit ``id``, the other id spellings (``name``, ``service``) are the label.
    Two names meaning the same field are a ValueError: which one would win is a surprise.

    >>> field_map(["ID", "Name", "Owned by", "colour"])
    {'ID': 'id', 'Name': 'label', 'Owned by': 'owner', 'colour': None}
    """
    names = list(names)
    has_id = any(normalise(n) == "id" for n in names)
    mapping: dict[str, str | None] = {}
    claimed: dict[str, str] = {}
    for name in names:
        canonical = canonical_field(name)
        if canonical == "id" and has_id and normalise(name) != "id":
            canonical = "label"
        if canonical is not None and canonical in claimed:
            raise ValueError(f"{claimed[canonical]!r} and {name!r} both give the {canonical}")
        if canonical is not None:
            claimed[canonical] = name
        mapping[name] = canonical
    return mapping


def kind_from_text(text: str, path: str, line: int | None) -> Kind:
    """A kind name of ``KIND_CLASSES`` from what a user wrote, or an InputError."""
    kind = _KIND_SYNONYMS.get(normalise(text))
    if kind is None:
        allowed = ", ".join(KIND_CLASSES)
        raise InputError(path, line, f"unknown kind {text!r}; expected one of {allowed}")
    return kind


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


def _scalar(value: object, name: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, dict | list):
        raise ValueError(f"{name} must be a single value, not a list or mapping")
    text = str(value).strip()
    return text or None


def _tier(text: str) -> Literal:
    if text not in ("1", "2", "3"):
        raise ValueError(f"tier must be 1, 2 or 3, not {text!r}")
    return Literal(int(text), datatype=XSD.integer)


def _status(kind: str, text: str) -> Literal:
    allowed = STATUSES.get(Kind(kind))
    value = text.casefold() if allowed else text
    if allowed and value not in allowed:
        raise ValueError(f"status of a {kind} must be one of {', '.join(allowed)}, not {text!r}")
    return Literal(value)


def entity_record(
    kind: str, fields: dict[str, object], path: str, line: int | None
) -> EntityRecord:
    """Build a record from canonical fields; a wrong value is an InputError at ``line``."""
    try:
        return _record(kind, fields, path, line)
    except ValueError as exc:
        raise InputError(path, line, str(exc)) from None


def _record(kind: str, fields: dict[str, object], path: str, line: int | None) -> EntityRecord:
    entity_id = _scalar(fields.get("id"), "id")
    if entity_id is None:
        raise ValueError(f"a {kind} without an id")
    record = EntityRecord(kind, entity_id, path, line, label=_scalar(fields.get("label"), "label"))
    if record.label:
        record.attributes.append((RDFS.label, Literal(record.label)))
    if description := _scalar(fields.get("description"), "description"):
        record.attributes.append((DCTERMS.description, Literal(description)))
    if tier := _scalar(fields.get("tier"), "tier"):
        record.attributes.append((IC.tier, _tier(tier)))
    if status := _scalar(fields.get("status"), "status"):
        record.attributes.append((IC.status, _status(kind, status)))
    for contact in split_values(fields.get("contact")):
        record.attributes.append((IC.contact, Literal(contact)))
    for name, (relation, use) in BY_FIELD.items():
        targets = split_values(fields.get(name))
        if relation is OWNED_BY and kind == Kind.PERSON:
            relation, use = _PERSON_TEAM
        if targets and kind not in use.kinds:
            raise ValueError(f"{name} does not apply to a {kind}")
        record.links.extend(Link(relation.predicate, t, line, use.reverse) for t in targets)
    return record
