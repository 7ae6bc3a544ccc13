"""The desktop app's session over a SPARQL endpoint: each view asks for what it shows.

Opening counts the estate, checks its gaps on the server and copies the first entities
for the first picture. Search answers a page of hits, a focus view fetches the
neighbourhood it draws, details fetch one node and its neighbours, and blast radius and
upstream walk on the server. Nothing else is copied, so an estate of millions of
triples opens as fast as a small one.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property
from pathlib import Path

from rdflib import Graph, URIRef

from explorer.analysis import Gap, Reach
from explorer.errors import InputError
from explorer.ingest import LoadResult
from explorer.provenance import Provenance
from explorer.remote.endpoint import Endpoint
from explorer.remote.estate import RemoteEstate, snapshot_of
from explorer.remote.mirror import quiet
from explorer.search import SearchHit
from explorer.session import Comparison, NodeDetails, Session, StepProgress
from explorer.view import GraphView, focus_view

__all__ = ["FIRST_PICTURE", "RemoteSession"]

FIRST_PICTURE = 300  # entities copied and drawn when an endpoint is opened


class RemoteSession(Session):
    """An endpoint's estate, as ``Session`` offers a loaded one."""

    remote = True

    def __init__(self, estate: RemoteEstate, first: Graph, count: int, gaps: list[Gap]) -> None:
        super().__init__(LoadResult(first))
        self.estate = estate
        self.count = count
        self._gaps = gaps

    @classmethod
    def connect(cls, endpoint: Endpoint, progress: StepProgress | None = None) -> RemoteSession:
        """Reach the endpoint and prepare the first view; ``progress`` may cancel."""
        tick = progress or quiet
        estate = RemoteEstate(endpoint)
        tick("Connecting", 0, 1)
        count = estate.count_entities()
        if count == 0:
            raise InputError(
                endpoint.url,
                None,
                "holds no services, teams or other entities of the infra-context vocabulary"
                + (f" in graph {endpoint.graph}" if endpoint.graph else ""),
            )
        gaps = estate.gaps(tick)
        first = estate.first_entities(FIRST_PICTURE, tick)
        session = cls(estate, first, count, gaps)
        tick("Laying out", 0, 1)
        _ = session.whole
        return session

    @property
    def title(self) -> str:
        return self.estate.endpoint.name

    def summary(self) -> str:
        shown = len(self.entities)
        page = f" (the first {shown} drawn; search to find the rest)" if shown < self.count else ""
        return (
            f"{self.count} entities at {self.estate.endpoint.name}{page}; "
            f"{len(self.gaps)} ownership gap(s)."
        )

    @cached_property
    def gaps(self) -> list[Gap]:
        return self._gaps

    def focus(self, centres: Sequence[str], hops: int) -> GraphView:
        nodes = [URIRef(c) for c in centres]
        return focus_view(self.estate.neighbourhood(nodes, hops), nodes, hops)

    def prepare_search(self, progress: object = None) -> None:
        """Nothing to prepare: the server searches."""

    def search(self, query: str, limit: int = 50) -> list[SearchHit]:
        return self.estate.search(query, limit)

    def blast_radius(
        self, iri: str, depth: int | None = None, progress: StepProgress | None = None
    ) -> Reach:
        return self.estate.blast_radius(URIRef(iri), depth, progress or quiet)

    def upstream(
        self, iri: str, depth: int | None = None, progress: StepProgress | None = None
    ) -> Reach:
        return self.estate.upstream(URIRef(iri), depth, progress or quiet)

    def resolve(self, text: str) -> str:
        return str(self.estate.resolve(text))

    def details(self, iri: str) -> NodeDetails:
        near = self.estate.neighbourhood([URIRef(iri)], 1)
        return self._details(near, iri, (self.estate.endpoint.source,))

    def compare(
        self, paths: Sequence[str | Path], progress: StepProgress | None = None
    ) -> Comparison:
        raise InputError(
            None,
            None,
            "comparing needs the whole estate: export a snapshot of the endpoint, open "
            "the snapshot, and compare that",
        )

    def snapshot(self, progress: StepProgress | None = None) -> tuple[Graph, Provenance]:
        """A consistent copy of the whole endpoint (see ``copy_of``)."""
        return snapshot_of(self.estate, progress or quiet)
