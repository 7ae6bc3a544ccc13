"""A consistent copy of a whole endpoint, for a snapshot to work on offline."""

from __future__ import annotations

import logging

from rdflib import Graph

from explorer.domain.errors import InputError
from explorer.domain.progress import Step, StepProgress, quiet
from explorer.graph.store import new_graph
from explorer.remote.client import SparqlClient

__all__ = ["COPY_ATTEMPTS", "copy_of"]

_log = logging.getLogger(__name__)

COPY_ATTEMPTS = 3
_COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def copy_of(client: SparqlClient, tick: StepProgress = quiet) -> Graph:
    """The whole estate as a local graph.

    SPARQL has no read transactions, so the copy is taken page by page in a total order,
    and the triples are counted before and after: if the count moved (somebody wrote
    meanwhile) or the pages do not add up to it (a server that cuts answers short), the
    copy is taken again, and after three tries refused.
    """
    for _ in range(COPY_ATTEMPTS):
        before = int(str(client.select(_COUNT)[0]["n"]))
        graph = _pages(client, before, tick)
        after = int(str(client.select(_COUNT)[0]["n"]))
        if before == after == len(graph):
            return graph
        url = client.endpoint.url
        _log.warning(
            "copy of %s: %d, then %d triples, %d copied; again", url, before, after, len(graph)
        )
    raise InputError(
        client.endpoint.url,
        None,
        f"the estate kept changing while it was copied ({COPY_ATTEMPTS} tries); "
        "try again when nobody writes to it",
    )


def _pages(client: SparqlClient, total: int, tick: StepProgress) -> Graph:
    graph = new_graph()

    def copied(done: int) -> None:
        tick(Step.COPYING, done, total)

    query = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o"
    for rows in client.pages(query, progress=copied):
        graph.addN((row["s"], row["p"], row["o"], graph) for row in rows)
    return graph
