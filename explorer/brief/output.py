"""Where a brief goes: the formats it is written as (the format registry's ``brief`` rows),
checked before any work, written atomically, and named after what it is about."""

from __future__ import annotations

from pathlib import Path, PurePath

from explorer.brief.gather import Brief
from explorer.domain.errors import InputError
from explorer.domain.progress import Step, StepProgress, quiet
from explorer.files.atomic import atomic_write_bytes
from explorer.formats.registry import BRIEFS, Format, by_extension, plugin

__all__ = ["brief_extensions", "brief_name", "check_brief", "write_brief"]

PROGRAM = "program-"


def brief_extensions() -> tuple[str, ...]:
    return tuple(f.extensions[0] for f in BRIEFS)


def _format(path: Path) -> Format:
    found = by_extension(path.name)
    if found is None or not found.brief:
        said = PurePath(path).suffix or path.name
        known = ", ".join(brief_extensions())
        raise InputError(path, None, f"a brief is written as {known}, not {said!r}")
    return found


def check_brief(path: Path, inputs: tuple[Path, ...] = ()) -> None:
    """Refuse at once a brief of an unknown format, in a missing folder, or over an input."""
    path = Path(path)
    _format(path)
    if not path.parent.is_dir():
        raise InputError(path, None, "the folder to write into does not exist")
    if path.resolve() in {p.resolve() for p in inputs}:
        raise InputError(path, None, "is one of the inputs; refusing to overwrite it")


def write_brief(brief: Brief, path: Path, progress: StepProgress = quiet) -> Path:
    """Write ``brief`` as the format ``path``'s extension names, atomically."""
    path = Path(path)
    check_brief(path)
    progress(Step.WRITING, 0, 1)
    data = plugin(_format(path).brief)(brief)
    atomic_write_bytes(path, bytes(data))
    progress(Step.WRITING, 1, 1)
    return path


def brief_name(first: str, program: bool = False, more: int = 0, extension: str = ".html") -> str:
    """The file a brief is saved as by default: ``program-<id>-brief.html`` for a program
    (its id says "program" once), ``<id>-brief.html`` for a node, and for several nodes the
    first and how many more.

    >>> brief_name("program-dns-cutover", True), brief_name("dns-cutover", True)
    ('program-dns-cutover-brief.html', 'program-dns-cutover-brief.html')
    >>> brief_name("kms", extension=".md"), brief_name("kms", more=2)
    ('kms-brief.md', 'kms-and-2-more-brief.html')
    """
    named = first if not program or first.startswith(PROGRAM) else PROGRAM + first
    named += f"-and-{more}-more" if more else ""
    safe = "".join(c if c.isalnum() or c in "-_." else "-" for c in named)
    return f"{safe}-brief{extension}"
