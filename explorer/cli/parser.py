"""The command line's grammar: every command, its arguments and their help."""

from __future__ import annotations

import argparse
from functools import cache
from pathlib import Path
from typing import NoReturn

from explorer import __version__
from explorer.cli.exits import EXIT_BAD_INPUT, EXIT_GAPS, PROG

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
ROSTER_FORMATS = ("csv", "md")


@cache
def _engine_words() -> dict[str, str]:
    """The engine's names a help text lists; imported only when help is printed, so that
    a command line that asks for none starts without the engine."""
    from explorer.domain.kinds import KINDS
    from explorer.domain.relations import EVIDENCE
    from explorer.domain.tiers import TIERS
    from explorer.formats.registry import READABLE, written_extensions
    from explorer.statements import Confidence

    return {
        "kinds": ", ".join(KINDS),
        "formats": ", ".join(written_extensions()),
        "confidences": " > ".join(Confidence),
        "tiers": ", ".join(map(str, TIERS)),
        "readable": READABLE,
        "evidence": ", ".join(EVIDENCE),
    }


class _Help(argparse.HelpFormatter):
    """Fills ``{kinds}``, ``{formats}``, ``{confidences}`` and ``{tiers}`` in help texts."""

    def _get_help_string(self, action: argparse.Action) -> str | None:
        text = super()._get_help_string(action)
        return text.format_map(_engine_words()) if text and "{" in text else text


def _confidence(text: str) -> object:
    """A confidence level by name (the engine is imported for a command that asks)."""
    from explorer.statements import Confidence, parse_confidence

    try:
        return parse_confidence(text, tuple(Confidence))
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _evidence(text: str) -> tuple[str, ...]:
    """Kinds of evidence by name, comma-separated: ``declared,deployed``."""
    from explorer.domain.relations import EVIDENCE

    names = tuple(n.strip().casefold() for n in text.split(",") if n.strip())
    wrong = [n for n in names if n not in EVIDENCE]
    if wrong or not names:
        raise argparse.ArgumentTypeError(
            f"{', '.join(wrong) or 'nothing'} is not a kind of evidence: "
            f"name some of {', '.join(EVIDENCE)}"
        )
    return names


class OneLineParser(argparse.ArgumentParser):
    """argparse that reports a usage error in one line, as every other error."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("formatter_class", _Help)
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: error: {message} (see --help)\n")


def _sources(parser: argparse.ArgumentParser, required: bool = False) -> None:
    more = (
        ""
        if required
        else ", or a SPARQL endpoint (sparql+https://host/path); none means the bundled sample"
    )
    parser.add_argument(
        "sources",
        nargs="+" if required else "*",
        default=None if required else [],  # "*" without a default is reported as required
        metavar="SOURCE",
        help="files or folders ({readable})" + more.replace("{", "{{").replace("}", "}}"),
    )
    _keep_going(parser)


def _keep_going(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--keep-going",
        action="store_true",
        help="answer from everything that loads; say each problem on stderr",
    )
    parser.add_argument(
        "--no-cache",
        action="store_true",
        help="read the files afresh, and keep nothing in the cache folder "
        "(see 'infra-explorer cache')",
    )


def _endpoint(parser: argparse.ArgumentParser, flag: str = "--endpoint") -> None:
    parser.add_argument(
        flag,
        dest="endpoint",
        metavar="URL",
        help="ask this SPARQL endpoint instead of reading files (credentials: see the README)",
    )
    parser.add_argument("--graph", metavar="IRI", help="the endpoint's named graph to ask")


def _json(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON")


def _output(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        metavar="OUT",
        help="file to write; its extension picks the format ({formats})",
    )


def positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number, 1 or more, not {text!r}")
    return int(text)


def depth(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be a whole number, 0 or more, not {text!r}")
    return value


def add_filter_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("filters (each a comma-separated list; all must match)")
    group.add_argument("--kinds", metavar="KIND,...", help="keep these kinds ({kinds})")
    group.add_argument(
        "--relations",
        metavar="RELATION,...",
        help='keep only these relations ("depends on", "uses vendor", ... or depends_on)',
    )
    group.add_argument("--owner", metavar="TEAM,...", help="keep what these teams own (id or name)")
    group.add_argument("--tier", metavar="N,...", help="keep these tiers ({tiers})")


def _add_walks(commands: argparse._SubParsersAction[OneLineParser]) -> None:
    for name, help_text in (
        ("blast-radius", "what is affected if NODE fails, and the teams to tell"),
        ("upstream", "what NODE needs, all the way down, and whose it is"),
    ):
        command = commands.add_parser(name, help=help_text)
        command.add_argument("node", metavar="NODE", help="an IRI, prefix:name, id or label")
        _sources(command)
        output = command.add_mutually_exclusive_group()
        output.add_argument("--json", action="store_true", help="print JSON")
        output.add_argument(
            "--roster",
            choices=ROSTER_FORMATS,
            help="print the teams to tell, with contacts and members, as CSV or Markdown",
        )
        command.add_argument("--depth", type=depth, metavar="N", help="at most N steps away")
        command.add_argument(
            "--min-confidence",
            type=_confidence,
            metavar="LEVEL",
            help="leave out what is reached only through facts less sure than this "
            "({confidences}; default: keep everything)",
        )
        counted = command.add_mutually_exclusive_group()
        counted.add_argument(
            "--evidence",
            type=_evidence,
            metavar="KINDS",
            help="walk only relations of these kinds of evidence, comma-separated "
            "({evidence}: catalogs and estates, deploy files, traffic; default: all)",
        )
        counted.add_argument(
            "--declared-only",
            dest="evidence",
            action="store_const",
            const=("declared",),
            help="the same as --evidence declared: leave out what deploy files wire and "
            "calls seen in traffic, and what only they reach",
        )
        _endpoint(command)


def _add_questions(commands: argparse._SubParsersAction[OneLineParser]) -> None:
    find = commands.add_parser("search", help="find nodes by any word about them")
    find.add_argument(
        "query",
        metavar="QUERY",
        help='words (all must match), "a phrase", prefix*, or a field: kind:vendor, '
        'owner:"Payments Core", tier:1',
    )
    _add_walks(commands)
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
        _sources(command)
        _json(command)
        _endpoint(command)


def _add_writers(commands: argparse._SubParsersAction[OneLineParser]) -> None:
    imp = commands.add_parser("import", help="convert sources into one RDF file")
    _sources(imp, required=True)
    _output(imp)
    add_filter_options(imp)
    snap = commands.add_parser("snapshot", help="write the loaded graph to a file")
    _sources(snap)
    _output(snap)
    _endpoint(snap, "--from")
    add_filter_options(snap)
    compare = commands.add_parser("diff", help="what changed between two snapshots or sources")
    compare.add_argument(
        "old", type=Path, metavar="OLD", help="the earlier snapshot (file or folder)"
    )
    compare.add_argument(
        "new", type=Path, metavar="NEW", help="the later snapshot (file or folder)"
    )
    _json(compare)
    _keep_going(compare)
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
