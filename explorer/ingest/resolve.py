"""Turn entity records from every YAML and CSV source of one load into triples.

References are resolved only after every source is read, so a service in one file may
name a team defined in another (or in an RDF source). A reference that matches nothing
becomes an ``ic:Placeholder`` that remembers where it was made, for the gap analysis.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.term import Node

from explorer.domain.errors import InputError
from explorer.domain.kinds import ALL_KIND_CLASSES
from explorer.domain.vocab import IC, id_from_iri, iri_for_id
from explorer.graph.scan import PredicateScan
from explorer.ingest.fields import EntityRecord, Link
from explorer.ingest.identity import Unified, key, merge_triples, unify
from explorer.ingest.merging import descriptions, move_node
from explorer.ingest.notes import Notes
from explorer.ingest.question_records import QuestionRecord, question_of
from explorer.ingest.result import Origins
from explorer.statements import Statement, question_triples, statement_triples

__all__ = ["add_records", "subject_of"]

_ABSOLUTE_IRI = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.\-]*://|urn:)\S+$")
_KNOWN_CLASSES = frozenset(str(cls) for cls in ALL_KIND_CLASSES.values())


def subject_of(record: EntityRecord) -> URIRef:
    """The record's IRI: an id that is itself an absolute IRI is kept as it is."""
    return URIRef(record.id) if _ABSOLUTE_IRI.match(record.id) else iri_for_id(record.id)


class _Directory:
    """Every defined entity of the load, findable by id, by id in any case, or by label;
    an id merged into another node (``explorer.ingest.identity``) finds that node."""

    def __init__(
        self,
        records: list[EntityRecord],
        graph: Graph,
        needed: bool,
        into: dict[URIRef, URIRef],
    ) -> None:
        self.ids: set[str] = set()
        self.by_folded_id: dict[str, set[URIRef]] = defaultdict(set)
        self.by_label: dict[str, set[URIRef]] = defaultdict(set)
        self.by_key: dict[str, set[URIRef]] = defaultdict(set)  # ids and labels, as keys
        self.names: dict[URIRef, str] = {}  # how a suggestion names an entity
        self.owners: Counter[URIRef] = Counter()  # undefined names used as owners, how often
        self.written: dict[URIRef, str] = {}  # and how they were written
        self._by_shape: dict[tuple[str, int], list[str]] | None = None
        for record in records:
            node = subject_of(record)
            self._add(into.get(node, node), record.id, [record.label], record.names)
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
        for merged, kept in into.items():
            self.by_folded_id[id_from_iri(merged).casefold()] = {kept}

    def _add(
        self,
        iri: URIRef,
        entity_id: str,
        labels: Iterable[str | None],
        names: Iterable[str] = (),
    ) -> None:
        self.ids.add(str(iri))
        self.by_folded_id[entity_id.casefold()].add(iri)
        self.by_key[key(entity_id)].add(iri)
        for name in names:  # a Backstage name: ``team-platform`` finds group/default/team-platform
            self.by_key[key(name)].add(iri)
        named = [label for label in labels if label]
        for label in named:
            self.by_label[label.casefold()].add(iri)
            self.by_key[key(label)].add(iri)
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

    def find(self, text: str, path: str, line: int | None, name: str = "") -> URIRef | None:
        """The entity ``text`` names (by id, then by label; a reference's ``name`` as
        written may match a label when its id matches nothing: the Group titled "Human
        Resources"), None if none; an InputError if it names several."""
        if _ABSOLUTE_IRI.match(text):
            return URIRef(text)
        exact = iri_for_id(text)
        if str(exact) in self.ids:
            return exact
        written = name or text
        tried = (
            (self.by_folded_id, "id", text.casefold()),
            (self.by_label, "label", written.casefold()),
            (self.by_key, "name", key(written)),  # "Inventory DB" finds inventory-db
        )
        for index, how, folded in tried:
            found = index.get(folded, set())
            if len(found) == 1:
                return next(iter(found))
            if len(found) > 1 and how != "name":  # by name alone, several is no match
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
    origins: Origins | None = None,
) -> Unified:
    """Add the triples of ``records`` (and ``questions``) to ``graph``, one node per thing
    whichever source names it (``explorer.ingest.identity``), resolving every reference;
    a reference that names several entities is a problem, and left out."""
    records = _consistent(records, notes)
    unified = unify(descriptions(records, graph, origins or Origins(), subject_of))
    for problem in unified.problems:
        notes.problem(problem)
    for old, new in unified.into.items():
        move_node(graph, old, new)  # an RDF node merged away (records have no triples yet)
    directory = _Directory(records, graph, bool(records or questions), unified.into)
    triples: Triples = []
    for into, merged, how in unified.merges:
        triples.extend(merge_triples(into, merged, how))
    for question in questions:
        triples.extend(_question_triples(triples, directory, question, notes))
    for record in records:
        node = subject_of(record)
        triples.extend(_record_triples(record, unified.into.get(node, node), directory, notes))
    triples.extend(_near_identical_owners(directory))
    graph.addN((s, p, o, graph) for s, p, o in triples)  # one batch: stores add these fast
    return unified


def _record_triples(
    record: EntityRecord, subject: URIRef, directory: _Directory, notes: Notes
) -> Triples:
    """One record's triples, its references resolved (a placeholder for none)."""
    triples: Triples = [(subject, RDF.type, ALL_KIND_CLASSES[record.kind])]
    triples.extend((subject, predicate, value) for predicate, value in record.attributes)
    # a name it goes by in its source (a Backstage name): what a user, or traffic, calls it
    triples.extend((subject, IC.alias, Literal(n)) for n in record.names if n != record.id)
    for link in record.links:
        try:
            target = _target(triples, directory, link, record.path, notes)
        except InputError as exc:
            notes.problem(exc)
            continue
        fact = (
            (target, link.predicate, subject) if link.reverse else (subject, link.predicate, target)
        )
        triples.append(fact)
        if link.confidence is not None or link.source:
            said = Statement(fact, link.confidence, source=link.source)
            triples.extend(statement_triples(said))  # type: ignore[arg-type]
    return triples


def _near_identical_owners(directory: _Directory) -> Triples:
    """Two undefined owners whose names are near-identical ("Paymnets", "Payments"): the
    one used less probably meant the other, which its gaps then suggest."""
    found: Triples = []
    names = {directory.written[p].casefold(): p for p in directory.owners}
    for name, placeholder in names.items():
        for close in difflib.get_close_matches(name, list(names), n=3, cutoff=0.8):
            other = names[close]
            more = (directory.owners[other], close) > (directory.owners[placeholder], name)
            if other != placeholder and more:
                written, other_id = directory.written[other], id_from_iri(other)
                hint = written if written == other_id else f"{written} ({other_id})"
                found.append((placeholder, IC.didYouMean, Literal(hint)))
                break
    return found


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
    found = directory.find(link.target, path, link.line, link.name)
    if found is not None:
        return found
    placeholder = iri_for_id(link.target)
    where = f"{path}:{link.line}" if link.line is not None else path
    triples.append((placeholder, RDF.type, IC.Placeholder))
    triples.append((placeholder, RDFS.label, Literal(link.name or link.target)))
    triples.append((placeholder, IC.referencedIn, Literal(where)))
    if link.predicate == IC.ownedBy:
        directory.owners[placeholder] += 1
        directory.written[placeholder] = link.name or link.target
    close = directory.suggest(link.name or link.target)
    if close is not None:
        triples.append((placeholder, IC.didYouMean, Literal(close)))
        notes.warn(path, link.line, f"{link.target!r} names nothing; did you mean {close}?")
    return placeholder
