"""Search indexes cached on disk, one per graph content, built atomically.

An index is an entry of the cache folder (``explorer.files.caches``): built aside and renamed into
place only when complete, with a marker that records how many documents it holds. Anything
that does not open cleanly and hold what its marker says is a broken cache: it is removed
and rebuilt, never fatal.
"""

from __future__ import annotations

import hashlib
import json
import logging
import shutil
from pathlib import Path

from rdflib import Graph
from whoosh import index
from whoosh.index import Index

from explorer.files.caches import MARKER, kind_root, publish, touch
from explorer.search.documents import SCHEMA_VERSION

__all__ = [
    "cache_root",
    "graph_key",
    "open_cached",
    "sources_key",
    "store",
]

_log = logging.getLogger(__name__)


def cache_root() -> Path:
    """Where search indexes are kept in the cache folder."""
    return kind_root("search-index")


def graph_key(graph: Graph) -> str:
    """A hash of the graph's content (order of triples does not matter) and our schema."""
    total = 0
    for triple in graph:
        line = " ".join(term.n3() for term in triple).encode("utf-8", "surrogatepass")
        total = (total + int.from_bytes(hashlib.sha256(line).digest(), "big")) % (1 << 256)
    digest = hashlib.sha256(f"{SCHEMA_VERSION}:{len(graph)}:{total:x}".encode())
    return digest.hexdigest()[:32]


def sources_key(hashes: list[str]) -> str:
    """A cache key from the content hashes of the files a graph was loaded from.

    The same files, read by the same version of the tool, make the same graph.
    """
    from explorer import __version__

    text = f"{SCHEMA_VERSION}:{__version__}:" + ",".join(sorted(hashes))
    return "s" + hashlib.sha256(text.encode()).hexdigest()[:31]


def open_cached(folder: Path, documents: int) -> Index | None:
    """The index in ``folder`` if it is complete and holds ``documents``; else None.

    A broken index (half-written, corrupt, from another version) is removed.
    """
    if not folder.exists():
        return None
    try:
        meta = json.loads((folder / MARKER).read_text(encoding="utf-8"))
        ix = index.open_dir(str(folder))
        if meta.get("documents") != documents or ix.doc_count() != documents:
            raise ValueError("document count does not match")
        ix.searcher().close()  # every segment readable
    except Exception as exc:  # a cache is never worth a crash: rebuild it
        _log.warning("search cache %s is broken (%s); rebuilding it", folder, exc)
        shutil.rmtree(folder, ignore_errors=True)
        return None
    touch(folder)
    return ix


def store(build_in: Path, folder: Path, documents: int) -> None:
    """Mark a freshly built index complete and move it to ``folder`` in one rename."""
    publish(build_in, folder, json.dumps({"documents": documents}))
