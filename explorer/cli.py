"""The command line of DESIGN.md, for every command that needs no GUI.

Each command is a small handler over the same core functions the GUI calls. Bad input
and bad usage print one line and exit 2; there is never a traceback for either.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn

from rdflib import Graph, URIRef

from explorer import __version__
from explorer.analysis import Reach, blast_radius, ownership_gaps, upstream
from explorer.diff import diff
from explorer.errors import InputError
from explorer.export import WRITERS, dump
from explorer.ingest import LoadResult, load
from explorer.lookup import resolve_node
from explorer.model import entities
from explorer.provenance import provenance_of
from explorer.remote.endpoint import endpoint_among
from explorer.remote.estate import RemoteEstate, snapshot_of
from explorer.report import (
    diff_text,
    gaps_json,
    gaps_text,
    reach_json,
    reach_text,
    search_json,
    search_text,
)
from explorer.search import search
from explorer.search.cache import sources_key

__all__ = ["COMMANDS", "GUI_COMMANDS", "OneLineParser", "build_parser", "main"]

PROG = "infra-explorer"
GUI_COMMANDS = ("gui", "screenshot")
COMMANDS = (
    "search",
    "blast-radius",
    "upstream",
    "gaps",
    "import",
    "snapshot",
    "diff",
    *GUI_COMMANDS,
)
EXIT_OK, EXIT_GAPS, EXIT_BAD_INPUT = 0, 1, 2

Handler = Callable[[argparse.Namespace], int]


class OneLineParser(argparse.ArgumentParser):
    """argparse that reports a usage error in one line, as every other error."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: error: {message} (see --help)\n")


def _sources(parser: argparse.ArgumentParser, required: bool = False) -> None:
    parser.add_argument(
        "sources",
        nargs="+" if required else "*",
        metavar="SOURCE",
        help="files or folders (Turtle, N-Triples, JSON-LD, RDF/XML, TriG, YAML, CSV)"
        + (
            ""
            if required
            else ", or a SPARQL endpoint (sparql+https://host/path); none means "
            "the bundled sample graph"
        ),
    )


def _endpoint_options(parser: argparse.ArgumentParser, flag: str = "--endpoint") -> None:
    parser.add_argument(
        flag,
        dest="endpoint",
        metavar="URL",
        help="ask this SPARQL endpoint instead of reading files (credentials: see the README)",
    )
    parser.add_argument("--graph", metavar="IRI", help="the endpoint's named graph to ask")


def _output(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        metavar="OUT",
        help=f"file to write; its extension picks the format ({', '.join(WRITERS)})",
    )


def build_parser() -> argparse.ArgumentParser:
    """The whole command line; ``ui`` reuses it so both entry points agree."""
    parser = OneLineParser(
        prog=PROG, description="Infra Context Explorer: the context of an estate."
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=OneLineParser)

    imp = commands.add_parser("import", help="convert sources into one RDF file")
    _sources(imp, required=True)
    _output(imp)
    imp.set_defaults(handler=_write_graph)

    snap = commands.add_parser("snapshot", help="write the loaded graph to a file")
    _sources(snap)
    _output(snap)
    _endpoint_options(snap, "--from")
    snap.set_defaults(handler=_write_graph)

    find = commands.add_parser("search", help="find nodes by any word about them")
    find.add_argument(
        "query",
        metavar="QUERY",
        help='words (all must match), "a phrase", prefix*, or a field: kind:vendor, '
        'owner:"Payments Core", tier:1',
    )
    _sources(find)
    find.add_argument("--json", action="store_true", help="print JSON")
    find.add_argument("--limit", type=_positive, default=20, metavar="N", help="at most N hits")
    _endpoint_options(find)
    find.set_defaults(handler=_search)

    for name, walk, help_text in (
        ("blast-radius", blast_radius, "what is affected if NODE fails, and the teams to tell"),
        ("upstream", upstream, "what NODE needs, all the way down, and whose it is"),
    ):  # RemoteEstate has a method of each walk's name
        command = commands.add_parser(name, help=help_text)
        command.add_argument("node", metavar="NODE", help="an IRI, prefix:name, id or label")
        _sources(command)
        command.add_argument("--json", action="store_true", help="print JSON")
        command.add_argument("--depth", type=_depth, metavar="N", help="at most N steps away")
        _endpoint_options(command)
        command.set_defaults(handler=_reach_handler(walk))

    compare = commands.add_parser("diff", help="what changed between two snapshots or sources")
    compare.add_argument(
        "old", type=Path, metavar="OLD", help="the earlier snapshot (file or folder)"
    )
    compare.add_argument(
        "new", type=Path, metavar="NEW", help="the later snapshot (file or folder)"
    )
    compare.add_argument("--json", action="store_true", help="print JSON")
    compare.set_defaults(handler=_diff)

    gaps = commands.add_parser("gaps", help="ownership gaps, most impact first")
    _sources(gaps)
    gaps.add_argument("--json", action="store_true", help="print JSON")
    gaps.add_argument(
        "--fail-on-gaps", action="store_true", help="exit 1 if any gap is found (for CI)"
    )
    _endpoint_options(gaps)
    gaps.set_defaults(handler=_gaps)

    for name in GUI_COMMANDS:
        gui = commands.add_parser(name, help="the desktop app (needs PySide6)")
        gui.add_argument("rest", nargs=argparse.REMAINDER)
        gui.set_defaults(handler=_needs_gui)
    return parser


def _warn(result: LoadResult) -> None:
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)


def _refuse_overwriting_inputs(output: Path, named: Sequence[str], result: LoadResult) -> None:
    target = output.resolve()
    inputs = [Path(p).resolve() for p in named] + [s.path.resolve() for s in result.sources]
    if target in inputs:
        raise InputError(output, None, "is one of the inputs; refusing to overwrite it")


def _write_graph(args: argparse.Namespace) -> int:
    if args.output.suffix.lower() not in WRITERS:
        known = ", ".join(WRITERS)
        raise InputError(args.output, None, f"unknown output format; use one of {known}")
    remote = _remote(args)
    if remote is not None:
        graph, provenance = snapshot_of(remote, _copying_notice)
        if sys.stderr.isatty():
            print(file=sys.stderr)  # end the progress line
        dump(graph, args.output, provenance)
    else:
        result = load(args.sources)
        _warn(result)
        _refuse_overwriting_inputs(args.output, args.sources, result)
        graph = result.graph
        dump(graph, args.output, provenance_of(result))
    count = len(entities(graph))
    print(f"wrote {len(graph)} triples ({count} entities) to {args.output}")
    return EXIT_OK


def _remote(args: argparse.Namespace) -> RemoteEstate | None:
    """The endpoint the command asks, if it names one, among its sources or by option."""
    endpoint = endpoint_among(
        args.sources, getattr(args, "endpoint", None), getattr(args, "graph", None)
    )
    return RemoteEstate(endpoint) if endpoint is not None else None


def _copying_notice(step: str, done: int, total: int) -> None:
    if sys.stderr.isatty():
        print(f"\r{step}: {done}/{total} triples", end="", file=sys.stderr)


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number, 1 or more, not {text!r}")
    return int(text)


def _depth(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be a whole number, 0 or more, not {text!r}")
    return value


def _print_json(data: object) -> None:
    print(json.dumps(data, indent=2, ensure_ascii=False))


def _reach_handler(walk: Callable[[Graph, URIRef, int | None], Reach]) -> Handler:
    def handler(args: argparse.Namespace) -> int:
        remote = _remote(args)
        if remote is not None:
            ask = getattr(remote, walk.__name__)
            answer = ask(remote.resolve(args.node), args.depth)
        else:
            result = load(args.sources)
            _warn(result)
            answer = walk(result.graph, resolve_node(result.graph, args.node), args.depth)
        if args.json:
            _print_json(reach_json(answer))
        else:
            print(reach_text(answer))
        return EXIT_OK

    return handler


def _indexing_notice(done: int, total: int) -> None:
    if done == total and total and sys.stderr.isatty():
        print(f"indexed {total} nodes for search", file=sys.stderr)


def _search(args: argparse.Namespace) -> int:
    remote = _remote(args)
    if remote is not None:
        hits = remote.search(args.query, args.limit)
    else:
        result = load(args.sources)
        _warn(result)
        key = sources_key([s.sha256 for s in result.sources])
        hits = search(result.graph, args.query, args.limit, progress=_indexing_notice, key=key)
    if args.json:
        _print_json(search_json(args.query, hits))
    else:
        print(search_text(args.query, hits))
    return EXIT_OK


def _diff(args: argparse.Namespace) -> int:
    old, new = load([args.old]), load([args.new])
    _warn(old)
    _warn(new)
    changes = diff(old.graph, new.graph)
    if args.json:
        _print_json(changes.to_json())
    else:
        print(diff_text(str(args.old), str(args.new), changes))
    return EXIT_OK


def _gaps(args: argparse.Namespace) -> int:
    remote = _remote(args)
    if remote is not None:
        found = remote.gaps()
    else:
        result = load(args.sources)
        _warn(result)
        found = ownership_gaps(result.graph)
    if args.json:
        _print_json(gaps_json(found))
    else:
        print(gaps_text(found))
    return EXIT_GAPS if found and args.fail_on_gaps else EXIT_OK


def _needs_gui(args: argparse.Namespace) -> int:
    print(
        f"{PROG}: error: '{args.command}' needs the desktop app: run it as "
        f"'{PROG} {args.command}' with PySide6 installed",
        file=sys.stderr,
    )
    return EXIT_BAD_INPUT


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
