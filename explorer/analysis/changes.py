"""What changed between two snapshots (or any two sources), as a program manager says it.

Entities added and removed, relations added and removed (among them calls that traffic
showed in one window and not the other), attribute changes (owner, tier, status, label,
description, contact, kind), and ownership gaps opened and closed.
Placeholders are not listed as entities: a new dangling reference shows as an opened gap.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from rdflib import Graph, URIRef

from explorer.analysis import Gap, ownership_gaps
from explorer.analysis.details import Said, fact_words, said_json
from explorer.domain.kinds import Kind
from explorer.domain.model import Entity
from explorer.domain.relations import BY_PREDICATE, OWNED_BY, PREDICATES
from explorer.domain.rules import Rule
from explorer.domain.vocab import IC
from explorer.graph.calls import calls_of, calls_text
from explorer.graph.index import EstateIndex, entities, index_of
from explorer.statements import Statement, statements_of

__all__ = ["Change", "ChangeMark", "Diff", "What", "diff"]

_HIDDEN_KINDS = (Kind.PLACEHOLDER, Kind.UNKNOWN)


class What(StrEnum):
    """What a change is about."""

    ENTITY = "entity"
    RELATION = "relation"
    ATTRIBUTE = "attribute"
    GAP = "gap"


class ChangeMark(StrEnum):
    """How a node changed since the earlier snapshot, for views that colour by change."""

    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"


@dataclass(frozen=True)
class Change:
    """One difference. ``what`` is entity, relation, attribute or gap."""

    what: What
    node: Entity
    relation: str = ""  # relations: the relation's name
    target: Entity | None = None  # relations: the other end
    attribute: str = ""  # attributes: which one
    old: str = ""
    new: str = ""
    rule: str = ""  # gaps: the rule
    message: str = ""  # gaps: the message; calls seen in traffic: how many, and where

    def to_json(self) -> dict[str, Any]:
        n = self.node
        data: dict[str, Any] = {
            "type": self.what,
            "iri": n.iri,
            "id": n.id,
            "label": n.label,
            "kind": n.kind,
        }
        if self.what is What.RELATION and self.target is not None:
            t = self.target
            data |= {
                "relation": self.relation,
                "target": {"iri": t.iri, "id": t.id, "label": t.label, "kind": t.kind},
            }
            if self.message:
                data["calls"] = self.message
        elif self.what is What.ATTRIBUTE:
            data |= {"attribute": self.attribute, "old": self.old or None, "new": self.new or None}
        elif self.what is What.GAP:
            data |= {"rule": self.rule, "message": self.message}
        return data


@dataclass(frozen=True)
class Diff:
    added: tuple[Change, ...]
    removed: tuple[Change, ...]
    changed: tuple[Change, ...]
    said: tuple[Said, ...] = ()  # what was recorded since, with who, when, whence, how sure

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.changed or self.said)

    def to_json(self) -> dict[str, Any]:
        return {
            "added": [c.to_json() for c in self.added],
            "removed": [c.to_json() for c in self.removed],
            "changed": [c.to_json() for c in self.changed],
            "said": [said_json(s) for s in self.said],
        }

    def marks(self) -> dict[str, ChangeMark]:
        """IRI -> added, removed or changed, for views that colour nodes by change."""
        out: dict[str, ChangeMark] = {}
        for mark, changes in (
            (ChangeMark.CHANGED, self.changed),
            (ChangeMark.ADDED, self.added),
            (ChangeMark.REMOVED, self.removed),
        ):
            for c in changes:
                if c.what in (What.ENTITY, What.ATTRIBUTE):
                    out[c.node.iri] = mark
        return out


def _shown(graph: Graph) -> dict[str, Entity]:
    return {e.iri: e for e in entities(graph) if e.kind not in _HIDDEN_KINDS}


def _relations(graph: Graph) -> set[tuple[str, URIRef, str]]:
    index = index_of(graph)
    return {(str(s), p, str(o)) for p in PREDICATES for s, o in index.edges(p)}


def _owners(graph: Graph, iri: str) -> str:
    index = index_of(graph)
    owners = sorted(graph.objects(URIRef(iri), OWNED_BY.predicate), key=str)
    return ", ".join(index.entity(o).name for o in owners if isinstance(o, URIRef))


def _contacts(graph: Graph, iri: str) -> str:
    return ", ".join(sorted(str(c) for c in graph.objects(URIRef(iri), IC.contact)))


def _attribute_changes(old: Graph, new: Graph, a: Entity, b: Entity) -> list[Change]:
    pairs = {
        "kind": (a.kind, b.kind),
        "label": (a.label, b.label),
        "owner": (_owners(old, a.iri), _owners(new, b.iri)),
        "tier": (str(a.tier or ""), str(b.tier or "")),
        "status": (a.status, b.status),
        "description": (a.description, b.description),
        "contact": (_contacts(old, a.iri), _contacts(new, b.iri)),
    }
    return [
        Change(What.ATTRIBUTE, b, attribute=name, old=before, new=after)
        for name, (before, after) in pairs.items()
        if before != after
    ]


def diff(old: Graph, new: Graph) -> Diff:
    """The changes that turn ``old`` into ``new``.

    >>> from explorer.ingest import load
    >>> graph = load().graph
    >>> bool(diff(graph, graph))
    False
    """
    before, after = _shown(old), _shown(new)
    added = [Change(What.ENTITY, after[i]) for i in sorted(after.keys() - before.keys())]
    removed = [Change(What.ENTITY, before[i]) for i in sorted(before.keys() - after.keys())]
    both = before.keys() & after.keys()
    changed = [c for i in sorted(both) for c in _attribute_changes(old, new, before[i], after[i])]
    old_rel, new_rel = _relations(old), _relations(new)
    added += _relation_changes(new, new_rel - old_rel, both)
    removed += _relation_changes(old, old_rel - new_rel, both)
    opened, closed = _gap_changes(old, new)
    return Diff(tuple(added + opened), tuple(removed + closed), tuple(changed), _said(old, new))


def _said(old: Graph, new: Graph) -> tuple[Said, ...]:
    """The statements ``new`` holds that ``old`` does not, newest first."""
    known = {_key(s) for s in statements_of(old)}
    index = index_of(new)
    fresh = [s for s in statements_of(new) if _key(s) not in known]
    return tuple(Said(fact_words(index, s.fact), s) for s in reversed(fresh))


def _key(s: Statement) -> tuple[object, ...]:
    return (s.fact, s.confidence, s.author, s.made, s.source, s.retracted)


def _relation_changes(
    graph: Graph, triples: set[tuple[str, URIRef, str]], both: set[str]
) -> list[Change]:
    """A change per relation of ``triples`` (which ``graph`` holds); an owner of a node in
    ``both`` graphs is said once, as an attribute change."""
    index = index_of(graph)
    return [
        Change(
            What.RELATION,
            index.entity(URIRef(s)),
            BY_PREDICATE[p].name,
            index.entity(URIRef(o)),
            message=_calls_seen(index, s, p, o),
        )
        for s, p, o in sorted(triples)
        if not (p == OWNED_BY.predicate and s in both)
    ]


def _calls_seen(index: EstateIndex, s: str, p: URIRef, o: str) -> str:
    """For a call seen in traffic, how many and where, in the window that saw it."""
    if not BY_PREDICATE[p].observed:
        return ""
    call = calls_of(index).get((index.number[URIRef(s)], index.number[URIRef(o)]))
    return calls_text(call) if call is not None else ""


def _gap_changes(old: Graph, new: Graph) -> tuple[list[Change], list[Change]]:
    """Gaps opened and closed."""
    before = {(g.entity.iri, g.rule): g for g in ownership_gaps(old)}
    after = {(g.entity.iri, g.rule): g for g in ownership_gaps(new)}

    def changes(gaps: dict[tuple[str, Rule], Gap], keys: set[tuple[str, Rule]]) -> list[Change]:
        return [
            Change(What.GAP, gaps[k].entity, rule=gaps[k].rule, message=gaps[k].message)
            for k in sorted(keys)
        ]

    return changes(after, after.keys() - before.keys()), changes(
        before, before.keys() - after.keys()
    )
