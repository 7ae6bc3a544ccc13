"""Walks run on the server; what they meet is copied into a small local graph.

A walk asks the server, round by round, for the nodes one step beyond its frontier: each
round is a query whose pattern is a SPARQL property path (``ic:dependsOn|ic:usesVendor|
ic:assumes``) over a ``VALUES`` list of the frontier. The rounds count the distance, and
``--depth`` stops them early, so only what the answer needs is ever fetched.

Every node met is then described (all its triples) into a local graph, its ``Mirror``.
The answer is computed from the mirror by the very functions that answer for a local
file, so the two cannot drift apart: the mirror holds everything those functions read
for the nodes asked about. A server walk may meet a little more than the local rules
would follow (a node typed both Service and System), never less, and the local function
ignores the extra.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rdflib import RDF, Graph, URIRef

from explorer.domain.kinds import ALL_KIND_CLASSES, OWNER_KINDS, Kind
from explorer.domain.progress import Step, StepProgress, quiet
from explorer.domain.relations import (
    COMPOSING,
    MEMBER_OF,
    OWNED_BY,
    PART_OF,
    RELATIONS,
    SPREADING,
    SUB_TEAM_OF,
    Relation,
)
from explorer.graph.store import new_graph
from explorer.remote.client import SparqlClient
from explorer.remote.queries import chunks, iri, values

__all__ = ["AROUND", "HURT", "NEEDS", "Mirror", "Stride", "Tick", "walk"]

Stride = str  # a graph pattern from ?from to the ?next nodes one step on
Tick = StepProgress


def _path(relations: Iterable[Relation]) -> str:
    return "|".join(iri(r.predicate) for r in relations)


_DIRECT = _path(SPREADING)
_SYSTEM = iri(ALL_KIND_CLASSES[Kind.SYSTEM])
_PARTS = " UNION ".join(
    f"{{ ?from a {_SYSTEM} . ?next {iri(r.predicate)} ?from }}" for r in COMPOSING
)
HURT: Stride = f"{{ ?next {_DIRECT} ?from }} UNION {_PARTS}"  # who is hurt when ?from fails
NEEDS: Stride = f"{{ ?from {_DIRECT} ?next }} UNION {_PARTS}"  # what ?from needs
_ALL = _path(RELATIONS)
AROUND: Stride = f"{{ ?from {_ALL} ?next }} UNION {{ ?next {_ALL} ?from }}"


def walk(
    client: SparqlClient,
    starts: Iterable[URIRef],
    step: Stride,
    depth: int | None = None,
    tick: Tick = quiet,
) -> list[URIRef]:
    """Every node within ``depth`` steps of ``starts`` (all of them if None), starts first."""
    met = dict.fromkeys(starts)
    frontier = list(met)
    rounds = 0
    while frontier and (depth is None or rounds < depth):
        rounds += 1
        tick(Step.WALKING, rounds, rounds + 1)
        found: list[URIRef] = []
        for part in chunks(sorted(frontier)):
            query = (
                f"SELECT DISTINCT ?next WHERE {{ {values('from', part)} {step} "
                "FILTER(isIRI(?next)) } ORDER BY ?next"
            )
            for rows in client.pages(query):
                found.extend(row["next"] for row in rows)  # type: ignore[misc]
        frontier = [node for node in dict.fromkeys(found) if node not in met]
        met.update(dict.fromkeys(frontier))
    return list(met)


class Mirror:
    """A local graph holding everything the server says about the nodes described."""

    def __init__(self, client: SparqlClient, tick: Tick = quiet) -> None:
        self.client = client
        self.graph: Graph = new_graph()
        self.described: set[URIRef] = set()
        self.tick = tick

    def describe(self, nodes: Iterable[URIRef]) -> None:
        """Copy every triple whose subject is one of ``nodes`` (those not copied yet); of a
        node that has none, a triple that names it (a placeholder is told by that)."""
        todo = sorted({n for n in nodes if isinstance(n, URIRef)} - self.described)
        for done, part in enumerate(chunks(todo), start=1):
            self.tick(Step.FETCHING, done, -(-len(todo) // len(part)))
            query = f"SELECT ?s ?p ?o WHERE {{ {values('s', part)} ?s ?p ?o }} ORDER BY ?s ?p ?o"
            for rows in self.client.pages(query):
                self.graph.addN((row["s"], row["p"], row["o"], self.graph) for row in rows)
            self.described.update(part)
            bare = [n for n in part if (n, None, None) not in self.graph]
            if bare:
                self._named_by(bare)

    def _named_by(self, nodes: Sequence[URIRef]) -> None:
        """One triple of each relation that names each of ``nodes``."""
        relations = " ".join(iri(r.predicate) for r in RELATIONS)
        query = (
            f"SELECT ?o ?p (MIN(STR(?s)) AS ?first) WHERE {{ {values('o', nodes)} "
            f"VALUES ?p {{ {relations} }} ?s ?p ?o FILTER(isIRI(?s)) }} GROUP BY ?o ?p "
            "ORDER BY ?o ?p"
        )
        for rows in self.client.pages(query):
            found = [(URIRef(str(row["first"])), row["p"], row["o"]) for row in rows]
            self.graph.addN((s, p, o, self.graph) for s, p, o in found)

    def objects(self, nodes: Iterable[URIRef], predicate: URIRef) -> set[URIRef]:
        """What described ``nodes`` point at with ``predicate`` (read locally)."""
        found: set[URIRef] = set()
        for node in nodes:
            found.update(o for o in self.graph.objects(node, predicate) if isinstance(o, URIRef))
        return found

    def subjects(
        self, nodes: Sequence[URIRef], predicate: URIRef, every: bool = True
    ) -> set[URIRef]:
        """Nodes pointing at ``nodes`` with ``predicate``, asked of the server and copied in
        as those triples; with ``every`` false, one such node per target is enough."""
        found: set[URIRef] = set()
        for part in chunks(sorted(nodes)):
            pattern = f"{values('o', part)} ?s {iri(predicate)} ?o FILTER(isIRI(?s))"
            query = (
                f"SELECT ?o ?s WHERE {{ {pattern} }} ORDER BY ?o ?s"
                if every
                else f"SELECT ?o (MIN(STR(?s)) AS ?first) WHERE {{ {pattern} }} GROUP BY ?o "
                "ORDER BY ?o"
            )
            for rows in self.client.pages(query):
                pairs = [(URIRef(str(row["s" if every else "first"])), row["o"]) for row in rows]
                self.graph.addN((s, predicate, o, self.graph) for s, o in pairs)
                found.update(s for s, _ in pairs)
        return found

    def describe_asked(self, nodes: Sequence[URIRef]) -> None:
        """Copy what ``explorer.analysis.next_steps`` reads to say whom to ask about
        ``nodes``: each node, and of a team or a person what it owns; then of those, the
        systems they are part of, their parent teams and all they touch either way, each
        with its owners and what says whether anybody is there (status, contact, a member).
        """
        self.describe_with_owners(nodes)
        owners = {ALL_KIND_CLASSES[k] for k in OWNER_KINDS}
        teams = sorted(n for n in nodes if owners.intersection(self.graph.objects(n, RDF.type)))
        near = sorted({*nodes, *self.subjects(teams, OWNED_BY.predicate)})
        self.describe_with_owners(near)
        touched: set[URIRef] = set()
        for relation in SPREADING:
            touched |= self.objects(near, relation.predicate)
            touched |= self.subjects(near, relation.predicate)
        wholes = self.objects(near, PART_OF.predicate) | self.objects(near, SUB_TEAM_OF.predicate)
        self.describe_with_owners(sorted(touched | wholes))
        self.subjects(sorted({*teams, *wholes}), MEMBER_OF.predicate, every=False)

    def describe_with_owners(self, nodes: Sequence[URIRef], members: bool = False) -> set[URIRef]:
        """Describe ``nodes``, their owners, and one member of each owner: all that an
        entity record and an owner's status (active, dissolved, unreachable) are made of;
        with ``members``, every member, described, as a roster lists them. Returns the
        owners."""
        self.describe(nodes)
        owners = self.objects(nodes, OWNED_BY.predicate)
        self.describe(owners)
        people = self.subjects(sorted(owners), MEMBER_OF.predicate, every=members)
        if members:
            self.describe(people)
        return owners
