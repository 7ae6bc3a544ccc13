"""Search indexes cached on disk, one per graph content, built atomically.

An index is built in a temporary folder and renamed into place only when complete, with a
marker file that records how many documents it holds. Anything that does not open cleanly
and hold what its marker says is a broken cache: it is removed and rebuilt, never fatal.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import tempfile
import time
from pathlib import Path

from platformdirs import user_cache_dir
from rdflib import Graph
from whoosh import index
from whoosh.index import Index

from explorer.search.documents import SCHEMA_VERSION

__all__ = [
    "cache_root",
    "graph_key",
    "new_build_folder",
    "open_cached",
    "sources_key",
    "store",
]

_log = logging.getLogger(__name__)
_MARKER = "complete.json"
_KEEP = 8  # most recently used indexes kept; older ones are removed
_STALE_BUILD_SECONDS = 3600


def cache_root() -> Path:
    """``$INFRA_EXPLORER_CACHE`` if set, else the user's cache folder for this app."""
    override = os.environ.get("INFRA_EXPLORER_CACHE")
    base = Path(override) if override else Path(user_cache_dir("infra-context-explorer"))
    return base / "search-index"


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
        meta = json.loads((folder / _MARKER).read_text(encoding="utf-8"))
        ix = index.open_dir(str(folder))
        if meta.get("documents") != documents or ix.doc_count() != documents:
            raise ValueError("document count does not match")
        ix.searcher().close()  # every segment readable
    except Exception as exc:  # a cache is never worth a crash: rebuild it
        _log.warning("search cache %s is broken (%s); rebuilding it", folder, exc)
        shutil.rmtree(folder, ignore_errors=True)
        return None
    (folder / _MARKER).touch()  # recently used
    return ix


def store(build_in: Path, folder: Path, documents: int) -> None:
    """Mark a freshly built index complete and move it to ``folder`` in one rename."""
    (build_in / _MARKER).write_text(json.dumps({"documents": documents}), encoding="utf-8")
    try:
        build_in.rename(folder)
    except OSError:  # another process finished the same index first: keep theirs
        shutil.rmtree(build_in, ignore_errors=True)
    _tidy(folder.parent)


def new_build_folder(root: Path, key: str) -> Path:
    """An empty folder beside the cache to build one index in."""
    root.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f"{key}.", suffix=".building", dir=root))


def _tidy(root: Path) -> None:
    """Drop builds abandoned by killed processes, and all but the recently used indexes."""
    now = time.time()
    complete = []
    for entry in root.iterdir():
        if entry.name.endswith(".building"):
            if now - entry.stat().st_mtime > _STALE_BUILD_SECONDS:
                shutil.rmtree(entry, ignore_errors=True)
        elif (entry / _MARKER).exists():
            complete.append(((entry / _MARKER).stat().st_mtime, entry))
    for _, entry in sorted(complete, reverse=True)[_KEEP:]:
        shutil.rmtree(entry, ignore_errors=True)
