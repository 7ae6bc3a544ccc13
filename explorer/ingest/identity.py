"""One node per thing, whichever source names it.

A Backstage catalog, a spreadsheet and a native estate often describe the same service
under different ids (``component/default/checkout``, ``Checkout``, ``checkout``). Once every
file is read, descriptions from different files are matched, in this order, and only
between kinds that can be the same thing (a Component or API and a service are both
services here; a Group and a team, a User and a person, a Resource and a resource, a
System or Domain and a system):

1. by id, ignoring case, spaces and punctuation;
2. by a Backstage name equal to another source's id (``checkout``);
3. by label, likewise (a row whose name is "Checkout").

An explicit ``same_as`` (native YAML, the CSV column "same as", RDF ``owl:sameAs``) merges
what names alone would not; ``not_same_as`` (``ic:notSameAs``) keeps apart what they would
merge. A match with two candidates merges nothing and is a problem naming both. The node
kept is an RDF source's IRI if one describes the thing, else a spreadsheet's or native
estate's id, else the catalog's, else a deploy file's; every id merged into it is an
``ic:alias`` of it (as observed calls are matched), and each merge is an ``ic:Merge``
naming the id, the file and line that described it, and how it matched, which ``show``,
the details panel and the Problems panel list.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations

from rdflib import RDF, Literal, URIRef
from rdflib.namespace import DCTERMS
from rdflib.term import Node

from explorer.domain.errors import InputError
from explorer.domain.kinds import Kind
from explorer.domain.vocab import IC, id_from_iri

__all__ = ["MERGED_KINDS", "MERGE_IRI", "Described", "Unified", "key", "merge_triples", "unify"]

MERGED_KINDS = frozenset({Kind.SERVICE, Kind.RESOURCE, Kind.SYSTEM, Kind.TEAM, Kind.PERSON})
MERGE_IRI = "urn:infra-explorer:merge:"
_STAGES = ("id", "name", "label")


def key(text: str) -> str:
    """A name as matching compares it: lower case, letters and digits only.

    >>> key("Human Resources"), key("human-resources"), key("Check_out")
    ('humanresources', 'humanresources', 'checkout')
    """
    return re.sub(r"[\W_]+", "", text.casefold())


@dataclass
class Described:
    """One source's description of a thing: the node it names, and how it names it."""

    iri: URIRef
    id: str
    kind: str
    where: str  # file:line
    file: str
    labels: tuple[str, ...] = ()
    names: tuple[str, ...] = ()  # a Backstage name
    same_as: list[URIRef] = field(default_factory=list)
    not_same_as: list[URIRef] = field(default_factory=list)
    rdf: bool = False  # an RDF source's node: its IRI is kept
    deployed: bool = False  # read from a deploy file: a catalog's name is kept over it

    def keys(self, stage: str) -> set[str]:
        texts = {"id": (self.id,), "name": self.names, "label": self.labels}[stage]
        return {key(t) for t in texts if key(t)}


@dataclass
class Unified:
    """Where each merged-away node goes, and the merges, for the graph and for people."""

    into: dict[URIRef, URIRef] = field(default_factory=dict)
    merges: list[tuple[URIRef, Described, str]] = field(default_factory=list)  # into, what, how
    problems: list[InputError] = field(default_factory=list)


class _Groups:
    """Union-find over nodes, refusing to join what a source says is not the same."""

    def __init__(self) -> None:
        self.parent: dict[URIRef, URIRef] = {}
        self.apart: set[frozenset[URIRef]] = set()

    def find(self, node: URIRef) -> URIRef:
        while self.parent.get(node, node) != node:
            node = self.parent[node]
        return node

    def members(self, node: URIRef) -> set[URIRef]:
        root = self.find(node)
        return {n for n in [*self.parent, node] if self.find(n) == root}

    def may_join(self, a: URIRef, b: URIRef) -> bool:
        left, right = self.members(a), self.members(b)
        return not any(frozenset((x, y)) in self.apart for x in left for y in right)

    def join(self, a: URIRef, b: URIRef) -> None:
        self.parent.setdefault(a, a)
        self.parent.setdefault(b, b)
        self.parent[self.find(b)] = self.find(a)


def unify(described: list[Described]) -> Unified:
    """Match the descriptions (see the module); what goes where, and why."""
    things: dict[URIRef, list[Described]] = defaultdict(list)
    for each in described:
        things[each.iri].append(each)
    groups, unified = _Groups(), Unified()
    for each in described:
        groups.apart.update(frozenset((each.iri, other)) for other in each.not_same_as)
    how: dict[URIRef, str] = {}
    for each in described:
        for other in each.same_as:
            if other in things and groups.may_join(each.iri, other):
                groups.join(each.iri, other)
                how.setdefault(other, "same as")
    for stage in _STAGES:
        _match(things, groups, stage, how, unified.problems)
    _settle(things, groups, how, unified)
    return unified


# the names each stage compares: ids with ids; then Backstage names with ids; then labels
# with everything
_KEYED = {"id": ("id",), "name": ("id", "name"), "label": ("id", "name", "label")}


def _index(
    things: dict[URIRef, list[Described]], stage: str
) -> dict[tuple[str, str], dict[URIRef, set[str]]]:
    """(kind, key) -> the nodes that have it, each with how (id, name or label)."""
    found: dict[tuple[str, str], dict[URIRef, set[str]]] = defaultdict(dict)
    for node, descriptions in things.items():
        for each in descriptions:
            if each.kind in MERGED_KINDS:
                for kind_of_name in _KEYED[stage]:
                    for k in each.keys(kind_of_name):
                        found[(each.kind, k)].setdefault(node, set()).add(kind_of_name)
    return found


def _match(
    things: dict[URIRef, list[Described]],
    groups: _Groups,
    stage: str,
    how: dict[URIRef, str],
    problems: list[InputError],
) -> None:
    """Join the things one stage finds the same. Things that share a key are one thing
    when each comes from other files; when one file has two of them, they are two
    candidates for the rest: an ambiguity, said once, and nothing is joined."""
    said: set[frozenset[URIRef]] = set()
    for holders in _index(things, stage).values():
        if stage != "label" and all(kinds == {"name"} for kinds in holders.values()):
            continue  # two Backstage names alike, no id among them: not this stage's match
        roots = {groups.find(node) for node in holders}
        if len(roots) < 2:
            continue
        files = {root: _files(things, groups, root) for root in roots}
        crowded = {f for a, b in combinations(sorted(roots), 2) for f in files[a] & files[b]}
        if crowded:
            if all(files[r] & crowded for r in roots):
                continue  # alike things of one file, and nothing elsewhere: two things
            if frozenset(roots) not in said:
                said.add(frozenset(roots))
                problems.append(_ambiguity(things, groups, roots, files, stage))
            continue
        first, *rest = sorted(roots)
        for other in rest:
            if groups.may_join(first, other):
                groups.join(first, other)
                for node in holders:
                    how.setdefault(node, stage)


def _files(things: dict[URIRef, list[Described]], groups: _Groups, root: URIRef) -> set[str]:
    return {d.file for node in groups.members(root) for d in things.get(node, [])}


def _ambiguity(
    things: dict[URIRef, list[Described]],
    groups: _Groups,
    roots: set[URIRef],
    files: dict[URIRef, set[str]],
    stage: str,
) -> InputError:
    """Said of a description from a file that holds one candidate only (the one asking)."""
    crowded = {f for a, b in combinations(sorted(roots), 2) for f in files[a] & files[b]}
    asking = next(
        (d for r in sorted(roots) if not files[r] & crowded for d in things.get(r, [])),
        things[sorted(roots)[0]][0],
    )
    names = ", ".join(sorted(id_from_iri(r) for r in roots if files[r] & crowded))
    return InputError(
        asking.file,
        _line(asking.where),
        f"{asking.id!r} may be any of {names} (by {stage}); none is merged: say which with "
        "same_as, or keep them apart with not_same_as",
    )


def _line(where: str) -> int | None:
    tail = where.rpartition(":")[2]
    return int(tail) if tail.isdigit() else None


def _settle(
    things: dict[URIRef, list[Described]],
    groups: _Groups,
    how: dict[URIRef, str],
    unified: Unified,
) -> None:
    """Each group's node kept, and the merges into it."""
    order = {node: n for n, node in enumerate(things)}
    by_root: dict[URIRef, list[URIRef]] = defaultdict(list)
    for node in things:
        by_root[groups.find(node)].append(node)
    for members in by_root.values():
        if len(members) < 2:
            continue
        kept = min(members, key=lambda n: (_rank(things[n]), order[n]))
        for node in members:
            if node != kept:
                unified.into[node] = kept
                for each in things[node]:
                    unified.merges.append((kept, each, how.get(node, "id")))


def _rank(descriptions: Iterable[Described]) -> int:
    """An RDF node first, then a spreadsheet's or estate's id, then a catalog's, then what
    a deploy file names."""
    return min((_rank_of(d) for d in descriptions), default=3)


def _rank_of(described: Described) -> int:
    if described.rdf:
        return 0
    if described.deployed:
        return 3
    return 2 if described.names else 1


def merge_triples(into: URIRef, merged: Described, how: str) -> list[tuple[URIRef, URIRef, Node]]:
    """What a merge leaves in the graph: the id as an alias of the node kept, and an
    ``ic:Merge`` saying which description went in, from where, and how it matched."""
    digest = hashlib.sha256(f"{into}|{merged.iri}|{merged.where}".encode()).hexdigest()
    node = URIRef(MERGE_IRI + digest[:24])
    return [
        (into, IC.alias, Literal(merged.id)),
        (node, RDF.type, IC.Merge),
        (node, IC.mergedInto, into),
        (node, IC.mergedId, Literal(merged.id)),
        (node, DCTERMS.source, Literal(merged.where)),
        (node, IC.matchedBy, Literal(how)),
    ]
