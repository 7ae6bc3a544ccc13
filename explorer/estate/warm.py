"""Warm starts: a load and its index kept in the cache folder, keyed by the sources' content.

Most questions are asked of unchanged files: a program manager asks dozens a day, a CI job
asks the same one on every push. So a successful load is kept as an entry of the cache
folder (``explorer.files.caches``): the graph as Oxigraph's N-Quads (every literal as stored, so
as written), the analysis index and what the load said about its files. The entry's key
hashes, for every file the sources name, its path, folder and bytes, with the tool's
version and the options that change a load; files a load found on the way (a Backstage
Location's targets) are listed in the entry and hashed again before it is used. Any change
is a miss, and the files are read as ever.

A warm start reads the index only; the graph itself is read from the entry when an answer
first needs it (``explorer.graph.store``'s deferred store). Entries are checked against the
hashes their marker records before they are unpickled, and one that is damaged, foreign or
from another version is removed with a warning and built again, never trusted. A load
with problems (``--keep-going``) is not kept: its problems are said each time.
"""

from __future__ import annotations

import gc
import hashlib
import json
import logging
import pickle
import shutil
from collections.abc import Sequence
from functools import partial
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import Graph, URIRef

from explorer import __version__
from explorer.analysis.merges import all_merges
from explorer.analysis.shape_rules import shape_values
from explorer.domain.errors import InputError
from explorer.domain.progress import StepProgress
from explorer.estate.base import Keep
from explorer.files.atomic import atomic_write_bytes
from explorer.files.caches import (
    MARKER,
    built_meanwhile,
    kind_root,
    limit_bytes,
    new_build,
    publish,
    touch,
)
from explorer.files.resources import sample_file
from explorer.graph.calls import calls_of
from explorer.graph.index import EstateIndex, index_of, with_index
from explorer.graph.store import new_graph, oxigraph_of
from explorer.ingest import LoadResult, Origins, load
from explorer.ingest.sources import expand_sources, max_file_bytes

__all__ = ["FORMAT", "Answers", "remember", "warm_load"]

# of an entry's files and kept answers; another number is another program's entry
# (2: connectsTo, evidence; 3: the gaps' next steps, tier inversions; 4: the index's IRIs
# as text, what answers worked out kept apart)
FORMAT = 4
_log = logging.getLogger(__name__)
_GRAPH, _INDEX, _LOAD, _ANSWERS = "graph.nq", "index.pickle", "load.pickle", "answers"
_WAIT_FOR_WRITER = 120.0  # seconds another process may take to finish an entry


def warm_load(
    paths: Sequence[str | Path] = (),
    progress: StepProgress | None = None,
    keep_going: bool = False,
    later: list[Keep] | None = None,
) -> LoadResult:
    """``explorer.ingest.load``, answered from the cache folder when the sources are
    unchanged since a load kept there; a fresh load is kept for next time: now, or, given
    ``later``, by the caller once it has answered (the command line does it in the
    background, so that keeping never slows the answer)."""
    if not limit_bytes():  # a bound of 0: no cache at all, as --no-cache
        return load(paths, progress, keep_going)
    named = [Path(p) for p in paths] or [sample_file()]
    key, hashes = _key(named, keep_going)
    entry = kind_root("estates") / key
    if (entry / MARKER).is_file() or built_meanwhile(entry, key, _WAIT_FOR_WRITER):
        kept = _read(entry, hashes)
        if kept is not None:
            touch(entry)
            return kept
    result = load(paths, progress, keep_going)
    read = {str(s.path.resolve()): s.sha256 for s in result.sources}
    unchanged = all(read.get(path, sha) == sha for path, sha in hashes.items())
    if not result.problems and unchanged:  # and none changed while it was read
        keep = partial(_keep, result, entry, key)
        if later is None:
            keep()
        else:
            later.append(keep)
    return result


def _key(named: list[Path], keep_going: bool) -> tuple[str, dict[str, str]]:
    """The entry's name: the hash of every file's path, folder and bytes, and of all that
    changes what a load of them gives; and each file's hash."""
    digest = hashlib.sha256(f"{FORMAT} {__version__} {keep_going} {max_file_bytes()}".encode())
    hashes = {}
    for source in expand_sources(named):
        path = source.path.resolve()
        hashes[str(path)] = _hash(path)
        digest.update(f"\n{path}\t{source.root.resolve()}\t{hashes[str(path)]}".encode())
    return digest.hexdigest()[:40], hashes


def _hash(path: Path) -> str:
    try:
        with path.open("rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return "unreadable"  # the load says why


def _keep(result: LoadResult, entry: Path, key: str) -> None:
    """Write the entry beside the cache and rename it into place; a cache that cannot be
    written is worth a warning, never a failed answer."""
    store = oxigraph_of(result.graph)
    if store is None:
        return
    build = None
    try:
        build = new_build(entry.parent, key)  # marked as this process's
        store.dump(output=str(build / _GRAPH), format=ox.RdfFormat.N_QUADS)
        index = index_of(result.graph)
        answered = index.set_aside()  # kept apart, as answers: not every start reads them
        try:
            hashes = {
                _INDEX: _write(build / _INDEX, index),
                _LOAD: _write(build / _LOAD, _load_state(result)),
            }
        finally:
            index.take_back(answered)
        _ready(index)  # each kept as an answer of its own, below
        files = [[str(s.path.resolve()), s.sha256] for s in result.sources]
        size = (build / _GRAPH).stat().st_size
        marker = {"format": FORMAT, "version": __version__, "files": files, "hashes": hashes}
        marker["graph bytes"] = size
        publish(build, entry, json.dumps(marker))
        index.warm = Answers(entry / _ANSWERS, {})  # what the answer worked out: ``remember``
        index.warm.keep({n: v for n, v in index.worked_out().items() if n not in answered})
    except OSError as exc:
        _log.warning("cannot keep this load in the cache folder (%s); answering without", exc)
        if build is not None:
            shutil.rmtree(build, ignore_errors=True)


def _ready(index: EstateIndex) -> EstateIndex:
    """The index with what answers would read from the graph read already (statements,
    questions, observed calls, what the gap rules check, every IRI named), each kept as an
    answer of its own, so that a warm answer that needs nothing else never reads the
    graph, and one that needs little reads little."""
    index.stated()
    index.questions()
    all_merges(index)
    index.mentions(URIRef(""))
    calls_of(index)
    shape_values(index)
    return index


def _write(path: Path, value: object) -> str:
    data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    path.write_bytes(data)
    return hashlib.sha256(data).hexdigest()


def _load_state(result: LoadResult) -> tuple[Any, ...]:
    whole = result.origins.whole[1] if result.origins.whole else None
    prefixes = [(prefix, str(name)) for prefix, name in result.graph.namespaces()]
    listed, overruled = result.origins.listed, result.overruled
    return result.sources, result.warnings, listed, whole, overruled, prefixes


def _read(entry: Path, hashed: dict[str, str]) -> LoadResult | None:
    """The load kept in ``entry``, or None when its files changed (``hashed``: those the
    key hashed already); a broken entry is removed with a warning."""
    try:
        marker = json.loads((entry / MARKER).read_text(encoding="utf-8"))
        if marker.get("format") != FORMAT or marker.get("version") != __version__:
            raise ValueError("it was written by another version")
        if any((hashed.get(path) or _hash(Path(path))) != sha for path, sha in marker["files"]):
            shutil.rmtree(entry, ignore_errors=True)  # a file found on the way changed:
            return None  # the fresh load takes this entry's place
        index = _unpickle(entry / _INDEX, marker["hashes"][_INDEX])
        sources, warnings, listed, whole, overruled, prefixes = _unpickle(
            entry / _LOAD, marker["hashes"][_LOAD]
        )
        if not isinstance(index, EstateIndex):
            raise ValueError("its index is not one")
        if (entry / _GRAPH).stat().st_size != marker["graph bytes"]:
            raise ValueError("its graph is not the size written")
        handle = (entry / _GRAPH).open("rb")  # kept open: readable even if the entry goes
    except (OSError, ValueError, KeyError, TypeError, pickle.UnpicklingError) as exc:
        _log.warning("the cached load %s is broken (%s); loading the files again", entry, exc)
        shutil.rmtree(entry, ignore_errors=True)
        return None
    index.warm = Answers(entry / _ANSWERS, index.worked_out())
    graph = with_index(new_graph(later=lambda: _graph(handle)), index)
    for prefix, name in prefixes:  # as the load bound them, so snapshots write the same
        graph.namespace_manager.bind(prefix, name, override=True, replace=True)
    origins = Origins(listed, (graph, whole) if whole else None)
    return LoadResult(graph, sources, warnings, origins, [], overruled)


def _unpickle(path: Path, sha256: str) -> Any:
    """What ``path`` holds, if its bytes are those the marker names (never else)."""
    data = path.read_bytes()
    if hashlib.sha256(data).hexdigest() != sha256:
        raise ValueError(f"{path.name} is not what was written")
    gc.disable()  # a few million small objects: the collector would walk them many times
    try:
        return pickle.loads(data)  # bytes this program wrote, hash-checked
    finally:
        gc.enable()


def _graph(handle: Any) -> ox.Store:
    """The kept graph, read when an answer first needs more than the index."""
    store = ox.Store()
    with handle:
        try:
            store.bulk_load(input=handle, format=ox.RdfFormat.N_QUADS)
        except SyntaxError as exc:
            raise InputError(
                Path(handle.name),
                None,
                f"the cached graph is damaged ({exc}); run "
                "'infra-explorer cache clear' and ask again",
            ) from None
    return store


class Answers:
    """What processes worked out of one entry's index (``EstateIndex.derived``: a walk's
    graph, the gaps, the whole view, the choke points), kept beside it, so that the next
    process reads an answer instead of working it out. Each is a file named by its name's
    hash and its bytes' hash, written atomically, so it checks itself; one that does not
    is removed and worked out again."""

    def __init__(self, folder: Path, known: dict[str, object]) -> None:
        self.folder = folder
        self.known = set(known)  # in the index's own pickle, or recalled, or kept

    def recall(self, name: str) -> object | None:
        for path in self.folder.glob(f"{_slug(name)}.*.pickle"):
            try:
                value = _unpickle(path, path.name.split(".")[1])
            except Exception as exc:  # a cache is never worth a failed answer
                _log.warning("the kept answer %s is broken (%s); working it out", path, exc)
                path.unlink(missing_ok=True)
                continue
            self.known.add(name)
            return value
        return None

    def keep(self, worked_out: dict[str, object]) -> None:
        """Write what is not kept yet; what cannot be pickled is left out."""
        for name, value in worked_out.items():
            if name in self.known:
                continue
            self.known.add(name)
            try:
                data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
                self.folder.mkdir(exist_ok=True)
                digest = hashlib.sha256(data).hexdigest()
                atomic_write_bytes(self.folder / f"{_slug(name)}.{digest}.pickle", data)
            except (OSError, pickle.PicklingError, TypeError, AttributeError) as exc:
                _log.info("answer %r not kept (%s)", name, exc)


def _slug(name: str) -> str:
    return hashlib.sha256(name.encode()).hexdigest()[:20]


def remember(graph: Graph) -> None:
    """Keep what was worked out of ``graph``'s index since it was loaded (if it came from,
    or went into, the cache folder, and is unchanged since)."""
    index = index_of(graph)
    if isinstance(index.warm, Answers):
        index.warm.keep(index.worked_out())
