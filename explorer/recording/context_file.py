"""The user's context file: what they recorded, kept apart from the sources.

Catalog files usually belong to other teams, so edits never go into them: they go into
one Turtle (or TriG) file of the user's, which the app creates, saves atomically and
reopens with the sources, and which the command line reads like any other source. This
module reads and writes that file; ``explorer.recording.edits`` says what an edit puts in it.

Saving never overwrites a file that changed on disk since it was read, unless told to: a
colleague's edit, or the same file open in a second window, is not silently lost.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph
from rdflib.term import Node

from explorer.domain.errors import InputError
from explorer.domain.vocab import PREFIXES
from explorer.export import render
from explorer.files.atomic import atomic_write_bytes
from explorer.formats.registry import by_extension
from explorer.graph.store import new_graph
from explorer.ingest import LoadResult
from explorer.ingest.rdf import parse_rdf
from explorer.ingest.sources import sniff_format
from explorer.statements import (
    Question,
    Statement,
    question_triples,
    statement_triples,
    statements_of,
)
from explorer.statements.questions import questions_of

__all__ = ["CONTEXT_SUFFIXES", "Context", "ContextChanged", "context_of", "is_context_file"]

CONTEXT_SUFFIXES = (".ctx.ttl", ".ctx.trig")  # what names a source as the user's context file


def is_context_file(path: Path) -> bool:
    return path.name.casefold().endswith(CONTEXT_SUFFIXES)


class ContextChanged(InputError):
    """The context file changed on disk since it was read; saving would lose that."""


@dataclass
class Context:
    """The statements and questions of one context file, by their nodes."""

    path: Path | None = None
    statements: dict[Node, Statement] = field(default_factory=dict)
    questions: dict[str, Question] = field(default_factory=dict)
    read_as: str | None = None  # sha256 of the bytes last read or written
    unreadable: InputError | None = None  # the context file named, which did not load
    saved: set[Node] = field(default_factory=set)  # the statements the file holds now
    saved_questions: set[str] = field(default_factory=set)  # and the questions

    @classmethod
    def read(cls, path: Path) -> Context:
        """The context in ``path``; a file that cannot be read is an InputError with its
        line, and a file that does not exist yet is an empty context to be saved there."""
        path = Path(path)
        if not path.exists():
            return cls(path)
        data = path.read_bytes()
        store = ox.Store()
        known = by_extension(path)
        fmt = known.name if known is not None else sniff_format(path, data)
        parse_rdf(str(path), data, fmt, store)
        graph = new_graph(store)
        said = {s.node: s for s in statements_of(graph)}
        asked = {q.iri: q for q in questions_of(graph)}
        return cls(path, said, asked, _digest(data), saved=set(said), saved_questions=set(asked))

    def graph(self) -> Graph:
        """Every triple the file holds."""
        graph = Graph()
        for prefix, namespace in PREFIXES.items():
            graph.bind(prefix, namespace)
        for statement in self.statements.values():
            for triple in statement_triples(statement):
                graph.add(triple)
        for question in self.questions.values():
            for triple in question_triples(question):
                graph.add(triple)
        return graph

    def unsaved(self) -> tuple[int, int]:
        """How many statements and questions are recorded here and not in the file."""
        statements = sum(node not in self.saved for node in self.statements)
        return statements, sum(iri not in self.saved_questions for iri in self.questions)

    def changed_on_disk(self) -> bool:
        """Whether the file now holds something else than what was last read or written."""
        if self.path is None or not self.path.exists():
            return self.read_as is not None
        return _digest(self.path.read_bytes()) != self.read_as

    def save(self, path: Path | None = None, overwrite: bool = False) -> Path:
        """Write the file atomically (to ``path``, from then on its place); refused with
        ``ContextChanged`` if the file changed on disk since, unless ``overwrite``."""
        target = Path(path) if path is not None else self.path
        if target is None:
            raise InputError(None, None, "the context has no file yet: choose where to save it")
        if self.unreadable is not None and Path(self.unreadable.path or "") == target:
            problem = self.unreadable
            raise InputError(
                target,
                problem.line,
                f"cannot be read ({problem.message}); "
                "fix it, or save the context under another name",
            )
        if target == self.path and not overwrite and self.changed_on_disk():
            raise ContextChanged(str(target), None, "changed on disk since it was opened")
        data = self.to_bytes(target.suffix.lower() or ".ttl")
        atomic_write_bytes(target, data)
        self.path, self.read_as, self.saved = target, _digest(data), set(self.statements)
        self.saved_questions = set(self.questions)
        return target

    def to_bytes(self, extension: str = ".ttl") -> bytes:
        if extension not in (".ttl", ".trig"):
            raise InputError(None, None, f"a context file is Turtle or TriG, not {extension!r}")
        return render(self.graph(), extension)


def context_of(result: LoadResult) -> Context:
    """The context file among a load's sources (the first named ``*.ctx.ttl`` or
    ``*.ctx.trig``), or a new one that asks where to be saved."""
    for source in result.sources:
        if is_context_file(source.path):
            return Context.read(source.path)
    broken = [p for p in result.problems if p.path and is_context_file(Path(p.path))]
    return Context(unreadable=broken[0] if broken else None)


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
