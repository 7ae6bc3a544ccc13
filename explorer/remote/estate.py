"""An estate held by a SPARQL endpoint: the same questions, answered by the server.

Every answer is computed from a ``Mirror``: the server walks, filters and checks the
rules over the whole estate, and a local copy of just the nodes that an answer names is
handed to the same functions a local file's answers come from. The answers are
therefore equal, field for field, to those for the same graph loaded from a file.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from urllib.parse import quote

from rdflib import RDFS, Graph, URIRef
from whoosh import query as wq

from explorer.analysis import Gap, Reach, blast_radius, upstream
from explorer.analysis.gaps import gaps_of
from explorer.analysis.index import index_of
from explorer.errors import InputError
from explorer.ingest import LoadResult
from explorer.lookup import choose, closest, expand
from explorer.model import CLASS_KINDS, Entity
from explorer.provenance import Provenance, provenance_of
from explorer.remote import gap_rules, text_match
from explorer.remote.client import SparqlClient
from explorer.remote.endpoint import Endpoint
from explorer.remote.mirror import AROUND, HURT, NEEDS, Mirror, Step, Tick, quiet, walk
from explorer.remote.queries import iri
from explorer.search import SearchHit, search_documents
from explorer.search.documents import documents
from explorer.search.query import parse_query
from explorer.store import new_graph
from explorer.vocab import IC, PREFIXES, iri_for_id

__all__ = ["SEARCH_CANDIDATES", "RemoteEstate", "copy_of", "snapshot_of"]

_log = logging.getLogger(__name__)

SEARCH_CANDIDATES = 2_000  # nodes a search copies and ranks, at most
# a node of one of our kinds: what the local ``entities`` lists
_TYPED = f"VALUES ?kind {{ {' '.join(iri(c) for c in CLASS_KINDS)} }} ?x a ?kind FILTER(isIRI(?x))"
Analysis = Callable[[Graph, URIRef, int | None], Reach]


class RemoteEstate:
    """The questions of ``explorer.analysis`` and ``explorer.search``, asked of an endpoint.

    ``tick(step, done, total)`` reports progress between requests and may raise
    ``Cancelled``; a request under way ends at its timeout at the latest.
    """

    def __init__(self, endpoint: Endpoint, client: SparqlClient | None = None) -> None:
        self.endpoint = endpoint
        self.client = client or SparqlClient(endpoint)
        self._text_index: bool | None = None  # asked on the first search

    # ---------------------------------------------------------------- size and names

    def count_entities(self) -> int:
        """How many nodes of our kinds the endpoint holds (0 says: not an estate)."""
        query = f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ {_TYPED} }}"
        rows = self.client.select(query)
        return int(str(rows[0]["n"])) if rows else 0

    def resolve(self, text: str) -> URIRef:
        """The node ``text`` names (IRI, prefix:name, id or label), as ``resolve_node``."""
        text = text.strip()
        namespaces = {prefix: str(ns) for prefix, ns in PREFIXES.items()}
        for node in (expand(namespaces, text), iri_for_id(text)):
            if node is not None and self._named(node):
                return node
        found = self._entities(self._nodes(f"FILTER({self._names_like(text, exact=True)})"))
        picked = choose(text, found)
        if picked is not None:
            return picked
        near = self._entities(self._nodes(f"FILTER({self._names_like(text[:4], exact=False)})"))
        raise InputError(None, None, f"unknown node {text!r}; closest: {closest(text, near)}")

    def _named(self, node: URIRef) -> bool:
        return self.client.exists(f"{{ {iri(node)} ?p ?o }} UNION {{ ?s ?p {iri(node)} }}")

    def _names_like(self, text: str, exact: bool) -> str:
        folded = text.lower().replace("\\", "\\\\").replace('"', '\\"')
        if exact:
            tails = [f"/{folded}", f"#{folded}", f"/{quote(folded, safe='')}"]
            ends = " || ".join(f'STRENDS(LCASE(STR(?x)), "{t}")' for t in tails)
            label = f'EXISTS {{ ?x {iri(RDFS.label)} ?l FILTER(LCASE(STR(?l)) = "{folded}") }}'
            return f"{label} || {ends}"
        return (
            f'CONTAINS(LCASE(STR(?x)), "{folded}") || EXISTS {{ ?x {iri(RDFS.label)} ?l '
            f'FILTER(CONTAINS(LCASE(STR(?l)), "{folded}")) }}'
        )

    def _nodes(self, where: str, limit: int = 50) -> list[URIRef]:
        """Nodes of our kinds passing ``where``, at most ``limit``, in IRI order."""
        query = f"SELECT DISTINCT ?x WHERE {{ {_TYPED} {where} }} ORDER BY ?x LIMIT {limit}"
        return [row["x"] for row in self.client.select(query)]  # type: ignore[misc]

    def _entities(self, nodes: list[URIRef]) -> list[Entity]:
        mirror = Mirror(self.client)
        _describe_with_owners(mirror, nodes)
        index = index_of(mirror.graph)
        return [index.entity(n) for n in nodes]

    # ---------------------------------------------------------------- walks

    def blast_radius(self, node: URIRef, depth: int | None = None, tick: Tick = quiet) -> Reach:
        """As ``explorer.analysis.blast_radius`` on the same graph."""
        return self._reach(node, HURT, depth, blast_radius, tick)

    def upstream(self, node: URIRef, depth: int | None = None, tick: Tick = quiet) -> Reach:
        """As ``explorer.analysis.upstream`` on the same graph."""
        return self._reach(node, NEEDS, depth, upstream, tick)

    def _reach(
        self, node: URIRef, step: Step, depth: int | None, analysis: Analysis, tick: Tick
    ) -> Reach:
        mirror = Mirror(self.client, tick)
        met = walk(self.client, [node], step, depth, tick)
        _describe_with_owners(mirror, met)
        return analysis(mirror.graph, node, depth)

    def neighbourhood(self, centres: list[URIRef], hops: int, tick: Tick = quiet) -> Graph:
        """A copy of everything within ``hops`` relations of ``centres``, for a focus view."""
        mirror = Mirror(self.client, tick)
        _describe_with_owners(mirror, walk(self.client, centres, AROUND, hops, tick))
        return mirror.graph

    def first_entities(self, limit: int, tick: Tick = quiet) -> Graph:
        """A copy of the first ``limit`` entities in IRI order, and the relations among them."""
        mirror = Mirror(self.client, tick)
        _describe_with_owners(mirror, self._nodes("", limit))
        return mirror.graph

    # ---------------------------------------------------------------- gaps and search

    def gaps(self, tick: Tick = quiet) -> list[Gap]:
        """As ``explorer.analysis.ownership_gaps`` on the same graph: the rules run on the
        server; messages and impact come from a copy of the gaps' nodes and what they hurt."""
        tick("Checking rules", 0, 1)
        rows = gap_rules.candidates(self.client)
        focuses = sorted({focus for _, focus, _ in rows})
        mirror = Mirror(self.client, tick)
        owned = mirror.subjects(focuses, IC.ownedBy)  # what a team or a gap's node owns
        values = {v for _, _, v in rows if isinstance(v, URIRef)}
        hurt = walk(self.client, sorted({*focuses, *owned}), HURT, None, tick)  # focuses first
        _describe_with_owners(mirror, [*hurt, *values])
        index = index_of(mirror.graph)
        return gaps_of(index, gap_rules.confirmed(index, rows))

    def search(self, text: str, limit: int = 20, tick: Tick = quiet) -> list[SearchHit]:
        """The hits of ``explorer.search.search`` for ``text``: the server keeps the nodes
        that may match, whoosh ranks them (see ``text_match``)."""
        query = parse_query(text)
        if self.text_index:
            nodes = self._looked_up(query, tick)
        else:
            nodes = self._filtered(text_match.narrow(query, text_match.Filters()), tick)
        if len(nodes) >= SEARCH_CANDIDATES:
            _log.warning("search %r: ranking the first %d matches only", text, len(nodes))
        mirror = Mirror(self.client, tick)
        _describe_with_owners(mirror, nodes)
        return search_documents(list(documents(mirror.graph, nodes)), text, limit)

    @property
    def text_index(self) -> bool:
        """Whether search looks words up in the server's full-text index (asked once)."""
        if self._text_index is None:
            self._text_index = text_match.has_text_index(self.client)
            _log.info("full-text index: %s", "used" if self._text_index else "none, CONTAINS")
        return self._text_index

    def _filtered(self, where: str | None, tick: Tick) -> list[URIRef]:
        """The first searchable nodes passing ``where``, in IRI order."""
        nodes: list[URIRef] = []
        for rows in self.client.pages(text_match.searchable(where), page=1_000):
            nodes.extend(row["x"] for row in rows)  # type: ignore[misc]
            tick("Searching", len(nodes), SEARCH_CANDIDATES)
            if len(nodes) >= SEARCH_CANDIDATES:
                return nodes[:SEARCH_CANDIDATES]
        return nodes

    def _looked_up(self, query: wq.Query, tick: Tick) -> list[URIRef]:
        """The first searchable nodes the full-text index finds for ``query``."""

        def rows(sparql: str) -> Iterator[URIRef]:
            for page in self.client.pages(sparql):
                tick("Searching", 0, 0)
                yield from (row["x"] for row in page)  # type: ignore[misc]

        found = text_match.narrow(query, text_match.Lookups(rows))
        if found is None:  # nothing to look up: every node may match
            return self._filtered(None, tick)
        return text_match.searchable_among(found, rows, SEARCH_CANDIDATES)


def _describe_with_owners(mirror: Mirror, nodes: list[URIRef]) -> None:
    """Describe ``nodes``, their owners, and one member of each owner: all that an entity
    record and an owner's status (active, dissolved, unreachable) are made of."""
    mirror.describe(nodes)
    owners = mirror.objects(nodes, IC.ownedBy)
    mirror.describe(owners)
    mirror.subjects(sorted(owners), IC.memberOf, every=False)


COPY_ATTEMPTS = 3


def copy_of(estate: RemoteEstate, tick: Tick = quiet) -> Graph:
    """The whole estate as a local graph, for a snapshot to work on offline.

    SPARQL has no read transactions, so the copy is taken page by page in a total order,
    and the triples are counted before and after: if the count moved (somebody wrote
    meanwhile) or the pages do not add up to it (a server that cuts answers short), the
    copy is taken again, and after three tries refused.
    """
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    for _ in range(COPY_ATTEMPTS):
        before = int(str(estate.client.select(count)[0]["n"]))
        graph = new_graph()

        def copied(done: int, total: int = before) -> None:
            tick("Copying", done, total)

        query = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o"
        for rows in estate.client.pages(query, progress=copied):
            graph.addN((row["s"], row["p"], row["o"], graph) for row in rows)
        after = int(str(estate.client.select(count)[0]["n"]))
        if before == after == len(graph):
            return graph
        _log.warning(
            "copy of %s: %d, then %d triples, %d copied; again",
            estate.endpoint.url,
            before,
            after,
            len(graph),
        )
    raise InputError(
        estate.endpoint.url,
        None,
        f"the estate kept changing while it was copied ({COPY_ATTEMPTS} tries); "
        "try again when nobody writes to it",
    )


def snapshot_of(estate: RemoteEstate, tick: Tick = quiet) -> tuple[Graph, Provenance]:
    """A copy of the whole estate (``copy_of``), and provenance naming the endpoint."""
    graph = copy_of(estate, tick)
    return graph, provenance_of(LoadResult(graph), endpoints=(estate.endpoint.source,))
