"""Which files a load reads, and in which format: by extension, else by content."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from explorer.domain.errors import InputError
from explorer.formats.registry import READ, READABLE, by_extension

__all__ = [
    "NEVER_CATALOG",
    "Source",
    "expand_sources",
    "max_file_bytes",
    "read_bytes",
    "sniff_format",
]


@dataclass(frozen=True)
class Source:
    """One file to read. ``format`` is None when only its content can tell.

    ``root`` is the folder the user named (or the file's own folder): Backstage Locations
    inside the file may only lead to files under it. ``named``: the user named this very
    file, so it must be one of ours; a file found in a folder that is not is skipped.
    """

    path: Path
    format: str | None
    root: Path
    named: bool = False


def _format_name(path: Path) -> str | None:
    found = by_extension(path)
    return found.name if found is not None and found.readable else None


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
            sources.append(Source(path, _format_name(path), path.parent, True))
        elif path.exists():
            raise InputError(path, None, "not a regular file or folder")
        else:
            raise InputError(path, None, "no such file or folder")
    return sources


# folders that never hold a catalog: version control, dependencies, virtual environments,
# caches and build output. Other hidden places are read: ``.backstage/catalog-info.yaml``,
# ``.github/catalog-info.yaml`` and ``.catalog-info.yaml`` are common conventions.
NEVER_CATALOG = frozenset(
    {
        ".git",
        ".hg",
        ".svn",
        "node_modules",
        "bower_components",
        ".venv",
        "venv",
        "__pycache__",
        ".tox",
        ".nox",
        ".mypy_cache",
        ".pytest_cache",
        ".ruff_cache",
        ".cache",
        ".gradle",
        ".idea",
        ".vscode",
        ".terraform",
        ".next",
        ".nuxt",
        "dist",
        "build",
        "target",
        "site-packages",
    }
)


def _never_catalog(folder: Path, name: str) -> bool:
    """A folder to pass by: one of ``NEVER_CATALOG``, GitHub's workflows, or a virtual
    environment."""
    if name in NEVER_CATALOG or (folder.name == ".github" and name == "workflows"):
        return True
    return (folder / name / "pyvenv.cfg").exists()


def _walk(root: Path) -> list[Source]:
    """The known-format files under ``root``; none at all is an InputError."""
    found: list[Source] = []
    seen: set[tuple[int, int]] = set()
    others = 0
    for folder, dirs, files in os.walk(root, followlinks=True):
        stat = Path(folder).stat()
        if (stat.st_dev, stat.st_ino) in seen:
            dirs.clear()
            continue
        seen.add((stat.st_dev, stat.st_ino))
        dirs[:] = sorted(d for d in dirs if not _never_catalog(Path(folder), d))
        for name in sorted(files):
            fmt = _format_name(Path(name))
            if fmt:
                found.append(Source(Path(folder) / name, fmt, root))
            else:
                others += 1
    if not found:
        raise InputError(
            root, None, f"no files that can be read here: 0 of {others} files are {READABLE}"
        )
    return found


def sniff_format(path: Path, data: bytes) -> str:
    """The format of a file whose extension does not say, from its first bytes."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if data.startswith(b"PK\x03\x04"):
        return "xlsx"  # a zip archive, as workbooks are
    if head.startswith((b"{", b"[")):
        return "json"
    if head.startswith((b"# HELP", b"# TYPE", b"traces_service_graph_")):
        return "prometheus"
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
    known = ", ".join(sorted(e for f in READ for e in f.extensions))
    raise InputError(path, None, f"cannot tell the format; name it with one of {known}")


MAX_FILE_MB = 512  # default; a million triples of Turtle take about 40 MB


def max_file_bytes() -> int:
    """The largest file a load reads: ``$INFRA_EXPLORER_MAX_FILE_MB`` megabytes, or 512."""
    setting = os.environ.get("INFRA_EXPLORER_MAX_FILE_MB", "")
    try:
        megabytes = float(setting) if setting.strip() else MAX_FILE_MB
    except ValueError:
        megabytes = MAX_FILE_MB
    return int(megabytes * 1024 * 1024)


def read_bytes(path: Path) -> bytes:
    """The file's bytes; a file over the size limit is refused before it is read."""
    try:
        size, limit = path.stat().st_size, max_file_bytes()
        if size > limit:
            raise InputError(
                path,
                None,
                f"is {size / 1048576:,.1f} MB, more than the {limit / 1048576:,.1f} MB a load "
                "reads; set INFRA_EXPLORER_MAX_FILE_MB to raise the limit",
            )
        return path.read_bytes()
    except OSError as exc:
        raise InputError(path, None, f"cannot read: {exc.strerror or exc}") from None
