"""Turn entity records from every YAML and CSV source of one load into triples.

References are resolved only after every source is read, so a service in one file may
name a team defined in another (or in an RDF source). A reference that matches nothing
becomes an ``ic:Placeholder`` that remembers where it was made, for the gap analysis.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.term import Node

from explorer.errors import InputError
from explorer.ingest.fields import EntityRecord, Link
from explorer.kinds import ALL_KIND_CLASSES
from explorer.store import Pairs
from explorer.vocab import IC, id_from_iri, iri_for_id

__all__ = ["add_records", "subject_of"]

_ABSOLUTE_IRI = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.\-]*://|urn:)\S+$")
_KNOWN_CLASSES = frozenset(str(cls) for cls in ALL_KIND_CLASSES.values())


def subject_of(record: EntityRecord) -> URIRef:
    """The record's IRI: an id that is itself an absolute IRI is kept as it is."""
    return URIRef(record.id) if _ABSOLUTE_IRI.match(record.id) else iri_for_id(record.id)


class _Directory:
    """Every defined entity of the load, findable by id, by id in any case, or by label."""

    def __init__(self, records: list[EntityRecord], graph: Graph) -> None:
        self.ids: set[str] = set()
        self.by_folded_id: dict[str, set[URIRef]] = defaultdict(set)
        self.by_label: dict[str, set[URIRef]] = defaultdict(set)
        for record in records:
            self._add(subject_of(record), record.id, [record.label])
        if not records:
            return  # nothing to resolve
        pairs = Pairs(graph)  # the RDF sources' entities, read in two passes, not per node
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
        for label in labels:
            if label:
                self.by_label[label.casefold()].add(iri)

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


def _check_kinds(records: list[EntityRecord]) -> None:
    first: dict[str, EntityRecord] = {}
    for record in records:
        seen = first.setdefault(record.id, record)
        if seen.kind != record.kind:
            raise InputError(
                record.path,
                record.line,
                f"{record.id!r} is a {record.kind} here but a {seen.kind} at "
                f"{seen.path}:{seen.line}",
            )


def add_records(graph: Graph, records: list[EntityRecord]) -> None:
    """Add the triples of ``records`` to ``graph``, resolving every reference."""
    _check_kinds(records)
    directory = _Directory(records, graph)
    triples: list[tuple[URIRef, URIRef, Node]] = []
    for record in records:
        subject = subject_of(record)
        triples.append((subject, RDF.type, ALL_KIND_CLASSES[record.kind]))
        triples.extend((subject, predicate, value) for predicate, value in record.attributes)
        for link in record.links:
            target = _target(triples, directory, link, record.path)
            triples.append(
                (target, link.predicate, subject)
                if link.reverse
                else (subject, link.predicate, target)
            )
    graph.addN((s, p, o, graph) for s, p, o in triples)  # one batch: stores add these fast


def _target(
    triples: list[tuple[URIRef, URIRef, Node]], directory: _Directory, link: Link, path: str
) -> URIRef:
    found = directory.find(link.target, path, link.line)
    if found is not None:
        return found
    placeholder = iri_for_id(link.target)
    where = f"{path}:{link.line}" if link.line is not None else path
    triples.append((placeholder, RDF.type, IC.Placeholder))
    triples.append((placeholder, RDFS.label, Literal(link.target)))
    triples.append((placeholder, IC.referencedIn, Literal(where)))
    return placeholder
