"""The command line, for every command that needs no GUI (``python -m explorer``).

Each command is a small handler over the same seam the GUI asks (``explorer.estate``).
Bad input and bad usage print one line and exit 2; there is never a traceback for either.
"""

from __future__ import annotations

import difflib
import sys
from collections.abc import Sequence
from pathlib import Path

from explorer.cli.exits import EXIT_BAD_INPUT, EXIT_GAPS, EXIT_OK, PROG, reported, say_problems
from explorer.cli.parser import COMMANDS, GUI_COMMANDS, OneLineParser, build_parser
from explorer.cli.scope_grammar import SCOPED, split_scope

__all__ = [
    "COMMANDS",
    "EXIT_BAD_INPUT",
    "EXIT_GAPS",
    "EXIT_OK",
    "GUI_COMMANDS",
    "PROG",
    "OneLineParser",
    "build_parser",
    "looks_like_source",
    "main",
    "reported",
    "say_problems",
]


def looks_like_source(text: str) -> bool:
    """A file or folder that exists, or a name that looks like a path or an endpoint: not
    a misspelt command."""
    path = Path(text)
    if path.exists() or text.lower().startswith("sparql+") or "/" in text:
        return True
    if not path.suffix:  # a misspelt command is answered without loading the readers
        return False
    from explorer.formats.registry import by_extension

    known = by_extension(path)
    return known is not None and known.readable


def unknown_command(word: str) -> str | None:
    """What is wrong with a first word that is no command (and no option), or None."""
    if word.startswith("-") or word in COMMANDS:
        return None
    if looks_like_source(word):
        return f"{word!r} is a source, not a command: name the command first ({PROG} gaps {word})"
    close = difflib.get_close_matches(word, COMMANDS, n=1, cutoff=0.5)
    hint = f"did you mean {close[0]!r}?" if close else f"the commands are {', '.join(COMMANDS)}"
    return f"unknown command {word!r}; {hint} (see --help)"


def main(argv: Sequence[str] | None = None, background: bool = False) -> int:
    """Run one command; returns the exit code. ``background``: keep what it loaded and
    worked out for the next command in a process of its own, once it has answered (the
    installed command does; a caller that runs several commands in one process does not)."""
    words = list(sys.argv[1:] if argv is None else argv)
    wrong = unknown_command(words[0]) if words else None
    if wrong is not None:
        print(f"{PROG}: error: {wrong}", file=sys.stderr)
        return EXIT_BAD_INPUT
    parser = build_parser()
    args = parser.parse_args(words)
    if args.command is None:
        parser.print_help()
        return EXIT_OK
    if args.command in SCOPED:
        split_scope(args)
        if bool(args.nodes) == bool(args.program):  # refused before anything is loaded
            parser.error(
                "name NODEs or --program, not both"
                if args.program
                else "name a NODE (or several), or --program ID"
            )
    if args.command == "cache":  # the cache folder: no engine needed
        from explorer.cli.cache_command import show_or_clear

        return show_or_clear(args)
    from explorer.cli.commands import HANDLERS  # the engine loads here
    from explorer.cli.running import remember_opened

    def answer() -> int:
        code = int(HANDLERS[args.command](args))
        remember_opened(background)
        return code

    return reported(answer)
