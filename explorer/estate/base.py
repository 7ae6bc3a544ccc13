"""``Estate``: every question the command line and the app ask, in one interface.

There are two implementations side by side: ``FileEstate`` over loaded files and
``EndpointEstate`` over a SPARQL endpoint. Callers never ask which one they hold; where the
two differ in what they can do, ``capabilities`` says so. What both do the same way, such
as writing a snapshot, is written here once.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import ClassVar

from rdflib import Graph, URIRef

from explorer.analysis import Gap, Reach, SinglePoint
from explorer.analysis.changes import Diff
from explorer.analysis.details import NodeDetails
from explorer.analysis.evidence import ALL_EVIDENCE
from explorer.analysis.merges import Merged
from explorer.analysis.programs import Program
from explorer.domain.errors import InputError
from explorer.domain.model import Entity
from explorer.domain.progress import StepProgress, quiet
from explorer.domain.relations import Evidence
from explorer.estate.asked import Keep, Nodes, several
from explorer.export import Origins, check_target, dump
from explorer.export.provenance import Provenance
from explorer.graph.index import entities
from explorer.recording.context_file import Context
from explorer.recording.edits import Applied, Edit
from explorer.search import SearchHit
from explorer.statements import Question
from explorer.views.filters import NO_FILTER, Facets, Filter, facet_counts, filtered_graph, rules_of
from explorer.views.graph_view import GraphView

__all__ = ["Capabilities", "Comparison", "Estate", "Keep", "Nodes", "Written", "several"]


@dataclass(frozen=True)
class Capabilities:
    """What an estate can do, so that nobody needs to ask what it is.

    ``compare``: it can be compared with an earlier snapshot. ``slow``: its answers cost
    round trips to a server, so the app asks them off the GUI thread. ``partial``: what it
    draws at first and lists before a search is a first page, not the whole estate.
    ``edits``: what a user learns can be recorded on it (into a context file).
    """

    compare: bool
    slow: bool
    partial: bool
    edits: bool = False


@dataclass(frozen=True)
class Comparison:
    """The open estate against an earlier snapshot: the changes, and a view of both."""

    name: str
    changes: Diff
    view: GraphView  # the union of both graphs, so removed nodes can be drawn too
    old: Estate  # for the details of what was removed since


@dataclass(frozen=True)
class Written:
    """A snapshot written: where, and how much."""

    path: Path
    triples: int
    entities: int


class Estate(ABC):
    """One estate and the answers about it. Nodes are named by IRI.

    Every method that may take long takes ``progress(step, done, total)``, which may raise
    ``explorer.domain.errors.Cancelled`` to stop the work.
    """

    capabilities: ClassVar[Capabilities]

    @property
    @abstractmethod
    def title(self) -> str:
        """What the window's title names: the files, or the endpoint."""

    @property
    @abstractmethod
    def sources(self) -> tuple[str, ...]:
        """What it was opened from, as ``open_estate`` takes it again (no credentials)."""

    @property
    def inputs(self) -> tuple[Path, ...]:
        """Files a snapshot must never overwrite."""
        return ()

    @property
    def read(self) -> dict[str, str]:
        """Each file read -> the SHA-256 of the bytes read (none for an endpoint)."""
        return {}

    @property
    def warnings(self) -> list[str]:
        """What was skipped while opening it."""
        return []

    @property
    def problems(self) -> list[InputError]:
        """What could not be read, and is left out (only when opened with ``keep_going``)."""
        return []

    @abstractmethod
    def summary(self) -> str:
        """One line for the status bar: what is open, and its gaps."""

    @abstractmethod
    def remember(self) -> None:
        """Keep what was worked out for the next process that opens the same sources
        (warm starts)."""

    @abstractmethod
    def prepare(self, progress: StepProgress = quiet, search: bool = True) -> None:
        """Work out now what the app shows first (gaps, the first picture, and unless not
        ``search``, the search index: after an edit, the first search builds it)."""

    @abstractmethod
    def entities(self) -> list[Entity]:
        """The entities, in the order users see them (see ``capabilities.partial``)."""

    @abstractmethod
    def resolve(self, text: str) -> URIRef:
        """The node ``text`` names (IRI, prefix:name, id or label), or an InputError that
        lists the closest candidates."""

    def merges(self) -> list[Merged]:
        """The descriptions of several sources made one node (none for an endpoint, whose
        graph was made elsewhere)."""
        return []

    def knows(self, iri: str) -> bool:
        """Whether the estate names ``iri`` (an edit's undo can take a node away)."""
        try:
            self.resolve(iri)
        except InputError:
            return False
        return True

    @abstractmethod
    def blast_radius(
        self,
        nodes: Nodes,
        depth: int | None = None,
        progress: StepProgress = quiet,
        counted: frozenset[Evidence] = ALL_EVIDENCE,
    ) -> Reach:
        """Everything hurt if the node (or any of several) fails, and the teams to tell;
        walked along the relations of the ``counted`` kinds of evidence."""

    @abstractmethod
    def upstream(
        self,
        nodes: Nodes,
        depth: int | None = None,
        progress: StepProgress = quiet,
        counted: frozenset[Evidence] = ALL_EVIDENCE,
    ) -> Reach:
        """Everything the node (or any of several) needs, and whose it is."""

    @abstractmethod
    def programs(self, progress: StepProgress = quiet) -> list[Program]:
        """Every program of the estate, with what it changes."""

    def program(self, name: str) -> Program:
        """The program ``name`` (an id, label or IRI) names; refused, with why, if it is no
        program or changes nothing (it would have no scope)."""
        programs = self.programs()
        try:
            node = str(self.resolve(name))
        except InputError:
            node = ""
        found = next((p for p in programs if p.entity.iri == node), None)
        if found is None:
            known = ", ".join(p.entity.id for p in programs[:5]) or "none"
            what = "is not a program" if node else "names no program"
            raise InputError(None, None, f"{name!r} {what} (the programs: {known})")
        if not found.changes:
            raise InputError(None, None, f"program {found.entity.id} changes nothing yet")
        return found

    @abstractmethod
    def gaps(self, progress: StepProgress = quiet) -> list[Gap]:
        """Every ownership gap, most impact first."""

    context: Context | None = None  # the user's context file, where edits go

    def apply_edit(self, edit: Edit) -> tuple[Estate, Applied]:
        """The estate with ``edit`` recorded (in its graph and its context file's contents),
        and what changed, for ``revert_edit``."""
        raise InputError(None, None, f"{self.title} cannot be edited: open files to record on")

    def revert_edit(self, done: Applied) -> Estate:
        """The estate with an edit taken back."""
        raise InputError(None, None, f"{self.title} cannot be edited")

    @cached_property
    def facets(self) -> Facets:
        """How many nodes each filter choice keeps in the first picture: worked out once,
        in ``prepare``, off the GUI thread."""
        return facet_counts(self.whole(), rules_of(self.gaps()))

    def gap_nodes(self) -> frozenset[str]:
        return frozenset(g.entity.iri for g in self.gaps())

    @abstractmethod
    def search(
        self, query: str, limit: int = 20, progress: StepProgress = quiet
    ) -> list[SearchHit]:
        """The best ``limit`` hits; a malformed query is an InputError."""

    @abstractmethod
    def details(self, iri: str, progress: StepProgress = quiet) -> NodeDetails:
        """Everything about one node (``infra-explorer show``)."""

    @abstractmethod
    def questions(self, progress: StepProgress = quiet) -> list[Question]:
        """Every question on the graph, by due date."""

    @abstractmethod
    def cycles(self, progress: StepProgress = quiet) -> list[tuple[Entity, ...]]:
        """Groups of nodes that depend on each other, largest first."""

    @abstractmethod
    def single_points_of_failure(self, progress: StepProgress = quiet) -> list[SinglePoint]:
        """Choke points between tier-1 services and their needs, most behind first."""

    @abstractmethod
    def whole(self, progress: StepProgress = quiet) -> GraphView:
        """The first picture: every node laid out (an endpoint's first page of them)."""

    @abstractmethod
    def focus(
        self,
        centres: Sequence[str],
        hops: int,
        progress: StepProgress = quiet,
        opened: Mapping[str, int] | None = None,
    ) -> GraphView:
        """The neighbourhood of ``centres``, ``hops`` relations deep, laid out and capped;
        ``opened``: pages of "+N more" open per node (see ``explorer.views.graph_view``)."""

    @abstractmethod
    def snapshot(self, progress: StepProgress = quiet) -> tuple[Graph, Provenance]:
        """The whole estate as a graph, and where it came from."""

    def origins(self) -> Origins | None:
        """Where each node was described (``path:line``), for a snapshot that names it (a
        Backstage catalog); None when not known."""
        return None

    def check_export(self, path: Path) -> None:
        """Refuse at once a snapshot path of an unknown format, in a missing folder, or
        that is one of the estate's inputs."""
        check_target(path)
        if path.resolve() in {p.resolve() for p in self.inputs}:
            raise InputError(path, None, "is one of the inputs; refusing to overwrite it")

    def export(
        self, path: Path, progress: StepProgress = quiet, chosen: Filter = NO_FILTER
    ) -> Written:
        """Write a snapshot to ``path`` (its extension picks the format), atomically,
        never over one of the estate's inputs; of what ``chosen`` keeps, when given."""
        path = Path(path)
        self.check_export(path)
        graph, provenance = self.snapshot(progress)
        if chosen.active:
            graph = filtered_graph(graph, chosen, rules_of(self.gaps(progress)))
        dump(graph, path, provenance, self.origins())
        return Written(path, len(graph), len(entities(graph)))

    def changes_since(self, older: Estate) -> Diff:
        """What changed from ``older`` to this estate."""
        raise InputError(None, None, _WHOLE_NEEDED)

    def compare(self, sources: Sequence[str | Path], progress: StepProgress = quiet) -> Comparison:
        """Open an earlier snapshot and say what changed from it to this estate."""
        raise InputError(None, None, _WHOLE_NEEDED)


_WHOLE_NEEDED = (
    "comparing needs the whole estate: export a snapshot of the endpoint, open "
    "the snapshot, and compare that"
)
