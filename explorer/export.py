"""Write the graph to a file whose extension picks the format; always atomically."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from rdflib import Graph

from explorer.atomic import atomic_write
from explorer.errors import InputError

__all__ = ["WRITERS", "dump"]

# extension -> rdflib serializer name
WRITERS: dict[str, str] = {
    ".ttl": "turtle",
    ".nt": "nt",
    ".jsonld": "json-ld",
    ".trig": "trig",
}


def dump(graph: Graph, path: Path) -> None:
    """Serialise ``graph`` to ``path`` in the format its extension names."""
    path = Path(path)
    fmt = WRITERS.get(path.suffix.lower())
    if fmt is None:
        known = ", ".join(WRITERS)
        raise InputError(path, None, f"unknown output format {path.suffix!r}; use one of {known}")
    if not path.parent.is_dir():
        raise InputError(path, None, "the folder to write into does not exist")

    def write(handle: BinaryIO) -> None:
        graph.serialize(destination=handle, format=fmt, encoding="utf-8")

    try:
        atomic_write(path, write)
    except OSError as exc:
        raise InputError(path, None, f"cannot write: {exc.strerror or exc}") from None
