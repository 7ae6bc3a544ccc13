"""The command line, for every command that needs no GUI (``python -m explorer``).

Each command is a small handler over the same seam the GUI asks (``explorer.estate``).
Bad input and bad usage print one line and exit 2; there is never a traceback for either.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from explorer.cli.commands import EXIT_GAPS, EXIT_OK, HANDLERS
from explorer.cli.parser import COMMANDS, EXIT_BAD_INPUT, GUI_COMMANDS, PROG, OneLineParser
from explorer.cli.parser import build_parser as _build_parser
from explorer.errors import InputError

__all__ = [
    "COMMANDS",
    "EXIT_BAD_INPUT",
    "EXIT_GAPS",
    "EXIT_OK",
    "GUI_COMMANDS",
    "PROG",
    "OneLineParser",
    "build_parser",
    "main",
]


def build_parser() -> OneLineParser:
    """The whole command line; ``ui`` reuses it so both entry points agree."""
    parser = _build_parser(HANDLERS)
    assert isinstance(parser, OneLineParser)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_OK
    try:
        return int(args.handler(args))
    except InputError as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the reader went away (``| head``): not an error of ours
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
