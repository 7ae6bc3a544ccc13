"""Which files a load reads, and in which format: by extension, else by content."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from explorer.errors import InputError

__all__ = ["EXTENSIONS", "Source", "expand_sources", "sniff_format"]

# file extension -> format name
EXTENSIONS: dict[str, str] = {
    ".ttl": "turtle",
    ".turtle": "turtle",
    ".nt": "ntriples",
    ".jsonld": "jsonld",
    ".json-ld": "jsonld",
    ".rdf": "rdfxml",
    ".owl": "rdfxml",
    ".xml": "rdfxml",
    ".trig": "trig",
    ".yaml": "yaml",
    ".yml": "yaml",
    ".csv": "csv",
}


@dataclass(frozen=True)
class Source:
    """One file to read. ``format`` is None when only its content can tell.

    ``root`` is the folder the user named (or the file's own folder): Backstage Locations
    inside the file may only lead to files under it.
    """

    path: Path
    format: str | None
    root: Path


def expand_sources(paths: list[Path]) -> list[Source]:
    """Files named directly, and the known-format files inside folders, recursively.

    A folder walk follows symbolic links but never enters the same folder twice, so a
    link cycle ends. Files inside folders with unknown extensions are skipped; a file
    named directly is always read, its format guessed from its content if need be.
    """
    sources: list[Source] = []
    for path in paths:
        if path.is_dir():
            sources.extend(_walk(path))
        elif path.is_file():
            sources.append(Source(path, EXTENSIONS.get(path.suffix.lower()), path.parent))
        elif path.exists():
            raise InputError(path, None, "not a regular file or folder")
        else:
            raise InputError(path, None, "no such file or folder")
    return sources


def _walk(root: Path) -> list[Source]:
    found: list[Source] = []
    seen: set[tuple[int, int]] = set()
    for folder, dirs, files in os.walk(root, followlinks=True):
        stat = Path(folder).stat()
        if (stat.st_dev, stat.st_ino) in seen:
            dirs.clear()
            continue
        seen.add((stat.st_dev, stat.st_ino))
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            fmt = EXTENSIONS.get(Path(name).suffix.lower())
            if fmt and not name.startswith("."):
                found.append(Source(Path(folder) / name, fmt, root))
    return found


def sniff_format(path: Path, data: bytes) -> str:
    """The format of a file whose extension does not say, from its first bytes."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith((b"{", b"[")):
        return "jsonld"
    if head.startswith(b"<?xml") or head.startswith(b"<rdf:RDF"):
        return "rdfxml"
    if head.startswith((b"@prefix", b"@base", b"PREFIX", b"BASE", b"prefix")):
        return "turtle"
    if head.startswith(b"<") and b"> <" in head.split(b"\n", 1)[0]:
        return "ntriples"
    if head.startswith((b"---", b"apiVersion:", b"services:")) or b":\n" in head:
        return "yaml"
    if b"," in head.split(b"\n", 1)[0] or b";" in head.split(b"\n", 1)[0]:
        return "csv"
    known = ", ".join(sorted(set(EXTENSIONS)))
    raise InputError(path, None, f"cannot tell the format; name it with one of {known}")
