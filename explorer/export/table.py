"""CSV in the format the CSV importer reads, so a snapshot can be edited and loaded back.

Cells that a spreadsheet would run as a formula (starting with ``=``, ``+``, ``-`` or ``@``)
get a leading apostrophe, which spreadsheets hide and the importer removes.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from rdflib import Graph, URIRef
from rdflib.namespace import RDFS

from explorer.domain.errors import InputError
from explorer.domain.kinds import Kind
from explorer.domain.relations import BY_FIELD, OWNED_BY
from explorer.domain.vocab import IC, ID, id_from_iri
from explorer.formats.cells import protect
from explorer.graph.index import EstateIndex, entities, index_of

__all__ = ["COLUMNS", "csv_bytes", "rows"]

COLUMNS = (
    "id",
    "kind",
    "label",
    "description",
    "owner",
    "depends_on",
    "vendors",
    "assumptions",
    "part_of",
    "changes",
    "tier",
    "status",
    "member_of",
    "contact",
)
# the relation columns: fields that state a relation from the row's entity
_RELATIONS = {
    name: relation.predicate
    for name, (relation, use) in BY_FIELD.items()
    if name in COLUMNS and not use.reverse
}
_OWNER = next(name for name, predicate in _RELATIONS.items() if predicate == OWNED_BY.predicate)


def reference(node: URIRef) -> str:
    """How the importer names ``node``: its id, or its IRI if it is not one of ours."""
    return id_from_iri(str(node)) if str(node).startswith(str(ID)) else str(node)


def _references(index: EstateIndex, node: URIRef, column: str) -> str:
    names = sorted(reference(t) for t in index.targets(node, _RELATIONS[column]))
    for name in names:
        if ";" in name or "," in name:
            raise InputError(None, None, f"cannot write {name!r} to CSV: ';' and ',' separate ids")
    return "; ".join(names)


def rows(graph: Graph) -> Iterator[list[str]]:
    """The header, then one row per entity of a known kind (placeholders are re-made by
    the importer), in the columns the importers read."""
    index = index_of(graph)
    yield list(COLUMNS)
    for e in entities(graph):
        if e.kind is Kind.PLACEHOLDER:
            continue
        node = URIRef(e.iri)
        relations = {c: _references(index, node, c) for c in _RELATIONS}
        if e.kind is Kind.PERSON:
            relations[_OWNER] = ""  # a person's owner column would be read as their team
        contacts = "; ".join(sorted(str(c) for c in graph.objects(node, IC.contact)))
        row = {
            "id": reference(node),
            "kind": str(e.kind),
            "label": index.value(node, RDFS.label) or "",
            "description": e.description,
            "tier": str(e.tier or ""),
            "status": e.status,
            "contact": contacts,
            **relations,
        }
        yield [row[c] for c in COLUMNS]


def csv_bytes(graph: Graph) -> bytes:
    """The table as CSV, every cell safe from a spreadsheet's formulas."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")  # RFC 4180; a lone CR in a cell is quoted
    for row in rows(graph):
        writer.writerow([protect(cell) for cell in row])
    return out.getvalue().encode("utf-8")
