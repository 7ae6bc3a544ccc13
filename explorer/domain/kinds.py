"""The kinds of node an estate holds, each defined once: its name, class, section and title.

Every reader, rule, view and report names kinds through ``Kind``; the classes they stand
for, the native YAML section that lists them and the words a legend uses come from
``KIND_TABLE``.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from rdflib import URIRef

from explorer.domain.vocab import IC

__all__ = [
    "ALL_KIND_CLASSES",
    "CLASS_KINDS",
    "KINDS",
    "KIND_CLASSES",
    "KIND_TABLE",
    "OWNED_KINDS",
    "OWNER_KINDS",
    "SECTIONS",
    "Kind",
    "KindInfo",
]


class Kind(StrEnum):
    """What a node is. A ``str``, so it prints, compares and serialises as its name."""

    SERVICE = "service"
    RESOURCE = "resource"
    SYSTEM = "system"
    TEAM = "team"
    PERSON = "person"
    VENDOR = "vendor"
    ASSUMPTION = "assumption"
    PROGRAM = "program"  # a set of changes made together: a region build, a vendor swap
    OTHER = "other"  # an imported catalogue entity we keep but do not model
    OBSERVED = "observed"  # seen in traffic, defined by no source
    PLACEHOLDER = "placeholder"  # named by a reference that no source defines
    UNKNOWN = "unknown"  # named by a relation, typed by no source


@dataclass(frozen=True)
class KindInfo:
    """One kind: the class that types it, the native YAML section listing it, its title."""

    kind: Kind
    cls: URIRef | None
    section: str | None
    title: str


# in the order kinds are listed to users; of several classes on one node, the first wins
KIND_TABLE: tuple[KindInfo, ...] = (
    KindInfo(Kind.SERVICE, IC.Service, "services", "Service"),
    KindInfo(Kind.RESOURCE, IC.Resource, "resources", "Resource"),
    KindInfo(Kind.SYSTEM, IC.System, "systems", "System"),
    KindInfo(Kind.TEAM, IC.Team, "teams", "Team"),
    KindInfo(Kind.PERSON, IC.Person, "people", "Person"),
    KindInfo(Kind.VENDOR, IC.Vendor, "vendors", "Vendor"),
    KindInfo(Kind.ASSUMPTION, IC.Assumption, "assumptions", "Assumption"),
    KindInfo(Kind.PROGRAM, IC.Program, "programs", "Program"),
    KindInfo(Kind.OTHER, IC.CatalogEntity, None, "Other"),
    KindInfo(Kind.OBSERVED, IC.ObservedService, None, "Observed only"),
    KindInfo(Kind.PLACEHOLDER, IC.Placeholder, None, "Undefined"),
    KindInfo(Kind.UNKNOWN, None, None, "Unknown"),
)

# the kinds users write in native YAML and CSV -> class
KIND_CLASSES: dict[str, URIRef] = {
    info.kind: info.cls for info in KIND_TABLE if info.section and info.cls is not None
}
# with the kind of imported catalogue entities we keep but do not model
ALL_KIND_CLASSES: dict[str, URIRef] = {**KIND_CLASSES, Kind.OTHER: IC.CatalogEntity}
# class -> kind, in rank order (placeholders last: a typed entity is never a placeholder)
CLASS_KINDS: dict[URIRef, Kind] = {
    info.cls: info.kind for info in KIND_TABLE if info.cls is not None
}
KINDS: tuple[Kind, ...] = tuple(CLASS_KINDS.values())
SECTIONS: dict[str, Kind] = {info.section: info.kind for info in KIND_TABLE if info.section}

# what must have an owner (the shapes' targets), and what may own
OWNED_KINDS = (Kind.SERVICE, Kind.RESOURCE, Kind.SYSTEM, Kind.VENDOR, Kind.ASSUMPTION)
OWNER_KINDS = (Kind.TEAM, Kind.PERSON)
