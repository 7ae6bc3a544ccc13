"""Write the graph to a file whose extension picks the format; always atomically.

RDF formats carry the snapshot's provenance; GraphML, DOT and CSV are views of the graph
for other tools. Turtle, N-Triples, GraphML and CSV are byte-identical for the same graph
(and the same provenance), so snapshots diff cleanly in git.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from explorer.atomic import atomic_write_bytes
from explorer.errors import InputError
from explorer.export import graphml, rdf, table
from explorer.export.dot import dot_bytes
from explorer.provenance import Provenance

__all__ = ["RDF_WRITERS", "WRITERS", "dump"]

RDF_WRITERS = {".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld", ".trig": "trig"}
WRITERS = (*RDF_WRITERS, ".graphml", ".dot", ".csv")


def render(graph: Graph, extension: str, provenance: Provenance | None = None) -> bytes:
    """The file's bytes for ``extension``."""
    if extension in RDF_WRITERS:
        return rdf.rdf_bytes(graph, RDF_WRITERS[extension], provenance)
    if extension == ".graphml":
        return graphml.graphml_bytes(graph)
    if extension == ".dot":
        return dot_bytes(graph)
    if extension == ".csv":
        return table.csv_bytes(graph)
    known = ", ".join(WRITERS)
    raise InputError(None, None, f"unknown output format {extension!r}; use one of {known}")


def dump(graph: Graph, path: Path, provenance: Provenance | None = None) -> None:
    """Serialise ``graph`` to ``path`` in the format its extension names, atomically."""
    path = Path(path)
    extension = path.suffix.lower()
    if extension not in WRITERS:
        known = ", ".join(WRITERS)
        raise InputError(path, None, f"unknown output format {path.suffix!r}; use one of {known}")
    if not path.parent.is_dir():
        raise InputError(path, None, "the folder to write into does not exist")
    atomic_write_bytes(path, render(graph, extension, provenance))
