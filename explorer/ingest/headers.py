"""What a spreadsheet's column header or a YAML key means, as people write them.

Headers are compared ignoring case, spaces, ``_``, ``-``, other punctuation and anything in
parentheses, so ``Service Name``, ``service_name`` and ``SERVICE-NAME`` agree, and
``Vendor(s)`` or ``Criticality (1-3)`` mean what they say. ``SPELLINGS`` is the one table
of synonyms; the README's table shows the same.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from explorer.domain.errors import InputError
from explorer.domain.kinds import KIND_CLASSES, Kind

__all__ = [
    "ID_NAMES",
    "SPELLINGS",
    "canonical_field",
    "field_map",
    "kind_from_text",
    "normalise",
]

# canonical field -> how people write it (normalised forms are matched)
SPELLINGS: dict[str, tuple[str, ...]] = {
    "id": ("id", "identifier", "service id", "component id", "entity id"),
    "name": (
        "name",
        "service",
        "service name",
        "component",
        "component name",
        "application",
        "app",
    ),
    "kind": ("kind", "type", "entity type"),
    "label": ("label", "title", "display name"),
    "description": ("description", "desc", "summary", "comment", "comments", "notes", "purpose"),
    "owner": (
        "owner",
        "owners",
        "owned by",
        "owner team",
        "owning team",
        "team",
        "responsible team",
        "squad",
    ),
    "depends_on": (
        "depends on",
        "dependencies",
        "dependency",
        "depends",
        "upstream",
        "upstreams",
        "calls",
        "requires",
    ),
    "vendors": ("vendors", "vendor(s)", "vendor", "uses vendor", "supplier", "suppliers"),
    "assumptions": ("assumptions", "assumption", "assumes"),
    "part_of": ("part of", "system"),
    "tier": ("tier", "criticality", "criticality (1-3)", "service tier"),
    "status": ("status", "lifecycle"),
    "members": ("members",),
    "member_of": ("member of",),
    "changes": ("changes", "scope", "in scope", "affects"),  # what a program changes
    "contact": ("contact", "contacts", "email", "e-mail", "email address", "on-call", "oncall"),
    # other names it goes by (in traces and metrics): observed calls are matched by them
    "aliases": ("aliases", "alias", "aka", "also known as"),
    # which thing of another source it is, or is not, when names alone would say otherwise
    "same_as": ("same as", "same_as", "sameas"),
    "not_same_as": ("not same as", "not_same_as", "notsameas"),
}
ID_NAMES = ("id", "name")  # "name" is the id unless an explicit id column is there too

_KIND_SPELLINGS: dict[Kind, tuple[str, ...]] = {
    Kind.SERVICE: ("service", "services", "component", "application", "app", "api"),
    Kind.RESOURCE: ("resource", "resources", "database", "infrastructure"),
    Kind.SYSTEM: ("system", "systems"),
    Kind.TEAM: ("team", "teams", "group"),
    Kind.PERSON: ("person", "people", "persons", "user"),
    Kind.VENDOR: ("vendor", "vendors", "supplier"),
    Kind.ASSUMPTION: ("assumption", "assumptions"),
    Kind.PROGRAM: ("program", "programs", "programme", "project", "initiative"),
}


def normalise(name: str) -> str:
    """A header as it is compared: lower case, letters and digits only, no parentheses.

    >>> [normalise(h) for h in ("Service Name", "depends_on", "Vendor(s)", "On-call")]
    ['servicename', 'dependson', 'vendor', 'oncall']
    """
    return re.sub(r"[\W_]+", "", re.sub(r"\([^)]*\)", "", name).casefold())


_FIELDS = {normalise(s): f for f, spellings in SPELLINGS.items() for s in spellings}
_KINDS = {normalise(s): k for k, spellings in _KIND_SPELLINGS.items() for s in spellings}


def canonical_field(name: str) -> str | None:
    """The canonical field a header or key means, or None if it means none ("name"
    counts as "id" here; see ``field_map``)."""
    found = _FIELDS.get(normalise(name))
    return "id" if found == "name" else found


def field_map(names: Iterable[str]) -> dict[str, str | None]:
    """The canonical field of each header or key (None: not one of ours).

    Beside an explicit ``id`` column, the name columns (``name``, ``service``) are the
    label. Two headers meaning the same field are a ValueError: which would win is a
    surprise.

    >>> field_map(["ID", "Name", "Owned by", "colour"])
    {'ID': 'id', 'Name': 'label', 'Owned by': 'owner', 'colour': None}
    >>> field_map(["Service Name", "Owning Team", "Depends On", "Criticality (1-3)"])
    {'Service Name': 'id', 'Owning Team': 'owner', 'Depends On': 'depends_on',
     'Criticality (1-3)': 'tier'}
    """
    names = list(names)
    has_id = any(_FIELDS.get(normalise(n)) == "id" for n in names)
    mapping: dict[str, str | None] = {}
    claimed: dict[str, str] = {}
    for name in names:
        canonical = _FIELDS.get(normalise(name))
        if canonical == "name":
            canonical = "label" if has_id else "id"
        if canonical is not None and canonical in claimed:
            raise ValueError(f"{claimed[canonical]!r} and {name!r} both give the {canonical}")
        if canonical is not None:
            claimed[canonical] = name
        mapping[name] = canonical
    return mapping


def kind_from_text(text: str, path: str, line: int | None) -> Kind:
    """The kind a user wrote, or an InputError that lists the kinds."""
    kind = _KINDS.get(normalise(text))
    if kind is None:
        allowed = ", ".join(KIND_CLASSES)
        raise InputError(path, line, f"unknown kind {text!r}; expected one of {allowed}")
    return kind
