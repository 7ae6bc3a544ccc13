"""Write the graph to a file whose extension picks the format; always atomically.

RDF formats carry the snapshot's provenance; GraphML, DOT and CSV are views of the graph
for other tools. Turtle, N-Triples, GraphML and CSV are byte-identical for the same graph
(and the same provenance), so snapshots diff cleanly in git.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from explorer.domain.errors import InputError
from explorer.export.provenance import Provenance
from explorer.files.atomic import atomic_write_bytes
from explorer.formats.registry import Format, by_extension, plugin, written_extensions

__all__ = ["check_target", "dump", "render"]


def _written(extension: str, path: Path | None = None) -> Format:
    """The format an extension writes; an unknown one is refused with the known ones."""
    found = by_extension(extension)
    if found is None or not found.writer:
        known = ", ".join(written_extensions())
        raise InputError(path, None, f"unknown output format {extension!r}; use one of {known}")
    return found


def render(graph: Graph, extension: str, provenance: Provenance | None = None) -> bytes:
    """The file's bytes for ``extension``: RDF formats carry the provenance, the other
    views of the graph (GraphML, DOT, CSV, XLSX) leave it out."""
    written = _written(extension)
    write = plugin(written.writer)
    return bytes(write(graph, written.rdf, provenance) if written.rdf else write(graph))


def check_target(path: Path) -> None:
    """Refuse, before any work, a path whose format is unknown or whose folder is missing."""
    _written(path.suffix.lower(), path)
    if not path.parent.is_dir():
        raise InputError(path, None, "the folder to write into does not exist")


def dump(graph: Graph, path: Path, provenance: Provenance | None = None) -> None:
    """Serialise ``graph`` to ``path`` in the format its extension names, atomically."""
    path = Path(path)
    check_target(path)
    try:
        data = render(graph, path.suffix.lower(), provenance)
    except InputError as exc:  # what the format cannot hold: said of the file asked for
        raise InputError(exc.path or path, exc.line, exc.message) from None
    atomic_write_bytes(path, data)
