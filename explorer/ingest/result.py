"""What a load gives: the graph, the files it came from, and what it said about them."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, URIRef

from explorer.domain.errors import InputError
from explorer.statements import Overruled

__all__ = ["LoadResult", "Origins", "SourceInfo"]


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
    """The graph of one load, the files it came from, what was skipped on the way
    (``warnings``), what could not be read (``problems``: left out of the graph), and the
    sources' facts that statements overruled (a context file's, mostly)."""

    graph: Graph
    sources: list[SourceInfo] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    origins: Origins = field(default_factory=Origins)
    problems: list[InputError] = field(default_factory=list)
    overruled: list[Overruled] = field(default_factory=list)  # by statements; see settle
