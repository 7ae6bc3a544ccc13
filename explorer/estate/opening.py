"""Where files and endpoints part ways: the one place that asks what a source is."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from explorer.domain.progress import StepProgress, quiet
from explorer.estate.base import Estate, Keep
from explorer.estate.files import load_files
from explorer.remote.endpoint import endpoint_among, is_endpoint, parse_endpoint

__all__ = ["last_endpoint", "open_estate", "source_label"]


def open_estate(
    sources: Sequence[str | Path],
    progress: StepProgress = quiet,
    endpoint: str | None = None,
    graph: str | None = None,
    keep_going: bool = False,
    cache: bool = True,
    context: Path | None = None,
    later: list[Keep] | None = None,
) -> Estate:
    """The estate ``sources`` name: files and folders (none: the bundled sample), or one
    SPARQL endpoint (``sparql+https://...``, or ``endpoint`` and its named ``graph``).

    ``progress`` may raise ``Cancelled``; a bad source is an ``InputError``. Files with
    problems are refused (``SourceProblems``, naming each), unless ``keep_going``: then
    the estate holds what loaded, and ``problems`` says what did not. ``cache``: answer
    unchanged files from the cache folder, and keep a fresh load there. ``context``: a
    context file to read with the files (a recovery's edits), not one of the sources.
    ``later``: the keeping of a fresh load, left for the caller (``warm_load``).
    """
    found = endpoint_among([str(s) for s in sources], endpoint, graph)
    if found is not None:
        from explorer.estate.endpoint import EndpointEstate  # HTTP is loaded for endpoints only

        return EndpointEstate.connect(found, progress)
    return load_files(sources, progress, keep_going, cache, context, later)


def source_label(sources: Sequence[str]) -> tuple[str, str]:
    """A short name for what ``sources`` open (a recent list's entry), and the long one;
    an InputError for an endpoint that is not one.

    >>> source_label(["/estates/a.ttl", "/estates/b.csv"])
    ('a.ttl, b.csv (in /estates)', '/estates/a.ttl\\n/estates/b.csv')
    >>> source_label(["sparql+https://kg.example/query"])
    ('kg.example/query', 'sparql+https://kg.example/query')
    """
    if not sources:
        return "the bundled sample graph", ""
    if len(sources) == 1 and is_endpoint(sources[0]):
        return parse_endpoint(sources[0]).name, sources[0]
    names = ", ".join(Path(s).name for s in sources)
    return f"{names} (in {_folder(sources)})", "\n".join(sources)


def _folder(sources: Sequence[str]) -> str:
    """The folder the sources share, the home folder written ``~``."""
    paths = [Path(s).absolute().parent for s in sources]
    common = Path(os.path.commonpath(paths)) if paths else Path()
    home = Path.home()
    return f"~/{common.relative_to(home)}" if common.is_relative_to(home) else str(common)


def last_endpoint(entries: Sequence[str]) -> str:
    """The first of ``entries`` (recent sources, newest first) that is an endpoint, or ""."""
    return next((entry for entry in entries if is_endpoint(entry)), "")
