"""Load any mix of sources into one rdflib Graph over an Oxigraph store, all or nothing.

RDF sources are parsed into the store; YAML and CSV readers turn a file's bytes into
entity records. Records are resolved into triples only after every file is read, so
references may cross files. Any bad file raises ``InputError`` and no graph is returned:
nothing half-loaded can reach a caller.
"""

from __future__ import annotations

import hashlib
import os
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, URIRef

from explorer.errors import InputError
from explorer.ingest import native_yaml, table
from explorer.ingest.backstage import BackstageDocuments, is_backstage
from explorer.ingest.fields import EntityRecord
from explorer.ingest.rdf import RDF_FORMATS, parse_rdf
from explorer.ingest.resolve import add_records, subject_of
from explorer.ingest.safe_yaml import load_documents
from explorer.ingest.sources import EXTENSIONS, Source, expand_sources, sniff_format
from explorer.kinds import SECTIONS
from explorer.resources import sample_file
from explorer.store import new_graph
from explorer.vocab import PREFIXES

__all__ = ["EXTENSIONS", "LoadResult", "Origins", "Progress", "SourceInfo", "load"]


@dataclass(frozen=True)
class SourceInfo:
    """A file that went into the graph, with the hash of the bytes that were read."""

    path: Path
    format: str
    sha256: str


@dataclass
class Origins:
    """Where each node is described: ``path`` for RDF sources, ``path:line`` for YAML and CSV.

    When the load is one RDF file, that file describes every subject of the graph, so the
    graph is asked instead of a list being kept: noting the subjects of a million triples
    while parsing them costs a second.
    """

    listed: dict[URIRef, list[str]] = field(default_factory=dict)
    whole: tuple[Graph, str] | None = None  # (the graph, the one file it was read from)

    def of(self, node: URIRef) -> list[str]:
        if self.whole is not None:
            graph, path = self.whole
            return [path] if (node, None, None) in graph else []
        return self.listed.get(node, [])


@dataclass
class LoadResult:
    """The graph of one load, the files it came from, and what was skipped on the way."""

    graph: Graph
    sources: list[SourceInfo] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    origins: Origins = field(default_factory=Origins)


@dataclass
class _Parsed:
    records: list[EntityRecord] = field(default_factory=list)
    follow: list[Path] = field(default_factory=list)  # more files to read (Backstage Locations)


Reader = Callable[[Source, bytes, list[str]], _Parsed]


def _decode(path: str, data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(
            path, line, f"not UTF-8 text (byte 0x{data[exc.start]:02x}); save it as UTF-8"
        ) from None


def _read_yaml(source: Source, data: bytes, warnings: list[str]) -> _Parsed:
    """Native estate documents and Backstage descriptors, freely mixed in one stream."""
    path = str(source.path)
    backstage = BackstageDocuments(source.path, source.root, warnings)
    native = []
    for number, document in enumerate(load_documents(path, _decode(path, data)), start=1):
        if document is None:
            continue
        if is_backstage(document):
            backstage.read(number, document)
        elif native_yaml.is_native(document):
            native.append(document)
        else:
            sections = ", ".join(SECTIONS)
            raise InputError(
                path,
                getattr(document, "line", None),
                f"document {number} is not an estate (top-level lists {sections}) "
                "nor a Backstage descriptor (apiVersion: backstage.io/...)",
            )
    records = native_yaml.records_from_documents(path, native, warnings) + backstage.records
    return _Parsed(records=records, follow=backstage.follow)


def _read_csv(source: Source, data: bytes, warnings: list[str]) -> _Parsed:
    path = str(source.path)
    return _Parsed(records=table.records_from_csv(path, _decode(path, data), warnings))


READERS: dict[str, Reader] = {
    "yaml": _read_yaml,
    "csv": _read_csv,
}


Progress = Callable[[int, int, str], None]  # (files read, files in all, file name)


def load(paths: Sequence[str | Path] = (), progress: Progress | None = None) -> LoadResult:
    """Load files and folders into one graph; no paths means the bundled sample estate.

    ``progress`` is called before each file; it may raise ``Cancelled`` to stop the load.

    >>> result = load()
    >>> len(result.graph) > 100, result.sources[0].path.name
    (True, 'region-build.ttl')
    """
    queue = deque(expand_sources([Path(p) for p in paths] or [sample_file()]))
    seen = {source.path.resolve() for source in queue}
    load = _Load(ox.Store(), listing=len(queue) > 1)  # else origins are asked of the graph
    while queue:
        source = queue.popleft()
        if progress:
            done = len(load.result.sources)
            progress(done, done + 1 + len(queue), source.path.name)
        for target in load.read(source):
            if target.resolve() not in seen:
                seen.add(target.resolve())
                queue.append(Source(target, "yaml", source.root))
    load.finish()
    if progress:
        progress(len(load.result.sources), len(load.result.sources), "")
    return load.result


class _Load:
    """One load under way: the store it fills, the records still to resolve."""

    def __init__(self, store: ox.Store, listing: bool) -> None:
        self.store, self.listing = store, listing
        self.result = LoadResult(new_graph(store))
        self.records: list[EntityRecord] = []
        self.prefixes: dict[str, str] = {}

    def read(self, source: Source) -> list[Path]:
        """Read one file; returns the files it says to read too (Backstage Locations)."""
        data = _read_bytes(source.path)
        fmt = source.format or sniff_format(source.path, data)
        path = str(source.path)
        follow: list[Path] = []
        if fmt in RDF_FORMATS:
            self._read_rdf(path, data, fmt)
        else:
            parsed = READERS[fmt](source, data, self.result.warnings)
            self.records.extend(parsed.records)
            _note_origins(self.result.origins, path, parsed.records)
            follow = parsed.follow
        self.result.sources.append(SourceInfo(source.path, fmt, hashlib.sha256(data).hexdigest()))
        return follow

    def _read_rdf(self, path: str, data: bytes, fmt: str) -> None:
        subjects: set[URIRef] | None = set() if self.listing else None
        for prefix, namespace in parse_rdf(path, data, fmt, self.store, subjects).items():
            self.prefixes.setdefault(prefix, namespace)  # for prefix:name lookups
        for subject in subjects or ():
            self.result.origins.listed.setdefault(subject, []).append(path)
        if not self.listing:
            self.result.origins.whole = (self.result.graph, path)

    def finish(self) -> None:
        """Resolve the records' references, and bind the prefixes."""
        graph = self.result.graph
        add_records(graph, self.records)
        for prefix, namespace in self.prefixes.items():
            graph.bind(prefix, namespace, override=False)
        for prefix, namespace in PREFIXES.items():
            graph.bind(prefix, namespace, replace=True)


def _note_origins(origins: Origins, path: str, records: list[EntityRecord]) -> None:
    for record in records:
        where = f"{path}:{record.line}" if record.line is not None else path
        origins.listed.setdefault(subject_of(record), []).append(where)


MAX_FILE_MB = 512  # default; a million triples of Turtle take about 40 MB


def max_file_bytes() -> int:
    """The largest file a load reads: ``$INFRA_EXPLORER_MAX_FILE_MB`` megabytes, or 512."""
    setting = os.environ.get("INFRA_EXPLORER_MAX_FILE_MB", "")
    try:
        megabytes = float(setting) if setting.strip() else MAX_FILE_MB
    except ValueError:
        megabytes = MAX_FILE_MB
    return int(megabytes * 1024 * 1024)


def _read_bytes(path: Path) -> bytes:
    """The file's bytes; a file over the size limit is refused before it is read."""
    try:
        size, limit = path.stat().st_size, max_file_bytes()
        if size > limit:
            raise InputError(
                path,
                None,
                f"is {size / 1048576:,.1f} MB, more than the {limit / 1048576:,.1f} MB a load "
                "reads; set INFRA_EXPLORER_MAX_FILE_MB to raise the limit",
            )
        return path.read_bytes()
    except OSError as exc:
        raise InputError(path, None, f"cannot read: {exc.strerror or exc}") from None
