"""The cache folder: warm loads and search indexes, each an entry built aside and renamed
into place, the least recently used removed once the folder outgrows its bound.

An entry is a folder holding a marker file (``complete.json``) written last; the marker's
modification time is when the entry was last used. A build in progress is a folder ending
``.building``, which no reader opens; one left by a killed process is removed after an hour.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_cache_dir

__all__ = [
    "BUILDING",
    "CACHE_ENV",
    "LIMIT_ENV",
    "MARKER",
    "Usage",
    "built_meanwhile",
    "cache_base",
    "clear",
    "kind_root",
    "limit_bytes",
    "new_build",
    "publish",
    "touch",
    "trim",
    "usage",
]

CACHE_ENV = "INFRA_EXPLORER_CACHE"  # the folder, instead of the user's cache folder
LIMIT_ENV = "INFRA_EXPLORER_CACHE_MB"  # the bound, in megabytes
_DEFAULT_LIMIT_MB = 4096
MARKER = "complete.json"
BUILDING = ".building"  # the suffix of an entry being built
_WRITER = "writer.pid"  # in a build: the process building it
_STALE_BUILD_SECONDS = 3600
_KINDS = ("estates", "search-index")  # what the folder holds, one subfolder each


def cache_base() -> Path:
    """``$INFRA_EXPLORER_CACHE`` if set, else the user's cache folder for this app."""
    override = os.environ.get(CACHE_ENV)
    return Path(override) if override else Path(user_cache_dir("infra-context-explorer"))


def limit_bytes() -> int:
    """The bound on the folder's size: ``$INFRA_EXPLORER_CACHE_MB`` megabytes (0: keep
    nothing, as ``--no-cache``), else 4 GB; a value that is no number is ignored."""
    text = os.environ.get(LIMIT_ENV, "").strip()
    megabytes = int(text) if text.isdigit() else _DEFAULT_LIMIT_MB
    return megabytes * 1024 * 1024


@dataclass(frozen=True)
class Usage:
    """What the cache folder holds: its entries and their size, against the bound."""

    folder: Path
    entries: int
    size: int  # bytes
    limit: int  # bytes


def _entries() -> list[Path]:
    """Every complete entry, of every kind."""
    found: list[Path] = []
    for kind in _KINDS:
        root = kind_root(kind)
        if root.is_dir():
            found.extend(e for e in root.iterdir() if (e / MARKER).is_file())
    return found


def _size(path: Path) -> int:
    total = 0
    for folder, _, files in os.walk(path):
        for name in files:
            with contextlib.suppress(OSError):  # removed meanwhile by another process
                total += (Path(folder) / name).stat().st_size
    return total


def usage() -> Usage:
    """The folder's entries and size now."""
    entries = _entries()
    return Usage(cache_base(), len(entries), sum(map(_size, entries)), limit_bytes())


def clear() -> Usage:
    """Remove every entry (and abandoned builds); returns what there was."""
    before = usage()
    for kind in _KINDS:
        root = kind_root(kind)
        if root.is_dir():
            for entry in root.iterdir():
                if not entry.name.endswith(BUILDING):  # another process's build: theirs
                    shutil.rmtree(entry, ignore_errors=True)
    return before


def kind_root(kind: str) -> Path:
    """Where the entries of ``kind`` (``estates``, ``search-index``) are kept."""
    return cache_base() / kind


def new_build(root: Path, key: str) -> Path:
    """An empty folder in ``root`` to build the entry ``key`` in, marked with the process
    building it (see ``built_meanwhile``)."""
    root.mkdir(parents=True, exist_ok=True)
    build = Path(tempfile.mkdtemp(prefix=f"{key}.", suffix=BUILDING, dir=root))
    (build / _WRITER).write_text(str(os.getpid()), encoding="ascii")
    return build


def built_meanwhile(entry: Path, key: str, seconds: float) -> bool:
    """Wait while another process builds ``entry`` (a command that answered and keeps its
    load in the background): reading it then is faster than parsing the files again.
    False when nobody is building it, or its builder died or took over ``seconds``."""
    deadline = time.monotonic() + seconds
    while not (entry / MARKER).is_file():
        building = [b for b in entry.parent.glob(f"{key}.*{BUILDING}") if _alive(b / _WRITER)]
        if not building or time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def _alive(pid_file: Path) -> bool:
    try:
        os.kill(int(pid_file.read_text(encoding="ascii")), 0)
    except (OSError, ValueError):
        return False
    return True


def publish(build: Path, entry: Path, marker: str) -> None:
    """Write the marker last, rename the build into place in one step, then trim the
    folder to its bound. If another process published the same entry first, theirs is
    kept and this build removed."""
    (build / MARKER).write_text(marker, encoding="utf-8")
    try:
        build.rename(entry)
    except OSError:
        shutil.rmtree(build, ignore_errors=True)
    trim(keep=entry)


def touch(entry: Path) -> None:
    """Say that ``entry`` was used now (the least recently used go first)."""
    now = time.time_ns()  # to the nanosecond: a file system's own clock may be coarser
    with contextlib.suppress(OSError):
        os.utime(entry / MARKER, ns=(now, now))


def trim(keep: Path | None = None) -> None:
    """Drop abandoned builds, then the least recently used entries until the folder is
    within its bound; ``keep`` (the entry just made) stays even if it alone is larger."""
    now = time.time()
    for kind in _KINDS:
        root = kind_root(kind)
        for entry in root.iterdir() if root.is_dir() else ():
            if entry.name.endswith(BUILDING) and now - _mtime(entry) > _STALE_BUILD_SECONDS:
                shutil.rmtree(entry, ignore_errors=True)
    sized = sorted(((_mtime(e / MARKER), _size(e), e) for e in _entries()), reverse=True)
    total, limit = 0, limit_bytes()
    for _, size, entry in sized:
        total += size
        if total > limit and entry != keep:
            shutil.rmtree(entry, ignore_errors=True)
            total -= size


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0
