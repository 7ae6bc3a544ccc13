"""The relations of an estate, each defined once.

A row says which predicate the relation is, how it reads from each end ("depends on" /
"needed by"), how a failure travels along it, which field of the native YAML and CSV
formats states it, and on which kinds. The index, the walks (here and on a SPARQL
endpoint), search, the views, the details, the exports and the app's theme all read
this table, so no two of them can disagree about what a relation is.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum, StrEnum

from rdflib import URIRef
from rdflib.namespace import ORG

from explorer.domain.kinds import Kind
from explorer.domain.vocab import IC

__all__ = [
    "ASSUMES",
    "BY_FIELD",
    "BY_NAME",
    "BY_PREDICATE",
    "CALLS",
    "CHANGES",
    "COMPOSING",
    "CONNECTS_TO",
    "DEPENDS_ON",
    "DEPLOYED",
    "EVIDENCE",
    "MEMBER_OF",
    "NAMED_LINKS",
    "OBSERVED",
    "OWNED_BY",
    "PART_OF",
    "PREDICATES",
    "RELATIONS",
    "RUNTIME",
    "SPREADING",
    "SUB_TEAM_OF",
    "USES_VENDOR",
    "Evidence",
    "FieldUse",
    "Relation",
    "Spread",
]


class Evidence(StrEnum):
    """What kind of source says a relation holds: one that declares it (a catalog, an
    estate, a spreadsheet), one that deploys it (Compose, Kubernetes, Terraform), or traffic
    seen along it. Walks count them in this order: what people say first."""

    DECLARED = "declared"
    DEPLOYED = "deployed"
    OBSERVED = "observed"


EVIDENCE: tuple[Evidence, ...] = tuple(Evidence)


class Spread(Enum):
    """How a failure travels along a relation from its target to its source."""

    DEPENDENCY = "dependency"  # the source needs the target: its failure hurts the source
    COMPOSITION = "composition"  # the source is part of the target, a system: so is its failure
    NONE = "none"  # who is who: ownership, membership, the team hierarchy


@dataclass(frozen=True)
class FieldUse:
    """A native YAML and CSV field that states a relation, and the kinds it is written on.

    ``reverse``: the entity written on is the relation's target (a team's ``members``).
    """

    name: str
    kinds: tuple[Kind, ...]
    reverse: bool = False


@dataclass(frozen=True)
class Relation:
    """One relation: ``source <name> target``, e.g. a service "depends on" a database.

    ``runtime``: the source cannot run without the target (single points of failure walk
    these). ``evidence``: what kind of source says it (``Evidence``). Every relation names
    nodes that search covers and a focus view follows; blast radius and upstream follow
    those whose ``spread`` is not ``NONE``.
    """

    predicate: URIRef
    name: str
    inverse: str
    spread: Spread
    fields: tuple[FieldUse, ...] = ()
    runtime: bool = False
    evidence: Evidence = Evidence.DECLARED

    @property
    def observed(self) -> bool:
        """Seen in traffic, not declared by anyone."""
        return self.evidence is Evidence.OBSERVED

    @property
    def walked(self) -> bool:
        """Whether blast radius and upstream follow it."""
        return self.spread is not Spread.NONE


_WORKLOADS = (Kind.SERVICE, Kind.RESOURCE)
_PROGRAMS = (Kind.PROGRAM,)  # what changes things together

DEPENDS_ON = Relation(
    IC.dependsOn,
    "depends on",
    "needed by",
    Spread.DEPENDENCY,
    (FieldUse("depends_on", _WORKLOADS),),
    runtime=True,
)
USES_VENDOR = Relation(
    IC.usesVendor,
    "uses vendor",
    "used by",
    Spread.DEPENDENCY,
    (FieldUse("vendors", _WORKLOADS),),
    runtime=True,
)
ASSUMES = Relation(
    IC.assumes,
    "assumes",
    "assumed by",
    Spread.DEPENDENCY,
    (FieldUse("assumptions", (Kind.SERVICE, Kind.SYSTEM)),),
)
PART_OF = Relation(
    IC.partOf,
    "part of",
    "has part",
    Spread.COMPOSITION,
    (FieldUse("part_of", (*_WORKLOADS, Kind.SYSTEM)),),
)
OWNED_BY = Relation(
    IC.ownedBy,
    "owned by",
    "owns",
    Spread.NONE,
    (
        FieldUse(
            "owner",
            (*_WORKLOADS, Kind.SYSTEM, Kind.VENDOR, Kind.ASSUMPTION, Kind.TEAM, Kind.PROGRAM),
        ),
    ),
)
# what a program changes: the scope of one answer (blast radius, the brief)
CHANGES = Relation(
    IC.changes, "changes", "changed by", Spread.NONE, (FieldUse("changes", _PROGRAMS),)
)
MEMBER_OF = Relation(
    IC.memberOf,
    "member of",
    "has member",
    Spread.NONE,
    (FieldUse("member_of", (Kind.PERSON,)), FieldUse("members", (Kind.TEAM,), reverse=True)),
)
SUB_TEAM_OF = Relation(ORG.subOrganizationOf, "sub-team of", "has sub-team", Spread.NONE)
# observed in traffic: a failure travels along it as along a dependency
CALLS = Relation(IC.calls, "calls", "called by", Spread.DEPENDENCY, evidence=Evidence.OBSERVED)
# wired by what deploys the estate: a failure travels along it as along a dependency
CONNECTS_TO = Relation(
    IC.connectsTo,
    "connects to",
    "connected from",
    Spread.DEPENDENCY,
    runtime=True,
    evidence=Evidence.DEPLOYED,
)

RELATIONS: tuple[Relation, ...] = (
    DEPENDS_ON,
    USES_VENDOR,
    ASSUMES,
    PART_OF,
    OWNED_BY,
    MEMBER_OF,
    SUB_TEAM_OF,
    CHANGES,
    CONNECTS_TO,
    CALLS,
)
PREDICATES: tuple[URIRef, ...] = tuple(r.predicate for r in RELATIONS)
BY_PREDICATE: dict[URIRef, Relation] = {r.predicate: r for r in RELATIONS}
BY_NAME: dict[str, Relation] = {r.name: r for r in RELATIONS}
# native field -> (relation, how it is used)
BY_FIELD: dict[str, tuple[Relation, FieldUse]] = {
    use.name: (r, use) for r in RELATIONS for use in r.fields
}
# what a failure travels along directly (a system's parts aside)
SPREADING: tuple[Relation, ...] = tuple(r for r in RELATIONS if r.spread is Spread.DEPENDENCY)
COMPOSING: tuple[Relation, ...] = tuple(r for r in RELATIONS if r.spread is Spread.COMPOSITION)
RUNTIME: tuple[Relation, ...] = tuple(r for r in RELATIONS if r.runtime)
OBSERVED: tuple[Relation, ...] = tuple(r for r in RELATIONS if r.observed)
DEPLOYED: tuple[Relation, ...] = tuple(r for r in RELATIONS if r.evidence is Evidence.DEPLOYED)
# links between nodes that are not relations of the estate (no walk, view or filter reads
# them), named for the facts said about them
NAMED_LINKS: dict[URIRef, str] = {IC.codeOwner: "code owner (CODEOWNERS)"}
