"""The descriptions a load's sources give (``explorer.ingest.identity`` matches them), and
an RDF node merged into another made one node in the graph."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

from rdflib import OWL, RDF, RDFS, Graph, URIRef

from explorer.domain.kinds import CLASS_KINDS
from explorer.domain.relations import Evidence
from explorer.domain.vocab import IC, id_from_iri, iri_for_id
from explorer.graph.scan import PredicateScan
from explorer.ingest.fields import EntityRecord
from explorer.ingest.identity import MERGED_KINDS, Described
from explorer.ingest.result import Origins

__all__ = ["descriptions", "move_node"]

_CLASS_KINDS = {str(cls): kind for cls, kind in CLASS_KINDS.items()}


Subject = Callable[[EntityRecord], URIRef]  # the node a record names


def descriptions(
    records: list[EntityRecord], graph: Graph, origins: Origins, subject: Subject
) -> list[Described]:
    """The records' descriptions, and the RDF sources' nodes of the kinds that merge (only
    when there are records to meet them, or an ``owl:sameAs`` to settle)."""
    found = [_of_record(record, subject) for record in records]
    pairs = PredicateScan(graph)
    same = pairs.iris(OWL.sameAs)
    apart = pairs.iris(IC.notSameAs)
    if not records and not same[0] and not apart[0]:
        return found
    return found + _of_rdf(pairs, origins, same, apart)


def _of_record(record: EntityRecord, subject: Subject) -> Described:
    where = f"{record.path}:{record.line}" if record.line is not None else record.path
    return Described(
        subject(record),
        record.id,
        str(record.kind),
        where,
        record.path,
        tuple(label for label in (record.label,) if label),
        record.names,
        [iri_for_id(i) for i in record.same_as],
        [iri_for_id(i) for i in record.not_same_as],
        deployed=record.evidence != Evidence.DECLARED,
    )


def _of_rdf(
    pairs: PredicateScan,
    origins: Origins,
    same: tuple[list[str], list[str]],
    apart: tuple[list[str], list[str]],
) -> list[Described]:
    kinds: dict[str, str] = {}
    for subject, cls in zip(*pairs.iris(RDF.type), strict=True):
        found_kind = _CLASS_KINDS.get(cls)
        if found_kind in MERGED_KINDS:
            kinds.setdefault(subject, str(found_kind))
    labels: dict[str, list[str]] = defaultdict(list)
    for subject, label in zip(*pairs.texts(RDFS.label), strict=True):
        if subject in kinds:
            labels[subject].append(label)
    said_same, said_apart = _pairs(same), _pairs(apart)
    found = []
    for subject, kind in kinds.items():
        where = (origins.of(URIRef(subject)) or [""])[0]
        found.append(
            Described(
                URIRef(subject),
                id_from_iri(subject),
                kind,
                where,
                where,
                tuple(labels[subject]),
                same_as=[URIRef(o) for o in said_same[subject]],
                not_same_as=[URIRef(o) for o in said_apart[subject]],
                rdf=True,
            )
        )
    return found


def _pairs(columns: tuple[list[str], list[str]]) -> dict[str, list[str]]:
    """Subject -> objects, both ways (sameness is symmetric)."""
    found: dict[str, list[str]] = defaultdict(list)
    for subject, obj in zip(*columns, strict=True):
        found[subject].append(obj)
        found[obj].append(subject)
    return found


def move_node(graph: Graph, old: URIRef, new: URIRef) -> None:
    """An RDF node merged into another: every triple of it is the other's now (its own
    ``owl:sameAs`` to it aside)."""
    for s, p, o in list(graph.triples((old, None, None))):
        graph.remove((s, p, o))
        if not (p == OWL.sameAs and o == new):
            graph.add((new, p, o))
    for s, p, o in list(graph.triples((None, None, old))):
        graph.remove((s, p, o))
        if not (p == OWL.sameAs and s == new):
            graph.add((s, p, new))
