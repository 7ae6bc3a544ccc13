"""The command line's grammar: every command, its arguments and their help."""

from __future__ import annotations

import argparse
from pathlib import Path

from explorer import __version__
from explorer.cli.exits import EXIT_GAPS, PROG
from explorer.cli.grammar import (
    OneLineParser,
    add_endpoint,
    add_filter_options,
    add_json,
    add_keep_going,
    add_output,
    add_sources,
    positive,
)
from explorer.cli.scope_grammar import ROSTER_FORMATS, add_scoped

__all__ = [
    "COMMANDS",
    "GUI_COMMANDS",
    "ROSTER_FORMATS",
    "OneLineParser",
    "add_filter_options",
    "build_parser",
]

GUI_COMMANDS = ("gui", "screenshot")
COMMANDS = (
    "search",
    "blast-radius",
    "upstream",
    "programs",
    "brief",
    "gaps",
    "show",
    "questions",
    "cycles",
    "spof",
    "import",
    "snapshot",
    "diff",
    "cache",
    *GUI_COMMANDS,
)


def _add_questions(commands: argparse._SubParsersAction[OneLineParser]) -> None:
    find = commands.add_parser("search", help="find nodes by any word about them")
    find.add_argument(
        "query",
        metavar="QUERY",
        help='words (all must match), "a phrase", prefix*, or a field: kind:vendor, '
        'owner:"Payments Core", tier:1',
    )
    add_scoped(commands)
    show = commands.add_parser("show", help="everything about NODE: record, relations, gaps")
    show.add_argument("node", metavar="NODE", help="an IRI, prefix:name, id or label")
    gaps = commands.add_parser("gaps", help="ownership gaps, most impact first")
    gaps.add_argument(
        "--fail-on-gaps", action="store_true", help=f"exit {EXIT_GAPS} if any gap is found (for CI)"
    )
    asked = commands.add_parser("questions", help="the open questions on the graph, and the rest")
    asked.add_argument("--open", action="store_true", help="only the open ones")
    asked.add_argument("--about", metavar="NODE", help="only those about NODE")
    asked.add_argument("--assignee", metavar="TEAM", help="only those asked of TEAM (or person)")
    commands.add_parser("cycles", help="dependency cycles: groups that must bootstrap together")
    spof = commands.add_parser(
        "spof", help="single points of failure between tier-1 services and their needs"
    )
    spof.add_argument("--limit", type=positive, default=20, metavar="N", help="at most N points")
    find.add_argument("--limit", type=positive, default=20, metavar="N", help="at most N hits")
    for command in (find, show, gaps, asked, commands.choices["cycles"], spof):
        add_sources(command)
        add_json(command)
        add_endpoint(command)


def _add_writers(commands: argparse._SubParsersAction[OneLineParser]) -> None:
    imp = commands.add_parser("import", help="convert sources into one RDF file")
    add_sources(imp, required=True)
    add_output(imp)
    add_filter_options(imp)
    snap = commands.add_parser("snapshot", help="write the loaded graph to a file")
    add_sources(snap)
    add_output(snap)
    add_endpoint(snap, "--from")
    add_filter_options(snap)
    compare = commands.add_parser("diff", help="what changed between two snapshots or sources")
    compare.add_argument(
        "old", type=Path, metavar="OLD", help="the earlier snapshot (file or folder)"
    )
    compare.add_argument(
        "new", type=Path, metavar="NEW", help="the later snapshot (file or folder)"
    )
    add_json(compare)
    add_keep_going(compare)
    cache = commands.add_parser(
        "cache", help="the cache folder of warm starts: its size, or clear it"
    )
    cache.add_argument(
        "action", nargs="?", choices=("show", "clear"), default="show", help="default: show"
    )


def build_parser() -> OneLineParser:
    """The whole command line; ``args.command`` names the command to run."""
    parser = OneLineParser(
        prog=PROG, description="Infra Context Explorer: the context of an estate."
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=OneLineParser)
    _add_questions(commands)
    _add_writers(commands)
    for name in GUI_COMMANDS:
        gui = commands.add_parser(name, help="the desktop app (needs PySide6)")
        gui.add_argument("rest", nargs=argparse.REMAINDER)
    return parser
