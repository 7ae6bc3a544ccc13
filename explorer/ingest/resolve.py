"""Turn entity records from every YAML and CSV source of one load into triples.

References are resolved only after every source is read, so a service in one file may
name a team defined in another (or in an RDF source). A reference that matches nothing
becomes an ``ic:Placeholder`` that remembers where it was made, for the gap analysis.
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence

from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.term import Node

from explorer.domain.errors import InputError
from explorer.domain.kinds import ALL_KIND_CLASSES
from explorer.domain.vocab import IC, id_from_iri, iri_for_id
from explorer.graph.scan import PredicateScan
from explorer.ingest.fields import EntityRecord, Link
from explorer.ingest.notes import Notes
from explorer.ingest.question_records import QuestionRecord, question_of
from explorer.statements import Statement, question_triples, statement_triples

__all__ = ["add_records", "subject_of"]

_ABSOLUTE_IRI = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.\-]*://|urn:)\S+$")
_KNOWN_CLASSES = frozenset(str(cls) for cls in ALL_KIND_CLASSES.values())


def subject_of(record: EntityRecord) -> URIRef:
    """The record's IRI: an id that is itself an absolute IRI is kept as it is."""
    return URIRef(record.id) if _ABSOLUTE_IRI.match(record.id) else iri_for_id(record.id)


class _Directory:
    """Every defined entity of the load, findable by id, by id in any case, or by label."""

    def __init__(self, records: list[EntityRecord], graph: Graph, needed: bool) -> None:
        self.ids: set[str] = set()
        self.by_folded_id: dict[str, set[URIRef]] = defaultdict(set)
        self.by_label: dict[str, set[URIRef]] = defaultdict(set)
        self.names: dict[URIRef, str] = {}  # how a suggestion names an entity
        self._by_shape: dict[tuple[str, int], list[str]] | None = None
        for record in records:
            self._add(subject_of(record), record.id, [record.label])
        if not needed:
            return  # nothing to resolve
        pairs = PredicateScan(graph)  # the RDF sources' entities, read in two passes, not per node
        typed = {s for s, cls in zip(*pairs.iris(RDF.type), strict=True) if cls in _KNOWN_CLASSES}
        labels: dict[str, list[str]] = defaultdict(list)
        for subject, label in zip(*pairs.texts(RDFS.label), strict=True):
            if subject in typed:
                labels[subject].append(label)
        for subject in typed:
            self._add(URIRef(subject), id_from_iri(subject), labels[subject])

    def _add(self, iri: URIRef, entity_id: str, labels: Iterable[str | None]) -> None:
        self.ids.add(str(iri))
        self.by_folded_id[entity_id.casefold()].add(iri)
        named = [label for label in labels if label]
        for label in named:
            self.by_label[label.casefold()].add(iri)
        self.names.setdefault(iri, f"{named[0]} ({entity_id})" if named else entity_id)

    def suggest(self, text: str) -> str | None:
        """The entity whose id or label is closest to ``text`` (a likely typo), if any is
        close. Compared with the names of about the same length and first letter only, at
        most ``_NEAR`` of them, so that thousands of references stay quick."""
        folded = text.casefold()
        buckets = self._buckets()
        near = [
            name
            for length in range(len(folded) - 2, len(folded) + 3)
            for name in buckets.get((folded[:1], length), ())
        ]
        if len(near) > _NEAR:
            return None  # names too alike to tell a typo from another entity
        close = difflib.get_close_matches(folded, near, n=1, cutoff=0.8)
        if not close:
            return None
        found = self.by_folded_id.get(close[0]) or self.by_label[close[0]]
        return self.names[min(found)]

    def _buckets(self) -> dict[tuple[str, int], list[str]]:
        if self._by_shape is None:
            self._by_shape = defaultdict(list)
            for name in {*self.by_folded_id, *self.by_label}:
                self._by_shape[(name[:1], len(name))].append(name)
        return self._by_shape

    def find(self, text: str, path: str, line: int | None) -> URIRef | None:
        """The entity ``text`` names, None if none; an InputError if it names several."""
        if _ABSOLUTE_IRI.match(text):
            return URIRef(text)
        exact = iri_for_id(text)
        if str(exact) in self.ids:
            return exact
        for index, how in ((self.by_folded_id, "id"), (self.by_label, "label")):
            found = index.get(text.casefold(), set())
            if len(found) == 1:
                return next(iter(found))
            if len(found) > 1:
                names = ", ".join(sorted(id_from_iri(i) for i in found))
                raise InputError(path, line, f"{text!r} matches the {how} of several: {names}")
        return None


_NEAR = 2_000


def _consistent(records: list[EntityRecord], notes: Notes) -> list[EntityRecord]:
    """The records, but one that makes an id another kind than before: a problem."""
    first: dict[str, EntityRecord] = {}
    kept = []
    for record in records:
        seen = first.setdefault(record.id, record)
        if seen.kind == record.kind:
            kept.append(record)
            continue
        message = (
            f"{record.id!r} is a {record.kind} here but a {seen.kind} at {seen.path}:{seen.line}"
        )
        notes.problem(InputError(record.path, record.line, message))
    return kept


Triples = list[tuple[URIRef, URIRef, Node]]


def add_records(
    graph: Graph,
    records: list[EntityRecord],
    notes: Notes,
    questions: Sequence[QuestionRecord] = (),
) -> None:
    """Add the triples of ``records`` (and ``questions``) to ``graph``, resolving every
    reference; a reference that names several entities is a problem, and left out."""
    records = _consistent(records, notes)
    directory = _Directory(records, graph, needed=bool(records or questions))
    triples: Triples = []
    for question in questions:
        triples.extend(_question_triples(triples, directory, question, notes))
    for record in records:
        subject = subject_of(record)
        triples.append((subject, RDF.type, ALL_KIND_CLASSES[record.kind]))
        triples.extend((subject, predicate, value) for predicate, value in record.attributes)
        for link in record.links:
            try:
                target = _target(triples, directory, link, record.path, notes)
            except InputError as exc:
                notes.problem(exc)
                continue
            fact = (
                (target, link.predicate, subject)
                if link.reverse
                else (subject, link.predicate, target)
            )
            triples.append(fact)
            if link.confidence is not None or link.source:
                said = Statement(fact, link.confidence, source=link.source)
                triples.extend(statement_triples(said))  # type: ignore[arg-type]
    graph.addN((s, p, o, graph) for s, p, o in triples)  # one batch: stores add these fast


def _question_triples(
    triples: Triples, directory: _Directory, record: QuestionRecord, notes: Notes
) -> list[tuple[URIRef, URIRef, Node]]:
    def resolve(text: str, line: int | None) -> URIRef:
        return _target(triples, directory, Link(IC.about, text, line), record.path, notes)

    try:
        return list(question_triples(question_of(record, resolve)))
    except InputError as exc:
        notes.problem(exc)
        return []


def _target(triples: Triples, directory: _Directory, link: Link, path: str, notes: Notes) -> URIRef:
    found = directory.find(link.target, path, link.line)
    if found is not None:
        return found
    placeholder = iri_for_id(link.target)
    where = f"{path}:{link.line}" if link.line is not None else path
    triples.append((placeholder, RDF.type, IC.Placeholder))
    triples.append((placeholder, RDFS.label, Literal(link.target)))
    triples.append((placeholder, IC.referencedIn, Literal(where)))
    close = directory.suggest(link.target)
    if close is not None:
        triples.append((placeholder, IC.didYouMean, Literal(close)))
        notes.warn(path, link.line, f"{link.target!r} names nothing; did you mean {close}?")
    return placeholder
