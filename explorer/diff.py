"""What changed between two snapshots (or any two sources), as a program manager says it.

Entities added and removed, relations added and removed, attribute changes (owner, tier,
status, label, description, contact, kind), and ownership gaps opened and closed.
Placeholders are not listed as entities: a new dangling reference shows as an opened gap.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rdflib import Graph, URIRef

from explorer.analysis import ownership_gaps
from explorer.analysis.index import RELATIONS, index_of
from explorer.model import Entity, entities, entity
from explorer.view import RELATION_NAMES
from explorer.vocab import IC

__all__ = ["Change", "Diff", "diff"]

_HIDDEN_KINDS = ("placeholder", "unknown")


@dataclass(frozen=True)
class Change:
    """One difference. ``what`` is entity, relation, attribute or gap."""

    what: str
    node: Entity
    relation: str = ""  # relations: the relation's name
    target: Entity | None = None  # relations: the other end
    attribute: str = ""  # attributes: which one
    old: str = ""
    new: str = ""
    rule: str = ""  # gaps: the rule
    message: str = ""  # gaps: the message

    def to_json(self) -> dict[str, Any]:
        n = self.node
        data: dict[str, Any] = {
            "type": self.what,
            "iri": n.iri,
            "id": n.id,
            "label": n.label,
            "kind": n.kind,
        }
        if self.what == "relation" and self.target is not None:
            t = self.target
            data |= {
                "relation": self.relation,
                "target": {"iri": t.iri, "id": t.id, "label": t.label, "kind": t.kind},
            }
        elif self.what == "attribute":
            data |= {"attribute": self.attribute, "old": self.old or None, "new": self.new or None}
        elif self.what == "gap":
            data |= {"rule": self.rule, "message": self.message}
        return data


@dataclass(frozen=True)
class Diff:
    added: tuple[Change, ...]
    removed: tuple[Change, ...]
    changed: tuple[Change, ...]

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.changed)

    def to_json(self) -> dict[str, Any]:
        return {
            "added": [c.to_json() for c in self.added],
            "removed": [c.to_json() for c in self.removed],
            "changed": [c.to_json() for c in self.changed],
        }

    def marks(self) -> dict[str, str]:
        """IRI -> added, removed or changed, for views that colour nodes by change."""
        out: dict[str, str] = {}
        for kind, changes in (
            ("changed", self.changed),
            ("added", self.added),
            ("removed", self.removed),
        ):
            for c in changes:
                if c.what in ("entity", "attribute"):
                    out[c.node.iri] = kind
        return out


def _shown(graph: Graph) -> dict[str, Entity]:
    return {e.iri: e for e in entities(graph) if e.kind not in _HIDDEN_KINDS}


def _relations(graph: Graph) -> set[tuple[str, URIRef, str]]:
    index = index_of(graph)
    return {(str(s), p, str(o)) for p in RELATIONS for s, o in index.edges(p)}


def _owners(graph: Graph, iri: str) -> str:
    owners = sorted(graph.objects(URIRef(iri), IC.ownedBy), key=str)
    return ", ".join(_name(entity(graph, o)) for o in owners if isinstance(o, URIRef))


def _contacts(graph: Graph, iri: str) -> str:
    return ", ".join(sorted(str(c) for c in graph.objects(URIRef(iri), IC.contact)))


def _name(e: Entity) -> str:
    return e.label if e.label == e.id else f"{e.label} ({e.id})"


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
        Change("attribute", b, attribute=name, old=before, new=after)
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
    added = [Change("entity", after[i]) for i in sorted(after.keys() - before.keys())]
    removed = [Change("entity", before[i]) for i in sorted(before.keys() - after.keys())]
    changed = [
        c
        for i in sorted(before.keys() & after.keys())
        for c in _attribute_changes(old, new, before[i], after[i])
    ]
    both = before.keys() & after.keys()
    old_rel, new_rel = _relations(old), _relations(new)
    for triples, graph, out in ((new_rel - old_rel, new, added), (old_rel - new_rel, old, removed)):
        for s, p, o in sorted(triples):
            if p == IC.ownedBy and s in both:
                continue  # said once, as an owner change
            out.append(
                Change(
                    "relation",
                    entity(graph, URIRef(s)),
                    RELATION_NAMES[p],
                    entity(graph, URIRef(o)),
                )
            )
    old_gaps = {(g.entity.iri, g.rule): g for g in ownership_gaps(old)}
    new_gaps = {(g.entity.iri, g.rule): g for g in ownership_gaps(new)}
    for key in sorted(new_gaps.keys() - old_gaps.keys()):
        g = new_gaps[key]
        added.append(Change("gap", g.entity, rule=g.rule, message=g.message))
    for key in sorted(old_gaps.keys() - new_gaps.keys()):
        g = old_gaps[key]
        removed.append(Change("gap", g.entity, rule=g.rule, message=g.message))
    return Diff(tuple(added), tuple(removed), tuple(changed))
