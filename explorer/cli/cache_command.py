"""``infra-explorer cache``: the cache folder's size, or clearing it; it needs no engine,
so it answers as quickly as ``--help``."""

from __future__ import annotations

import argparse

from explorer.cli.exits import EXIT_OK
from explorer.files.caches import clear, usage

__all__ = ["show_or_clear"]


def show_or_clear(args: argparse.Namespace) -> int:
    if args.action == "clear":
        removed = clear()
        print(
            f"removed {removed.entries} entries ({_megabytes(removed.size)}) from {removed.folder}"
        )
        return EXIT_OK
    now = usage()
    print(f"{now.folder}: {now.entries} entries, {_megabytes(now.size)} of {_megabytes(now.limit)}")
    return EXIT_OK


def _megabytes(size: int) -> str:
    return f"{size / 1048576:,.1f} MB"
