"""Search on an endpoint: the server keeps the nodes that may match, whoosh ranks them.

See ``explorer.remote.text_match`` for how a query is narrowed on the server, with a
``CONTAINS`` filter or through the server's full-text index.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator

from rdflib import URIRef
from whoosh import query as wq

from explorer.progress import Step, StepProgress, quiet
from explorer.remote import text_match
from explorer.remote.client import SparqlClient
from explorer.remote.mirror import Mirror
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
    return search_documents(list(documents(mirror.graph, nodes)), text, limit)


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
