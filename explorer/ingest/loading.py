"""Load any mix of sources into one rdflib Graph over an Oxigraph store.

RDF sources are parsed into the store; YAML, CSV and workbook readers turn a file's bytes
into entity records, which are resolved into triples once every file is read, so
references may cross files. A file, document, entity or reference that cannot be read is
a problem (``LoadResult.problems``) and is left out whole: nothing half-read reaches the
graph, and the rest is loaded. Whether to answer from the rest is the caller's choice.
"""

from __future__ import annotations

import hashlib
from collections import deque
from collections.abc import Sequence
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef

from explorer.domain.errors import InputError, Note, SourceProblems
from explorer.domain.progress import Step, StepProgress
from explorer.domain.relations import OWNED_BY, Evidence
from explorer.domain.vocab import IC, PREFIXES
from explorer.files.resources import sample_file
from explorer.formats.registry import BY_NAME, READABLE, plugin
from explorer.graph.store import new_graph
from explorer.ingest.call_graphs import CallRecord
from explorer.ingest.call_names import add_calls
from explorer.ingest.deploy.joining import joined_records
from explorer.ingest.fields import EntityRecord
from explorer.ingest.notes import Notes
from explorer.ingest.parsed import Reader
from explorer.ingest.question_records import QuestionRecord
from explorer.ingest.rdf import base_for, parse_rdf
from explorer.ingest.readers import json_format
from explorer.ingest.resolve import add_records, subject_of
from explorer.ingest.result import LoadResult, SourceInfo
from explorer.ingest.sources import Source, expand_sources, read_bytes, sniff_format
from explorer.ingest.vocabulary import check_terms
from explorer.statements import settle

__all__ = ["load"]


def load(
    paths: Sequence[str | Path] = (),
    progress: StepProgress | None = None,
    keep_going: bool = False,
) -> LoadResult:
    """Load files and folders into one graph; no paths means the bundled sample estate.

    ``progress`` is called before each file; it may raise ``Cancelled`` to stop the load.
    Every problem is found; then, unless ``keep_going``, a load with problems is refused
    (``SourceProblems``), and with it, its result holds them and everything else (but a
    load that all went wrong is refused still). A load that reads no file of ours at all
    is an InputError, never an empty estate.

    >>> result = load()
    >>> len(result.graph) > 100, result.sources[0].path.name, result.problems
    (True, 'region-build.ttl', [])
    """
    queue = deque(expand_sources([Path(p) for p in paths] or [sample_file()]))
    seen = {source.path.resolve() for source in queue}
    run = _Load(ox.Store(), single=len(queue) == 1)
    while queue:
        source = queue.popleft()
        if progress:
            done = len(run.result.sources) + len(run.skipped)
            progress(Step.READING, done, done + 1 + len(queue))
        for target in run.read(source):
            if target.resolve() not in seen:
                seen.add(target.resolve())
                queue.append(Source(target, "yaml", source.root))
    run.finish()
    if run.result.problems and not (keep_going and len(run.result.graph)):
        raise SourceProblems(run.result.problems)
    if progress:
        done = len(run.result.sources) + len(run.skipped)
        progress(Step.READING, done, done)
    return run.result


class _Load:
    """One load under way: the store it fills, the records still to resolve."""

    def __init__(self, store: ox.Store, single: bool) -> None:
        self.store, self.single = store, single
        self.notes = Notes()
        self.result = LoadResult(
            new_graph(store), warnings=self.notes.warnings, problems=self.notes.problems
        )
        self.records: list[EntityRecord] = []
        self.questions: list[QuestionRecord] = []
        self.calls: list[CallRecord] = []
        self.facts: list[object] = []  # joined across files once all are read
        self.prefixes: dict[str, str] = {}
        self.skipped: list[Source] = []
        self.templates: list[Source] = []  # template skeletons: placeholders, not entities
        self.skeletons: list[Path] = []  # the folders Templates render
        self.roots: dict[Path, Path] = {}  # each file read -> the folder it was found in

    def read(self, source: Source) -> list[Path]:
        """Read one file; returns the files it says to read too (Backstage Locations).
        A file that cannot be read is a problem, and adds nothing."""
        self.roots[source.path] = source.root
        try:
            data = read_bytes(source.path)
            sniffed = source.format or sniff_format(source.path, data)
            fmt = json_format(source, data) if BY_NAME[sniffed].by_content else sniffed
            follow = self._read(source, data, fmt) if fmt is not None else None
        except InputError as exc:
            self.notes.problem(exc)
            return []
        if follow is None or fmt is None:
            if source not in self.templates:
                self.skipped.append(source)
            return []
        self.result.sources.append(SourceInfo(source.path, fmt, hashlib.sha256(data).hexdigest()))
        return follow

    def _read(self, source: Source, data: bytes, fmt: str) -> list[Path] | None:
        path = str(source.path)
        if BY_NAME[fmt].rdf:
            relative = (
                source.path.relative_to(source.root)
                if source.path.is_relative_to(source.root)
                else source.path.name
            )
            self._read_rdf(path, data, fmt, base_for(str(relative)))
            return []
        read: Reader = plugin(BY_NAME[fmt].reader)
        parsed = read(source, data, self.notes)
        if parsed.template:
            self.templates.append(source)
        if parsed.skipped:
            return None
        self.skeletons += parsed.skeletons
        self.records.extend(parsed.records)
        self.questions.extend(parsed.questions)
        self.calls.extend(parsed.calls)
        self.facts.extend(parsed.facts)
        for record in parsed.records:
            self._originate(record)
        return parsed.follow

    def _originate(self, record: EntityRecord) -> None:
        """Note where ``record`` describes its node."""
        where = f"{record.path}:{record.line}" if record.line is not None else record.path
        self.result.origins.listed.setdefault(subject_of(record), []).append(where)

    def _read_rdf(self, path: str, data: bytes, fmt: str, base: str) -> None:
        """Into the load's store when it is the only file (a failure then leaves nothing
        to answer from); else into a store of its own first, so a failure adds nothing."""
        into = self.store if self.single else ox.Store()
        subjects: set[URIRef] | None = None if self.single else set()
        prefixes = parse_rdf(path, data, fmt, into, subjects, base)
        check_terms(into, path, self.notes)
        if into is not self.store:
            self.store.bulk_extend(into.quads_for_pattern(None, None, None))
        for prefix, namespace in prefixes.items():
            self.prefixes.setdefault(prefix, namespace)  # for prefix:name lookups
        for subject in subjects or ():
            self.result.origins.listed.setdefault(subject, []).append(path)
        if self.single:
            self.result.origins.whole = (self.result.graph, path)

    def _pass_by_skeletons(self) -> None:
        """Files inside a Template's skeleton folders hold what the scaffolder will write,
        not entities: what was read of them is left out, their problems too."""
        if not self.skeletons:
            return
        inside = [s for s in self.result.sources if _under(s.path, self.skeletons)]
        if not inside:
            return
        paths = {str(s.path) for s in inside}
        self.records = [r for r in self.records if r.path not in paths]
        self.questions = [q for q in self.questions if q.path not in paths]
        self.facts = [f for f in self.facts if str(getattr(f, "path", "")) not in paths]
        self.notes.problems[:] = [p for p in self.notes.problems if p.path not in paths]
        self.result.sources = [s for s in self.result.sources if str(s.path) not in paths]
        listed = self.result.origins.listed
        for subject in list(listed):
            listed[subject] = [w for w in listed[subject] if w.rsplit(":", 1)[0] not in paths]
            if not listed[subject]:
                del listed[subject]
        self.templates += [Source(s.path, s.format, self.roots[s.path]) for s in inside]

    def finish(self) -> None:
        """Resolve the records' references and bind the prefixes; say what was skipped."""
        if not self.result.sources and not self.result.problems:
            raise InputError(None, None, _nothing_read(self.skipped))
        self._pass_by_skeletons()
        if self.skipped:
            self.notes.warnings.append(_skipped_note(self.skipped))
        if self.templates:
            self.notes.warnings.append(_templates_note(self.templates))
        graph = self.result.graph
        for record in joined_records(self.facts, self.records, self.notes):
            self.records.append(record)
            self._originate(record)
        unified = add_records(graph, self.records, self.notes, self.questions, self.result.origins)
        listed = self.result.origins.listed
        for merged, kept in unified.into.items():  # where a merged node was described
            listed.setdefault(kept, []).extend(listed.pop(merged, []))
        self._declared_in_rdf()
        _owned_by_code_owners(graph)
        add_calls(graph, self.calls, self.notes)
        self.result.overruled = settle(graph)
        for prefix, namespace in self.prefixes.items():
            graph.bind(prefix, namespace, override=False)
        for prefix, namespace in PREFIXES.items():
            graph.bind(prefix, namespace, replace=True)

    def _declared_in_rdf(self) -> None:
        """An RDF source declares its nodes: said so of those a deploy file describes too
        (records say their own kind of evidence; RDF sources say none)."""
        rdf = {str(s.path) for s in self.result.sources if BY_NAME[s.format].rdf}
        graph, declared = self.result.graph, Literal(Evidence.DECLARED)
        if not rdf or not any(r.evidence != Evidence.DECLARED for r in self.records):
            return
        for node, places in self.result.origins.listed.items():
            if any(place in rdf for place in places):
                graph.add((node, IC.evidence, declared))


def _owned_by_code_owners(graph: Graph) -> None:
    """What no source names an owner of is owned by whom CODEOWNERS names (a source that
    names another owner is an ``owner-disagrees`` gap instead)."""
    owned = OWNED_BY.predicate
    coded = list(graph.subject_objects(IC.codeOwner))
    unowned = {node for node, _ in coded if graph.value(node, owned) is None}
    graph.addN((node, owned, owner, graph) for node, owner in coded if node in unowned)


def _under(path: Path, folders: list[Path]) -> bool:
    resolved = path.resolve()
    return any(resolved.is_relative_to(folder) for folder in folders)


def _names(skipped: list[Source], shown: int = 5) -> str:
    names = [str(s.path.relative_to(s.root)) for s in skipped]
    more = f" and {len(names) - shown} more" if len(names) > shown else ""
    return ", ".join(names[:shown]) + more


def _templates_note(templates: list[Source]) -> Note:
    text = (
        f"passed by {len(templates)} template file(s) (a Template's skeleton, or placeholders "
        f"such as ${{{{ values.name }}}}): {_names(templates)}"
    )
    return Note.of(text, templates[0].root)


def _skipped_note(skipped: list[Source]) -> Note:
    text = (
        f"skipped {len(skipped)} file(s) that are not catalog, estate, deploy or call-graph files: "
        f"{_names(skipped)}"
    )
    return Note.of(text, skipped[0].root)


def _nothing_read(skipped: list[Source]) -> str:
    where = ", ".join(sorted({str(s.root) for s in skipped})) or "the sources"
    return (
        f"no files of ours in {where}: {len(skipped)} file(s) hold neither an estate, "
        f"Backstage descriptors nor a call graph ({_names(skipped)}); {READABLE} files are read"
    )
