"""Grouped pictures of a large estate: one node per system or owning team, sized by count.

Past ``GROUP_FROM`` nodes a picture of every node is a solid tangle, so the whole view is
drawn as Gephi's partitions and Bloom's grouping draw it: each node goes to its system,
else its owning team (people to their team), else its kind; when that gives more than
``MAX_GROUPS`` groups, the team groups are folded into one per kind ("Resources"), which
opens into its teams. Opening a group (``path``) draws its members, with the groups they
link to around them. Links between groups carry their counts; the ``STRONGEST`` of each
group are drawn, as more would be a tangle again. Pinned nodes (the selection, the source
of a highlight) are always drawn on their own, marked and labelled. Between groups only
the relations an answer walks are drawn: the grouping itself says who owns what.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from explorer.kinds import KIND_TABLE, Kind
from explorer.model import Entity
from explorer.relations import BY_NAME, MEMBER_OF, OWNED_BY, PART_OF
from explorer.view import GROUP_FROM, Edge, GraphView, Group, laid_out

__all__ = ["GROUP_IRI", "MAX_GROUPS", "STRONGEST", "grouped", "is_group", "title_of"]

MAX_GROUPS = 150  # more groups than this: team groups fold into one group per kind
STRONGEST = 4  # links drawn per group, strongest first
CONTEXT = 12  # neighbouring groups drawn around an opened group
GROUP_IRI = "urn:infra-explorer:group:"
_TITLES = {info.kind: info.title for info in KIND_TABLE}


def is_group(iri: str) -> bool:
    return iri.startswith(GROUP_IRI)


@dataclass(frozen=True)
class _Homes:
    """Where each node belongs: its system, its owning team, and its kind."""

    system: dict[str, str]
    team: dict[str, str]
    records: Mapping[str, Entity]

    def key(self, iri: str, level: int, fold: bool) -> str:
        """The node's group at ``level`` (0: system, team or kind; 1: team or kind; 2: kind),
        as ``by:key``; ``fold`` puts team groups into their kind's."""
        kind = self.records[iri].kind
        if level == 0 and (iri in self.system or kind is Kind.SYSTEM):
            return f"system:{self.system.get(iri, iri)}"
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
    return _Homes(system, team, records)


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
    named = records.get(what)
    return named.label if named is not None else what.rsplit("/", 1)[-1]


def _group_entity(key: str, members: Sequence[str], records: Mapping[str, Entity]) -> Entity:
    by, _, what = key.partition(":")
    kind = Kind(what) if by == "kind" else Kind.SYSTEM if by == "system" else Kind.TEAM
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
