"""Grouped pictures of a large estate: one node per system or owning team, sized by count.

Past ``GROUP_FROM`` nodes a picture of every node is a solid tangle, so the whole view is
drawn as Gephi's partitions and Bloom's grouping draw it: each node goes to its system,
else its owning team (people to their team), else its kind. More than ``SHELF_FROM``
systems are put on about ``SHELVES`` shelves in alphabetical runs ("Billing \u2013 Catalog",
"System 0 \u2013 1032"), each of which opens into its systems; when that still gives more than
``MAX_GROUPS`` groups, the team groups are folded into one per kind ("Resources"), which
opens into its teams. Opening a group (``path``) draws its members, with the groups they
link to around them. Links between groups carry their counts; the ``STRONGEST`` of each
group are drawn, as more would be a tangle again. Pinned nodes (the selection, the source
of a highlight) are always drawn on their own, marked and labelled. Between groups only
the relations an answer walks are drawn: the grouping itself says who owns what.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from explorer.domain.kinds import KIND_TABLE, Kind
from explorer.domain.model import Entity
from explorer.domain.relations import BY_NAME, MEMBER_OF, OWNED_BY, PART_OF
from explorer.views.graph_view import GROUP_FROM, Edge, GraphView, Group, laid_out

__all__ = ["GROUP_IRI", "MAX_GROUPS", "SHELF_FROM", "STRONGEST", "grouped", "is_group", "title_of"]

MAX_GROUPS = 150  # more groups than this: team groups fold into one group per kind
SHELF_FROM = 500  # more systems than this are put on shelves
SHELVES = 50  # about this many
STRONGEST = 4  # links drawn per group, strongest first
CONTEXT = 12  # neighbouring groups drawn around an opened group
GROUP_IRI = "urn:infra-explorer:group:"
_TITLES = {info.kind: info.title for info in KIND_TABLE}


def is_group(iri: str) -> bool:
    return iri.startswith(GROUP_IRI)


@dataclass(frozen=True)
class _Homes:
    """Where each node belongs: its system (and that system's shelf), its owning team, and
    its kind."""

    system: dict[str, str]
    team: dict[str, str]
    records: Mapping[str, Entity]
    shelf: dict[str, str]  # system -> the key of its shelf, when systems are shelved

    def key(self, iri: str, level: int, fold: bool) -> str:
        """The node's group at ``level`` (0: shelf, system, team or kind; then system; 1:
        team or kind; 2: kind), as ``by:key``; ``fold`` puts team groups into their kind's."""
        kind = self.records[iri].kind
        in_system = iri in self.system or kind is Kind.SYSTEM
        system = self.system.get(iri, iri)
        if in_system and system in self.shelf:
            if level == 0:
                return f"shelf:{self.shelf[system]}"
            level -= 1  # a shelf opens into its systems
        if level == 0 and in_system:
            return f"system:{system}"
        if level <= 1 and not fold and (iri in self.team or kind is Kind.TEAM):
            return f"team:{self.team.get(iri, iri)}"
        return f"kind:{kind}"


def _homes(records: Mapping[str, Entity], edges: Iterable[Edge]) -> _Homes:
    system: dict[str, str] = {}
    team: dict[str, str] = {}
    for edge in edges:
        if edge.relation == PART_OF.name:
            system.setdefault(edge.source, edge.target)
        elif edge.relation in (OWNED_BY.name, MEMBER_OF.name):
            team.setdefault(edge.source, edge.target)
    systems = set(system.values()) | {n for n, e in records.items() if e.kind is Kind.SYSTEM}
    return _Homes(system, team, records, _shelves(systems, records))


def _shelves(systems: set[str], records: Mapping[str, Entity]) -> dict[str, str]:
    """Each system's shelf, ``first last`` (IRIs), in alphabetical runs; none for a few."""
    if len(systems) <= SHELF_FROM:
        return {}
    ordered = sorted(systems, key=lambda s: (_natural(_label(s, records)), s))
    size = -(-len(ordered) // SHELVES)
    shelf = {}
    for start in range(0, len(ordered), size):
        run = ordered[start : start + size]
        shelf.update(dict.fromkeys(run, f"{run[0]} {run[-1]}"))
    return shelf


def _unshared(first: str, last: str) -> str:
    """``last`` without the words it starts with as ``first`` does: a shelf of "System 0"
    to "System 1032" is "System 0 \u2013 1032".

    >>> _unshared("System 0", "System 1032"), _unshared("Billing", "Catalog")
    ('1032', 'Catalog')
    """
    a, b = first.split(), last.split()
    same = next(
        (i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b))
    )
    return " ".join(b[same:]) or last


def _natural(text: str) -> tuple[tuple[int, int | str], ...]:
    """A sort key in which "System 9" comes before "System 10"."""
    parts = re.split(r"(\d+)", text.casefold())
    return tuple((1, int(p)) if p.isdigit() else (0, p) for p in parts if p)


def _label(iri: str, records: Mapping[str, Entity]) -> str:
    named = records.get(iri)
    return named.label if named is not None else iri.rsplit("/", 1)[-1]


def title_of(key: str, records: Mapping[str, Entity]) -> str:
    """A group's name, from its key: the system's or team's label, or the kind's.

    >>> title_of("kind:person", {}), title_of("kind:service", {})
    ('People', 'Services without a system')
    """
    by, _, what = key.partition(":")
    if by == "kind":
        kind = Kind(what)
        label = "People" if kind is Kind.PERSON else f"{_TITLES[kind]}s"
        return label + " without a system" if kind in (Kind.SERVICE, Kind.RESOURCE) else label
    if by == "shelf":
        first, _, last = (_label(iri, records) for iri in what.partition(" "))
        return f"{first} \u2013 {_unshared(first, last)}"
    return _label(what, records)


def _group_entity(key: str, members: Sequence[str], records: Mapping[str, Entity]) -> Entity:
    by, _, what = key.partition(":")
    kind = Kind(what) if by == "kind" else Kind.SYSTEM if by in ("system", "shelf") else Kind.TEAM
    label = f"{title_of(key, records)} ({len(members):,})"
    return Entity(GROUP_IRI + key, key, label, kind)


def grouped(view: GraphView, path: Sequence[str] = (), pinned: Iterable[str] = ()) -> GraphView:
    """``view`` drawn as groups (see the module); ``path`` lists the groups opened, outermost
    first, as the ``key`` of each ``Group``."""
    homes = _homes(view.nodes, view.edges)
    top = _folds(homes, list(view.nodes))  # the top level folds team groups, deeper never
    members = list(view.nodes)
    for level, key in enumerate(path):
        members = [n for n in members if homes.key(n, level, level == 0 and top) == key]
    level = len(path)
    if len(members) > GROUP_FROM:
        fold = level == 0 and top
        drawn = {n: GROUP_IRI + homes.key(n, level, fold) for n in members}
    else:
        drawn = {n: n for n in members}  # node -> the IRI it is drawn as
    if path:  # the rest of the estate, as its top-level groups around the opened one
        inside = set(members)
        drawn.update({n: GROUP_IRI + homes.key(n, 0, top) for n in view.nodes if n not in inside})
    drawn.update({p: p for p in pinned if p in view.nodes})
    return _drawn(view, drawn, set(members))


def _folds(homes: _Homes, members: Sequence[str]) -> bool:
    return len({homes.key(n, 0, False) for n in members}) > MAX_GROUPS


def _drawn(view: GraphView, drawn: dict[str, str], inside: set[str]) -> GraphView:
    """The picture where each node is drawn as ``drawn[node]``: groups, their counts and
    their strongest links."""
    members: defaultdict[str, list[str]] = defaultdict(list)
    for node, shown in drawn.items():
        if shown != node:
            members[shown].append(node)
    links: Counter[tuple[str, str, str]] = Counter()
    for edge in view.edges:
        source, target = drawn.get(edge.source), drawn.get(edge.target)
        if source is None or target is None or source == target:
            continue
        if BY_NAME[edge.relation].walked or not (is_group(source) or is_group(target)):
            links[(source, edge.relation, target)] += 1  # groups already say who owns
    outside = {g for g, nodes in members.items() if not set(nodes) & inside}
    keep = _context(links, outside) if outside and inside else set(drawn.values())
    records = {
        shown: _group_entity(shown[len(GROUP_IRI) :], members[shown], view.nodes)
        if shown in members
        else view.nodes[shown]
        for shown in sorted(set(drawn.values()))
        if shown in keep
    }
    edges = _strongest(links, records)
    groups = {g: Group(g, g[len(GROUP_IRI) :], tuple(members[g])) for g in records if g in members}
    return laid_out(records, edges, layered=False, groups=groups)


def _context(links: Counter[tuple[str, str, str]], outside: set[str]) -> set[str]:
    """What an opened group's picture keeps: all but the outside groups, of which only the
    ``CONTEXT`` most linked to what is inside."""
    weight: Counter[str] = Counter()
    shown: set[str] = set()
    for (source, _, target), count in links.items():
        shown |= {source, target}
        for end, other in ((source, target), (target, source)):
            if end in outside and other not in outside:
                weight[end] += count
    near = {g for g, _ in weight.most_common(CONTEXT)}
    return (shown - outside) | near


def _strongest(links: Counter[tuple[str, str, str]], records: Mapping[str, Entity]) -> list[Edge]:
    """Every link between two nodes, and each node's ``STRONGEST`` links to or from a
    group (either way), with their counts."""
    by_node: defaultdict[str, list[tuple[int, tuple[str, str, str]]]] = defaultdict(list)
    for link, count in links.items():
        if link[0] in records and link[2] in records and (is_group(link[0]) or is_group(link[2])):
            by_node[link[0]].append((count, link))
            by_node[link[2]].append((count, link))
    kept = {link for link in links if not (is_group(link[0]) or is_group(link[2]))}
    for ranked in by_node.values():
        ranked.sort(key=lambda entry: (-entry[0], entry[1]))
        kept.update(link for _, link in ranked[:STRONGEST])
    return sorted(Edge(s, r, t, links[(s, r, t)]) for s, r, t in kept)
