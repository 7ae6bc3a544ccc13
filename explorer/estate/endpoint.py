"""An estate held by a SPARQL endpoint: the same questions, answered by the server.

Every answer is computed from a ``Mirror``: the server walks, filters and checks the
rules over the whole estate, and a local copy of just the nodes an answer names is handed
to the same functions a file's answers come from (``explorer.remote``). The answers are
therefore equal, field for field, to those for the same graph loaded from a file.

Nothing is copied at opening but a count; the app's first picture is the first
``FIRST_PICTURE`` entities, and each view fetches the neighbourhood it draws.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence
from functools import partial

from rdflib import Graph, URIRef

from explorer.analysis import (
    Gap,
    Reach,
    SinglePoint,
    blast_radius,
    cycles,
    single_points_of_failure,
    upstream,
)
from explorer.analysis.details import NodeDetails, node_details
from explorer.analysis.evidence import ALL_EVIDENCE
from explorer.analysis.programs import Program, programs_of
from explorer.domain.errors import InputError
from explorer.domain.model import Entity
from explorer.domain.progress import Step, StepProgress, quiet
from explorer.domain.relations import CHANGES, DEPENDS_ON, OWNED_BY, RUNTIME, Evidence
from explorer.domain.vocab import IC
from explorer.estate.base import Capabilities, Estate, Nodes, several
from explorer.export.provenance import Provenance, provenance_of
from explorer.graph.index import index_of
from explorer.ingest import LoadResult
from explorer.remote import names, text_match
from explorer.remote.client import SparqlClient
from explorer.remote.copy import copy_of
from explorer.remote.endpoint import Endpoint
from explorer.remote.gap_rules import call_copy, endpoint_gaps, question_copy
from explorer.remote.mirror import AROUND, HURT, NEEDS, Mirror, Stride, walk
from explorer.remote.queries import iri
from explorer.remote.said import statement_copy
from explorer.remote.search import search
from explorer.remote.structure import structure_mirror
from explorer.search import SearchHit
from explorer.statements import Question, questions_of
from explorer.views.focus import focus_view
from explorer.views.graph_view import GraphView, whole_graph

__all__ = ["FIRST_PICTURE", "EndpointEstate"]

FIRST_PICTURE = 300  # entities copied and drawn when an endpoint is opened

Walk = Callable[[Graph, list[URIRef], int | None], Reach]


class EndpointEstate(Estate):
    """The estate a SPARQL endpoint (and, optionally, one named graph of it) holds."""

    capabilities = Capabilities(compare=False, slow=True, partial=True)

    def __init__(self, endpoint: Endpoint, client: SparqlClient | None = None) -> None:
        self.endpoint = endpoint
        self.client = client or SparqlClient(endpoint)
        self._text_index: bool | None = None  # asked on the first search
        self._count: int | None = None
        self._gaps: list[Gap] | None = None
        self._first: Graph | None = None
        self._whole: GraphView | None = None

    @classmethod
    def connect(cls, endpoint: Endpoint, progress: StepProgress = quiet) -> EndpointEstate:
        """Reach the endpoint; one that holds no entity of ours is refused."""
        estate = cls(endpoint)
        progress(Step.CONNECTING, 0, 1)
        if estate.count_entities() == 0:
            graph = f" in graph {endpoint.graph}" if endpoint.graph else ""
            raise InputError(
                endpoint.url,
                None,
                "holds no services, teams or other entities of the infra-context "
                f"vocabulary{graph}",
            )
        return estate

    @property
    def title(self) -> str:
        return self.endpoint.name

    @property
    def sources(self) -> tuple[str, ...]:
        return (self.endpoint.source,)

    def summary(self) -> str:
        shown, count = len(self.entities()), self.count_entities()
        page = f" (the first {shown} drawn; search to find the rest)" if shown < count else ""
        return (
            f"{count} entities at {self.endpoint.name}{page}; {len(self.gaps())} ownership gap(s)."
        )

    def remember(self) -> None:
        """Nothing: the server holds the graph, and answers are asked of it anew."""

    def prepare(self, progress: StepProgress = quiet, search: bool = True) -> None:
        self.gaps(progress)
        self._first_picture(progress)
        progress(Step.LAYING_OUT, 0, 1)
        self.whole()
        self.facets  # noqa: B018 - worked out here, off the GUI thread

    def count_entities(self) -> int:
        """How many nodes of our kinds the endpoint holds."""
        if self._count is None:
            self._count = names.count_entities(self.client)
        return self._count

    def entities(self) -> list[Entity]:
        return index_of(self._first_picture()).entities()

    def _first_picture(self, progress: StepProgress = quiet) -> Graph:
        if self._first is None:
            self._first = names.first_entities(self.client, FIRST_PICTURE, progress)
        return self._first

    def resolve(self, text: str) -> URIRef:
        return names.resolve(self.client, text)

    def blast_radius(
        self,
        nodes: Nodes,
        depth: int | None = None,
        progress: StepProgress = quiet,
        counted: frozenset[Evidence] = ALL_EVIDENCE,
    ) -> Reach:
        return self._reach(nodes, HURT, depth, partial(blast_radius, counted=counted), progress)

    def upstream(
        self,
        nodes: Nodes,
        depth: int | None = None,
        progress: StepProgress = quiet,
        counted: frozenset[Evidence] = ALL_EVIDENCE,
    ) -> Reach:
        return self._reach(nodes, NEEDS, depth, partial(upstream, counted=counted), progress)

    def _reach(
        self, nodes: Nodes, step: Stride, depth: int | None, answer: Walk, tick: StepProgress
    ) -> Reach:
        starts = [self.resolve(n) for n in several(nodes)]  # unknown ones: refused
        mirror = Mirror(self.client, tick)
        mirror.describe_with_owners(walk(self.client, starts, step, depth, tick), members=True)
        mirror.graph += question_copy(self.client)  # the open ones on what it reaches
        found = answer(mirror.graph, starts, depth)
        if found.nobody:  # whom to ask: the owners of what they are part of and touch
            around = [URIRef(u.entity.iri) for u in found.nobody]
            mirror.describe_with_owners(walk(self.client, around, AROUND, 1, tick), members=True)
            found = answer(mirror.graph, starts, depth)
        return found

    def programs(self, progress: StepProgress = quiet) -> list[Program]:
        mirror = Mirror(self.client, progress)
        query = (
            f"SELECT DISTINCT ?p WHERE {{ ?p a {iri(IC.Program)} FILTER(isIRI(?p)) }} ORDER BY ?p"
        )
        found = [row["p"] for rows in self.client.pages(query) for row in rows]
        mirror.describe(found)  # type: ignore[arg-type]
        mirror.describe_with_owners(sorted(mirror.objects(found, CHANGES.predicate)))  # type: ignore[arg-type]
        mirror.describe(mirror.objects(found, OWNED_BY.predicate))  # type: ignore[arg-type]
        return programs_of(mirror.graph)

    def gaps(self, progress: StepProgress = quiet) -> list[Gap]:
        if self._gaps is None:
            self._gaps = endpoint_gaps(self.client, progress)
        return self._gaps

    def search(
        self, query: str, limit: int = 20, progress: StepProgress = quiet
    ) -> list[SearchHit]:
        return search(self.client, query, limit, self.text_index, progress)

    @property
    def text_index(self) -> bool:
        """Whether search looks words up in the server's full-text index (asked once)."""
        if self._text_index is None:
            self._text_index = text_match.has_text_index(self.client)
        return self._text_index

    def details(self, iri: str, progress: StepProgress = quiet) -> NodeDetails:
        node = self.resolve(iri)  # one the server does not name: refused with the closest
        near = self.neighbourhood([node], 1, progress)
        near += question_copy(self.client)  # the questions about it
        near += call_copy(self.client, node)  # the calls seen to and from it
        near += statement_copy(self.client, node)  # what is said about its facts
        gaps = (
            self._gaps if self._gaps is not None else endpoint_gaps(self.client, progress, [node])
        )
        return node_details(near, node, (self.endpoint.source,), gaps)

    def neighbourhood(
        self, centres: Sequence[URIRef], hops: int, tick: StepProgress = quiet
    ) -> Graph:
        """A copy of everything within ``hops`` relations of ``centres``."""
        mirror = Mirror(self.client, tick)
        mirror.describe_with_owners(walk(self.client, centres, AROUND, hops, tick))
        return mirror.graph

    def questions(self, progress: StepProgress = quiet) -> list[Question]:
        """The questions' triples, asked of the server, read as from a file."""
        return questions_of(question_copy(self.client))

    def cycles(self, progress: StepProgress = quiet) -> list[tuple[Entity, ...]]:
        mirror = structure_mirror(self.client, (DEPENDS_ON,), progress)
        found = cycles(mirror.graph)
        nodes = sorted({URIRef(e.iri) for group in found for e in group})
        mirror.describe_with_owners(nodes)
        index = index_of(mirror.graph)
        return [tuple(index.entity(URIRef(e.iri)) for e in group) for group in found]

    def single_points_of_failure(self, progress: StepProgress = quiet) -> list[SinglePoint]:
        mirror = structure_mirror(self.client, RUNTIME, progress)
        points = single_points_of_failure(mirror.graph)
        mirror.describe_with_owners(sorted(URIRef(p.entity.iri) for p in points))
        index = index_of(mirror.graph)
        return [dataclasses.replace(p, entity=index.entity(URIRef(p.entity.iri))) for p in points]

    def whole(self, progress: StepProgress = quiet) -> GraphView:
        if self._whole is None:
            self._whole = whole_graph(self._first_picture(progress))
        return self._whole

    def focus(
        self,
        centres: Sequence[str],
        hops: int,
        progress: StepProgress = quiet,
        opened: Mapping[str, int] | None = None,
    ) -> GraphView:
        nodes = [URIRef(c) for c in centres]
        return focus_view(self.neighbourhood(nodes, hops, progress), nodes, hops, opened)

    def copy(self, progress: StepProgress = quiet) -> Graph:
        """The whole estate as a local graph (see ``explorer.remote.copy``)."""
        return copy_of(self.client, progress)

    def snapshot(self, progress: StepProgress = quiet) -> tuple[Graph, Provenance]:
        graph = self.copy(progress)
        return graph, provenance_of(LoadResult(graph), endpoints=(self.endpoint.source,))
