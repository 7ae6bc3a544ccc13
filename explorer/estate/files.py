"""An estate loaded from files: every answer is a core function over the loaded graph.

What is expensive to recompute (the gaps, the whole-graph layout, the search index, the
structure analyses) is kept for as long as the estate is open.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from functools import cached_property, partial
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.term import Node

from explorer.analysis import (
    Gap,
    Reach,
    SinglePoint,
    blast_radius,
    cycles,
    ownership_gaps,
    single_points_of_failure,
    upstream,
)
from explorer.analysis.changes import Diff, diff
from explorer.analysis.details import NodeDetails, node_details
from explorer.analysis.evidence import ALL_EVIDENCE
from explorer.analysis.merges import Merged, all_merges
from explorer.analysis.programs import Program, programs_of
from explorer.domain.errors import InputError
from explorer.domain.model import Entity
from explorer.domain.progress import Step, StepProgress, quiet
from explorer.domain.relations import Evidence
from explorer.estate.base import Capabilities, Comparison, Estate, Keep, Nodes, several
from explorer.estate.warm import remember, warm_load
from explorer.export import Origins
from explorer.export.provenance import Provenance, provenance_of
from explorer.files.resources import sample_file
from explorer.graph.index import entities, index_of
from explorer.graph.lookup import resolve_node
from explorer.ingest import LoadResult, load
from explorer.recording.context_file import Context, context_of, is_context_file
from explorer.recording.edits import Applied, Edit, apply, revert
from explorer.search import SearchHit, SearchIndex
from explorer.search.cache import sources_key
from explorer.statements import Question
from explorer.views.focus import focus_view
from explorer.views.graph_view import GraphView, whole_graph

__all__ = ["FileEstate", "load_files"]


def load_files(
    sources: Sequence[str | Path],
    progress: StepProgress = quiet,
    keep_going: bool = False,
    cache: bool = True,
    context: Path | None = None,
    later: list[Keep] | None = None,
) -> FileEstate:
    """Load files and folders (none: the bundled sample) into an estate; with problems,
    refused unless ``keep_going`` (see ``explorer.ingest.load``). With ``cache``, unchanged
    sources are answered from the cache folder (``explorer.estate.warm``). ``context``: a
    context file read with them (the edits a recovery restores), which is not one of the
    estate's ``sources``. ``later``: where to put the keeping of a fresh load, for the
    caller to do once it has answered (see ``warm_load``)."""
    paths = [*(sources or [sample_file()]), context] if context is not None else sources
    if cache:
        result = warm_load(paths, progress, keep_going, later)
    else:
        result = load(paths, progress, keep_going)
    return FileEstate(result, tuple(str(Path(s).resolve()) for s in sources))


class FileEstate(Estate):
    """The estate of one load; ``named`` is what the user asked to open."""

    capabilities = Capabilities(compare=True, slow=False, partial=False, edits=True)

    def __init__(
        self,
        result: LoadResult,
        named: tuple[str, ...] = (),
        revision: str = "",
        context: Context | None = None,
    ) -> None:
        self.result = result
        self.graph = result.graph
        self.named = named
        self.revision = revision  # what edits made since loading say, for the search cache
        self.context: Context = context if context is not None else context_of(result)
        self._search: SearchIndex | None = None

    @property
    def title(self) -> str:
        """The files read, by name; the context file is named apart (by the window)."""
        names = [s.path.name for s in self.result.sources if not is_context_file(s.path)]
        more = f" and {len(names) - 2} more" if len(names) > 2 else ""
        return f"{', '.join(names[:2])}{more}"

    @property
    def sources(self) -> tuple[str, ...]:
        return self.named

    @property
    def inputs(self) -> tuple[Path, ...]:
        return (*map(Path, self.named), *(s.path for s in self.result.sources))

    def merges(self) -> list[Merged]:
        return all_merges(index_of(self.graph))

    @property
    def read(self) -> dict[str, str]:
        return {str(s.path): s.sha256 for s in self.result.sources}

    @property
    def warnings(self) -> list[str]:
        return self.result.warnings

    @property
    def problems(self) -> list[InputError]:
        return self.result.problems

    def summary(self) -> str:
        warnings = f"; {len(self.warnings)} warning(s)" if self.warnings else ""
        if self.problems:
            warnings += f"; {len(self.problems)} problem(s) left out"
        return (
            f"{len(self.entities())} entities, {self._triples} triples from "
            f"{len(self.result.sources)} file(s); {len(self.gaps())} ownership gap(s){warnings}."
        )

    def apply_edit(self, edit: Edit) -> tuple[Estate, Applied]:
        done = apply(self.graph, self.context, edit)
        return self._edited(), done

    def revert_edit(self, done: Applied) -> Estate:
        revert(self.graph, self.context, done)
        return self._edited()

    def _edited(self) -> FileEstate:
        """The same load after an edit changed its graph, every answer worked out anew."""
        revision = hashlib.sha256(self.context.to_bytes()).hexdigest()
        return FileEstate(self.result, self.named, revision, self.context)

    @cached_property
    def _triples(self) -> int:
        return index_of(self.graph).size  # the graph itself may not be read yet (warm)

    def remember(self) -> None:
        remember(self.graph)

    def prepare(self, progress: StepProgress = quiet, search: bool = True) -> None:
        progress(Step.ANALYSING, 0, 1)
        self.gaps()
        self.entities()
        progress(Step.LAYING_OUT, 0, 1)
        self.whole()
        self.facets  # noqa: B018 - worked out here, off the GUI thread
        self._triples  # noqa: B018
        if search:
            self._search_index(progress)

    def entities(self) -> list[Entity]:
        return self._entities

    @cached_property
    def _entities(self) -> list[Entity]:
        return entities(self.graph)

    def resolve(self, text: str) -> URIRef:
        return resolve_node(self.graph, text)

    def blast_radius(
        self,
        nodes: Nodes,
        depth: int | None = None,
        progress: StepProgress = quiet,
        counted: frozenset[Evidence] = ALL_EVIDENCE,
    ) -> Reach:
        return blast_radius(self.graph, [URIRef(n) for n in several(nodes)], depth, counted)

    def upstream(
        self,
        nodes: Nodes,
        depth: int | None = None,
        progress: StepProgress = quiet,
        counted: frozenset[Evidence] = ALL_EVIDENCE,
    ) -> Reach:
        return upstream(self.graph, [URIRef(n) for n in several(nodes)], depth, counted)

    def gaps(self, progress: StepProgress = quiet) -> list[Gap]:
        return self._gaps

    def programs(self, progress: StepProgress = quiet) -> list[Program]:
        return programs_of(self.graph)

    @cached_property
    def _gaps(self) -> list[Gap]:
        return ownership_gaps(self.graph)

    def search(
        self, query: str, limit: int = 20, progress: StepProgress = quiet
    ) -> list[SearchHit]:
        index = self._search_index(progress)
        return index.search(query, limit)

    def _search_index(self, progress: StepProgress | None = None) -> SearchIndex:
        """Opened from the cache or built on first use; keyed by the files' content."""
        if self._search is None:
            edits = [self.revision] if self.revision else []
            key = sources_key([s.sha256 for s in self.result.sources] + edits)
            self._search = SearchIndex.for_graph(self.graph, progress, key=key)
        return self._search

    def details(self, iri: str, progress: StepProgress = quiet) -> NodeDetails:
        node, origins = URIRef(iri), self.result.origins
        return node_details(
            self.graph,
            node,
            origins.of(node),
            self.gaps(),
            self.result.overruled,
            self._stated_in,
        )

    def _stated_in(self, statement: Node) -> list[str]:
        """The file a statement is in: the context file for one recorded here (saved or
        not yet), else the sources that state it."""
        context = self.context
        if statement in context.statements:
            saved = context.path is not None and statement in context.saved
            return [str(context.path) if saved else "not saved yet"]
        return self.result.origins.of(statement) if isinstance(statement, URIRef) else []

    def questions(self, progress: StepProgress = quiet) -> list[Question]:
        return index_of(self.graph).questions()

    def cycles(self, progress: StepProgress = quiet) -> list[tuple[Entity, ...]]:
        return cycles(self.graph)

    def single_points_of_failure(self, progress: StepProgress = quiet) -> list[SinglePoint]:
        return self._choke_points

    @cached_property
    def _choke_points(self) -> list[SinglePoint]:
        points = partial(single_points_of_failure, self.graph)
        return index_of(self.graph).derived("single points of failure", points)

    def whole(self, progress: StepProgress = quiet) -> GraphView:
        return self._whole

    @cached_property
    def _whole(self) -> GraphView:
        return index_of(self.graph).derived("whole view", lambda: whole_graph(self.graph))

    def focus(
        self,
        centres: Sequence[str],
        hops: int,
        progress: StepProgress = quiet,
        opened: Mapping[str, int] | None = None,
    ) -> GraphView:
        return focus_view(self.graph, [URIRef(c) for c in centres], hops, opened)

    def snapshot(self, progress: StepProgress = quiet) -> tuple[Graph, Provenance]:
        return self.graph, provenance_of(self.result)

    def origins(self) -> Origins:
        return self.result.origins.of

    def changes_since(self, older: Estate) -> Diff:
        if not isinstance(older, FileEstate):
            return super().changes_since(older)
        return diff(older.graph, self.graph)

    def compare(self, sources: Sequence[str | Path], progress: StepProgress = quiet) -> Comparison:
        older = load_files(sources, progress)
        progress(Step.COMPARING, 0, 1)
        union = Graph()
        union += older.graph
        union += self.graph
        name = ", ".join(s.path.name for s in older.result.sources)
        return Comparison(name, self.changes_since(older), whole_graph(union), older)
