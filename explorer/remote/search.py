"""Search on an endpoint: the server keeps the nodes that may match, whoosh ranks them.

See ``explorer.remote.text_match`` for how a query is narrowed on the server, with a
``CONTAINS`` filter or through the server's full-text index.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence

from rdflib import URIRef
from whoosh import query as wq

from explorer.domain.progress import Step, StepProgress, quiet
from explorer.domain.relations import RELATIONS
from explorer.remote import text_match
from explorer.remote.client import SparqlClient
from explorer.remote.gap_rules import question_copy
from explorer.remote.mirror import Mirror
from explorer.remote.queries import chunks, iri, values
from explorer.remote.said import statements_of
from explorer.search import SearchHit, search_documents
from explorer.search.documents import documents
from explorer.search.query import parse_query

__all__ = ["SEARCH_CANDIDATES", "search"]

_log = logging.getLogger(__name__)

SEARCH_CANDIDATES = 2_000  # nodes a search copies and ranks, at most


def search(
    client: SparqlClient,
    text: str,
    limit: int = 20,
    text_index: bool = False,
    tick: StepProgress = quiet,
) -> list[SearchHit]:
    """The hits ``explorer.search.search`` gives for ``text`` on the same graph;
    ``text_index``: look words up in the server's full-text index."""
    query = parse_query(text)
    if text_index:
        nodes = _looked_up(client, query, tick)
    else:
        nodes = _filtered(client, text_match.narrow(query, text_match.Filters()), tick)
    if len(nodes) >= SEARCH_CANDIDATES:
        _log.warning("search %r: ranking the first %d matches only", text, len(nodes))
    mirror = Mirror(client, tick)
    mirror.describe_with_owners(nodes)
    mirror.graph += question_copy(client)  # a node is found by what was asked of it
    mirror.graph += statements_of(client, nodes)  # and by who said what of it
    docs = documents(mirror.graph, nodes, link_counts(client, nodes))
    return search_documents(list(docs), text, limit)


def link_counts(client: SparqlClient, nodes: Sequence[URIRef]) -> dict[URIRef, int]:
    """How many relations each node takes part in, either way, counted on the server (the
    copy holds only some of them): what ranking breaks ties with."""
    relations = " ".join(iri(r.predicate) for r in RELATIONS)
    counts: dict[URIRef, int] = {}
    for part in chunks(sorted(nodes)):
        query = (
            f"SELECT ?x (COUNT(*) AS ?n) WHERE {{ {values('x', part)} VALUES ?p {{ {relations} }} "
            "{ ?x ?p ?o FILTER(isIRI(?o)) } UNION { ?o ?p ?x FILTER(isIRI(?o)) } } GROUP BY ?x"
        )
        for rows in client.pages(query):
            counts.update((row["x"], int(str(row["n"]))) for row in rows)  # type: ignore[misc]
    return counts


def _filtered(client: SparqlClient, where: str | None, tick: StepProgress) -> list[URIRef]:
    """The first searchable nodes passing ``where``, in IRI order."""
    nodes: list[URIRef] = []
    for rows in client.pages(text_match.searchable(where), page=1_000):
        nodes.extend(row["x"] for row in rows)  # type: ignore[misc]
        tick(Step.SEARCHING, len(nodes), SEARCH_CANDIDATES)
        if len(nodes) >= SEARCH_CANDIDATES:
            return nodes[:SEARCH_CANDIDATES]
    return nodes


def _looked_up(client: SparqlClient, query: wq.Query, tick: StepProgress) -> list[URIRef]:
    """The first searchable nodes the full-text index finds for ``query``."""

    def rows(sparql: str) -> Iterator[URIRef]:
        for page in client.pages(sparql):
            tick(Step.SEARCHING, 0, 0)
            yield from (row["x"] for row in page)  # type: ignore[misc]

    found = text_match.narrow(query, text_match.Lookups(rows))
    if found is None:  # nothing to look up: every node may match
        return _filtered(client, None, tick)
    return text_match.searchable_among(found, rows, SEARCH_CANDIDATES)
