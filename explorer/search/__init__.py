"""Full-text search over every node of the graph, with whoosh, cached on disk.

>>> from explorer.ingest import load
>>> [(h.id, h.kind) for h in search(load().graph, '"time sync"')]
[('time-sync', 'service'), ('assume-public-ntp', 'assumption')]
"""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph
from whoosh import index
from whoosh.filedb.filestore import RamStorage
from whoosh.index import Index

from explorer.domain.progress import Step, StepProgress
from explorer.domain.tiers import parse_tier
from explorer.files.caches import new_build
from explorer.search import cache
from explorer.search.documents import SCHEMA, documents, searchable_nodes
from explorer.search.highlight import Fragment, fragment_of
from explorer.search.query import FIELDS, parse_query
from explorer.search.ranking import Match, match_of, plain_words, rank

__all__ = [
    "FIELDS",
    "Fragment",
    "Match",
    "SearchHit",
    "SearchIndex",
    "search",
    "search_documents",
]


@dataclass(frozen=True)
class SearchHit:
    """One node that matched, best first, with the passage that matched; ``match`` says
    how its name meets the query (see ``explorer.search.ranking``)."""

    iri: str
    id: str
    label: str
    kind: str
    score: float
    fragment: Fragment
    tier: int | None = None
    degree: int = 0
    match: Match = Match.TEXT


class SearchIndex:
    """The search index of one graph, opened from the cache or built (and cached) now.

    ``built_now`` tells which: a second index of an unchanged graph is not rebuilt.
    """

    def __init__(self, ix: Index, key: str, built_now: bool) -> None:
        self.ix = ix
        self.key = key
        self.built_now = built_now

    @classmethod
    def for_graph(
        cls,
        graph: Graph,
        progress: StepProgress | None = None,
        root: Path | None = None,
        key: str | None = None,
    ) -> SearchIndex:
        """``key`` names the graph's content; without one it is hashed from every triple.

        A caller that knows what the graph was loaded from passes ``cache.sources_key``,
        which is much cheaper on a large graph than reading every triple.
        """
        root = root or cache.cache_root()
        key = key or cache.graph_key(graph)
        expected = len(searchable_nodes(graph))
        cached = cache.open_cached(root / key, expected)
        if cached is not None:
            if progress:
                progress(Step.INDEXING, expected, expected)
            return cls(cached, key, built_now=False)
        building = new_build(root, key)
        _build(building, graph, progress)
        cache.store(building, root / key, expected)
        ix = cache.open_cached(root / key, expected)
        if ix is None:  # the cache folder cannot hold it: search the fresh build in place
            raise OSError(f"cannot keep the search index in {root}")
        return cls(ix, key, built_now=True)

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        """The best ``limit`` hits for ``query``, ranked as people mean it (of whoosh's
        best ``RANKED`` at least); a malformed query is an InputError."""
        parsed = parse_query(query)
        words = plain_words(query)
        with self.ix.searcher() as searcher:
            results = searcher.search(parsed, limit=max(limit, RANKED), terms=True)
            hits = [
                SearchHit(
                    iri=hit["iri"],
                    id=hit["id"],
                    label=hit["label"],
                    kind=hit["kind"],
                    score=round(float(hit.score), 3),
                    fragment=fragment_of(hit),
                    tier=parse_tier(hit.get("tier")),
                    degree=int(hit.get("degree", 0)),
                    match=match_of(words, hit["id"], hit["label"]),
                )
                for hit in results
            ]
        return rank(hits, query)[:limit]


RANKED = 200  # whoosh's best hits that ranking reorders: a name match is always among them

# whoosh is pure Python (about 2,500 documents a second per core): from this many
# documents on, its writer runs one process per core and merges their segments
PARALLEL_FROM = 5_000


def _build(folder: Path, graph: Graph, progress: StepProgress | None) -> None:
    _write(index.create_in(str(folder), SCHEMA), list(documents(graph)), progress)


def search_documents(docs: list[dict[str, object]], query: str, limit: int = 20) -> list[SearchHit]:
    """Search a few documents held in memory (a SPARQL endpoint's candidates), ranked by the
    same query as a cached index would rank them."""
    # a name of its own: whoosh pools postings in the folder $TMPDIR/<index name>.tmp,
    # which two searches at once (threads or processes) must not share
    ix = RamStorage().create_index(SCHEMA, indexname=f"ram-{uuid.uuid4().hex}")
    _write(ix, docs, None)
    return SearchIndex(ix, "", built_now=True).search(query, limit)


def _write(ix: Index, docs: list[dict[str, object]], progress: StepProgress | None) -> None:
    procs = min(2, os.cpu_count() or 1) if len(docs) >= PARALLEL_FROM else 1
    writer = ix.writer(procs=procs, multisegment=procs > 1, limitmb=256)
    try:
        for done, doc in enumerate(docs, start=1):
            writer.add_document(**doc)
            if progress and (done % 200 == 0 or done == len(docs)):
                progress(Step.INDEXING, done, len(docs))
        writer.commit()
    except BaseException:
        writer.cancel()
        raise
    if progress and not docs:
        progress(Step.INDEXING, 0, 0)


def search(
    graph: Graph,
    query: str,
    limit: int = 20,
    progress: StepProgress | None = None,
    key: str | None = None,
) -> list[SearchHit]:
    """Search ``graph`` (indexing it first, or reusing its cached index)."""
    return SearchIndex.for_graph(graph, progress, key=key).search(query, limit)
