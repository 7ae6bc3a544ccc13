"""One open estate, as the desktop app sees it: the small facade the UI talks to.

Everything here is a call to the same core functions the command line uses; the session
only keeps what is expensive to recompute (the whole-graph layout, the gaps, the search
index) for as long as the estate is open.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import ORG

from explorer.analysis import Gap, Reach, blast_radius, ownership_gaps, upstream
from explorer.analysis.index import RELATIONS, index_of
from explorer.diff import Diff, diff
from explorer.ingest import LoadResult, load
from explorer.lookup import resolve_node
from explorer.model import Entity, entities
from explorer.provenance import Provenance, provenance_of
from explorer.search import SearchHit, SearchIndex
from explorer.search.cache import sources_key
from explorer.view import RELATION_NAMES, GraphView, focus_view, whole_graph
from explorer.vocab import IC

__all__ = [
    "INVERSE_NAMES",
    "Comparison",
    "NodeDetails",
    "Relation",
    "Session",
    "StepProgress",
]

StepProgress = Callable[[str, int, int], None]  # (step, done, total); may raise Cancelled

# each relation said from its target's side
INVERSE_NAMES: dict[URIRef, str] = {
    IC.dependsOn: "needed by",
    IC.usesVendor: "used by",
    IC.assumes: "assumed by",
    IC.partOf: "has part",
    IC.ownedBy: "owns",
    IC.memberOf: "has member",
    ORG.subOrganizationOf: "has sub-team",
}


@dataclass(frozen=True)
class Relation:
    """One relation of a node, said from the node's side: "depends on", "needed by"."""

    name: str
    other: Entity


@dataclass(frozen=True)
class Comparison:
    """The open estate against an earlier snapshot: the changes, and a view of both."""

    name: str
    changes: Diff
    view: GraphView  # the union of both graphs, so removed nodes can be drawn too
    old: Graph


@dataclass(frozen=True)
class NodeDetails:
    """Everything the details panel shows about one node."""

    entity: Entity
    relations: tuple[Relation, ...]
    origins: tuple[str, ...]
    gaps: tuple[Gap, ...]


class Session:
    """A loaded estate and the answers about it.

    ``remote`` sessions (``explorer.remote.session``) ask a SPARQL endpoint for each
    answer; the app runs those calls off the GUI thread, with a Cancel.
    """

    remote = False

    def __init__(self, result: LoadResult) -> None:
        self.result = result
        self.graph = result.graph
        self._search: SearchIndex | None = None

    @property
    def title(self) -> str:
        """What the window's title names: the files opened."""
        names = [s.path.name for s in self.result.sources]
        more = f" and {len(names) - 2} more" if len(names) > 2 else ""
        return f"{', '.join(names[:2])}{more}"

    def summary(self) -> str:
        """One line for the status bar: what is open, and its gaps."""
        warnings = f"; {len(self.result.warnings)} warning(s)" if self.result.warnings else ""
        return (
            f"{len(self.entities)} entities, {len(self.graph)} triples from "
            f"{len(self.result.sources)} file(s); {len(self.gaps)} ownership gap(s){warnings}."
        )

    def snapshot(self, progress: StepProgress | None = None) -> tuple[Graph, Provenance]:
        """The graph to export, and where it came from."""
        return self.graph, provenance_of(self.result)

    @classmethod
    def open(cls, paths: Sequence[str | Path], progress: StepProgress | None = None) -> Session:
        """Load, then prepare everything the app shows first; ``progress`` may cancel."""

        def step(name: str) -> Callable[[int, int], None]:
            return lambda done, total: progress(name, done, total) if progress else None

        result = load(paths, progress=lambda done, total, _: step("Reading")(done, total))
        session = cls(result)
        step("Analysing")(0, 1)
        _ = session.gaps, session.entities
        step("Laying out")(0, 1)
        _ = session.whole
        session.prepare_search(step("Indexing"))
        return session

    @cached_property
    def entities(self) -> list[Entity]:
        return entities(self.graph)

    @cached_property
    def gaps(self) -> list[Gap]:
        return ownership_gaps(self.graph)

    @cached_property
    def gap_nodes(self) -> frozenset[str]:
        return frozenset(g.entity.iri for g in self.gaps)

    @cached_property
    def whole(self) -> GraphView:
        return whole_graph(self.graph)

    def focus(self, centres: Sequence[str], hops: int) -> GraphView:
        return focus_view(self.graph, [URIRef(c) for c in centres], hops)

    def prepare_search(self, progress: Callable[[int, int], None] | None = None) -> None:
        """Open or build the search index now, so the first keystroke answers at once."""
        if self._search is None:
            key = sources_key([s.sha256 for s in self.result.sources])
            self._search = SearchIndex.for_graph(self.graph, progress, key=key)

    def search(self, query: str, limit: int = 50) -> list[SearchHit]:
        self.prepare_search()
        assert self._search is not None
        return self._search.search(query, limit)

    def blast_radius(
        self, iri: str, depth: int | None = None, progress: StepProgress | None = None
    ) -> Reach:
        return blast_radius(self.graph, URIRef(iri), depth)

    def upstream(
        self, iri: str, depth: int | None = None, progress: StepProgress | None = None
    ) -> Reach:
        return upstream(self.graph, URIRef(iri), depth)

    def compare(
        self, paths: Sequence[str | Path], progress: StepProgress | None = None
    ) -> Comparison:
        """Load an earlier snapshot and say what changed from it to the open estate."""
        old = load(
            paths, lambda done, total, _: progress("Reading", done, total) if progress else None
        )
        if progress:
            progress("Comparing", 0, 1)
        union = Graph()
        union += old.graph
        union += self.graph
        name = ", ".join(s.path.name for s in old.sources)
        return Comparison(name, diff(old.graph, self.graph), whole_graph(union), old.graph)

    def resolve(self, text: str) -> str:
        return str(resolve_node(self.graph, text))

    def details(self, iri: str) -> NodeDetails:
        return self._details(self.graph, iri, tuple(self.result.origins.of(URIRef(iri))))

    def _details(self, graph: Graph, iri: str, origins: tuple[str, ...]) -> NodeDetails:
        """The details of ``iri`` from ``graph``, which must describe it and its neighbours."""
        index = index_of(graph)
        node = URIRef(iri)
        relations = [
            Relation(RELATION_NAMES[p], index.entity(o))
            for p in RELATIONS
            for o in index.targets(node, p)
        ] + [
            Relation(INVERSE_NAMES[p], index.entity(s))
            for p in RELATIONS
            for s in index.sources(node, p)
        ]
        return NodeDetails(
            index.entity(node),
            tuple(relations),
            origins,
            tuple(g for g in self.gaps if g.entity.iri == iri),
        )
