"""Write the graph to a file whose extension picks the format; always atomically.

RDF formats carry the snapshot's provenance; GraphML, DOT and CSV are views of the graph
for other tools. Turtle, N-Triples, GraphML and CSV are byte-identical for the same graph
(and the same provenance), so snapshots diff cleanly in git.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from rdflib import Graph

from explorer.domain.errors import InputError
from explorer.export import graphml, rdf, table, workbook
from explorer.export.dot import dot_bytes
from explorer.export.provenance import Provenance
from explorer.files.atomic import atomic_write_bytes

__all__ = ["RDF_WRITERS", "WRITERS", "check_target", "dump", "render"]

Writer = Callable[[Graph, Provenance | None], bytes]

RDF_WRITERS = {".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld", ".trig": "trig"}


def _rdf(fmt: str) -> Writer:
    return lambda graph, provenance: rdf.rdf_bytes(graph, fmt, provenance)


# extension -> writer: RDF formats carry the provenance, the other views leave it out
WRITERS: dict[str, Writer] = {
    **{extension: _rdf(fmt) for extension, fmt in RDF_WRITERS.items()},
    ".graphml": lambda graph, _: graphml.graphml_bytes(graph),
    ".dot": lambda graph, _: dot_bytes(graph),
    ".csv": lambda graph, _: table.csv_bytes(graph),
    ".xlsx": lambda graph, _: workbook.xlsx_bytes(graph),
}


def render(graph: Graph, extension: str, provenance: Provenance | None = None) -> bytes:
    """The file's bytes for ``extension``."""
    writer = WRITERS.get(extension)
    if writer is None:
        known = ", ".join(WRITERS)
        raise InputError(None, None, f"unknown output format {extension!r}; use one of {known}")
    return writer(graph, provenance)


def check_target(path: Path) -> None:
    """Refuse, before any work, a path whose format is unknown or whose folder is missing."""
    if path.suffix.lower() not in WRITERS:
        known = ", ".join(WRITERS)
        raise InputError(path, None, f"unknown output format {path.suffix!r}; use one of {known}")
    if not path.parent.is_dir():
        raise InputError(path, None, "the folder to write into does not exist")


def dump(graph: Graph, path: Path, provenance: Provenance | None = None) -> None:
    """Serialise ``graph`` to ``path`` in the format its extension names, atomically."""
    path = Path(path)
    check_target(path)
    atomic_write_bytes(path, render(graph, path.suffix.lower(), provenance))
