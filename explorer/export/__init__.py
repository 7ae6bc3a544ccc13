"""Write the graph to a file whose extension picks the format; always atomically.

RDF formats carry the snapshot's provenance; GraphML, DOT and CSV are views of the graph
for other tools. Turtle, N-Triples, GraphML and CSV are byte-identical for the same graph
(and the same provenance), so snapshots diff cleanly in git. A writer that takes ``origins``
(a Backstage catalog, which names each entity's source) is given where each node was described.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from pathlib import Path, PurePath

from rdflib import Graph, URIRef

from explorer.domain.errors import InputError
from explorer.export.provenance import Provenance
from explorer.files.atomic import atomic_write_bytes
from explorer.formats.registry import Format, by_extension, plugin, written_extensions

__all__ = ["Origins", "check_target", "dump", "render"]

Origins = Callable[[URIRef], list[str]]  # where a node was described: ``path`` or ``path:line``


def _written(name: str, path: Path | None = None) -> Format:
    """The format a file name (or an extension) writes; an unknown one is refused with the
    known ones."""
    found = by_extension(name)
    if found is None or not found.writer:
        known = ", ".join(written_extensions())
        said = PurePath(name).suffix or name
        raise InputError(path, None, f"unknown output format {said!r}; use one of {known}")
    return found


def render(
    graph: Graph,
    extension: str,
    provenance: Provenance | None = None,
    origins: Origins | None = None,
) -> bytes:
    """The file's bytes for ``extension``: RDF formats carry the provenance, the other
    views of the graph (GraphML, DOT, CSV, XLSX) leave it out; ``origins`` go to a writer
    that takes them."""
    written = _written(extension)
    write = plugin(written.writer)
    if written.rdf:
        return bytes(write(graph, written.rdf, provenance))
    if origins is not None and "origins" in inspect.signature(write).parameters:
        return bytes(write(graph, origins=origins))
    return bytes(write(graph))


def check_target(path: Path) -> None:
    """Refuse, before any work, a path whose format is unknown or whose folder is missing."""
    _written(path.name.lower(), path)
    if not path.parent.is_dir():
        raise InputError(path, None, "the folder to write into does not exist")


def dump(
    graph: Graph,
    path: Path,
    provenance: Provenance | None = None,
    origins: Origins | None = None,
) -> None:
    """Serialise ``graph`` to ``path`` in the format its extension names, atomically;
    ``origins``: where each node was described, for a format that says so."""
    path = Path(path)
    check_target(path)
    try:
        data = render(graph, path.name.lower(), provenance, origins)
    except InputError as exc:  # what the format cannot hold: said of the file asked for
        raise InputError(exc.path or path, exc.line, exc.message) from None
    atomic_write_bytes(path, data)
