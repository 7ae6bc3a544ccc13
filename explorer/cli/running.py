"""What every command does around its question: open the estate its sources name (saying
each warning and problem), report progress on a terminal, print the answer as JSON or text,
and keep what it loaded and worked out for the next command."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable

from explorer.cli.exits import PROG
from explorer.domain.progress import Step
from explorer.estate import Estate, Keep, open_estate
from explorer.files.detached import run_detached

__all__ = ["notices", "open_sources", "print_answer", "remember_opened"]


class Notices:
    """Progress on a terminal: the copy of an endpoint as it goes, a search index built."""

    def __init__(self) -> None:
        self.line_open = False

    def __call__(self, step: str, done: int, total: int) -> None:
        if not sys.stderr.isatty():
            return
        if step == Step.COPYING:
            print(f"\r{step}: {done}/{total} triples", end="", file=sys.stderr)
            self.line_open = True
        elif step == Step.INDEXING and done == total and total:
            self.finish()
            print(f"indexed {total} nodes for search", file=sys.stderr)

    def finish(self) -> None:
        """End a progress line left open."""
        if self.line_open:
            print(file=sys.stderr)
            self.line_open = False


notices = Notices()


def open_sources(args: argparse.Namespace, sources: list[str] | None = None) -> Estate:
    """The estate the command's sources (or ``--endpoint``/``--from``) name; with
    ``--keep-going``, each problem is said and the answer called partial."""
    estate = open_estate(
        args.sources if sources is None else sources,
        notices,
        getattr(args, "endpoint", None),
        getattr(args, "graph", None),
        args.keep_going,
        cache=not args.no_cache,
        later=_later,
    )
    _opened.append(estate)
    for warning in estate.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    for problem in estate.problems:
        print(f"{PROG}: problem: {problem}", file=sys.stderr)
    if estate.problems:
        print(
            f"{PROG}: note: the answer is partial: {len(estate.problems)} problem(s) above "
            "were left out",
            file=sys.stderr,
        )
    return estate


_opened: list[Estate] = []
_later: list[Keep] = []  # fresh loads to keep in the cache folder, once answered


def remember_opened(background: bool = False) -> None:
    """Keep this command's fresh loads, and what it worked out of its estates, for the
    next one (warm starts); with ``background``, in a process of its own that the command
    does not wait for, so that keeping never slows the answer."""
    work = [*_later, *(estate.remember for estate in _opened)]
    _later.clear()
    _opened.clear()
    if background:
        run_detached(work)
        return
    for done in work:
        done()


def print_answer(
    args: argparse.Namespace, data: Callable[[], object], text: Callable[[], str]
) -> None:
    """The answer as JSON or as text: only the one asked for is made (a hub's blast
    radius is 85,000 rows at 100,000 services)."""
    notices.finish()
    if args.json:
        print(json.dumps(data(), indent=2, ensure_ascii=False))
    else:
        print(text())
