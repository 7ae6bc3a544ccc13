"""The pieces every command's grammar is made of: one-line errors, sources, endpoints,
outputs, filters, and the checks of numbers and names."""

from __future__ import annotations

import argparse
from functools import cache
from pathlib import Path
from typing import NoReturn

from explorer.cli.exits import EXIT_BAD_INPUT

__all__ = [
    "OneLineParser",
    "add_endpoint",
    "add_filter_options",
    "add_json",
    "add_keep_going",
    "add_output",
    "add_sources",
    "confidence",
    "depth",
    "evidence",
    "positive",
]


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


def confidence(text: str) -> object:
    """A confidence level by name (the engine is imported for a command that asks)."""
    from explorer.statements import Confidence, parse_confidence

    try:
        return parse_confidence(text, tuple(Confidence))
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def evidence(text: str) -> tuple[str, ...]:
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


def add_sources(parser: argparse.ArgumentParser, required: bool = False) -> None:
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
    add_keep_going(parser)


def add_keep_going(parser: argparse.ArgumentParser) -> None:
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


def add_endpoint(parser: argparse.ArgumentParser, flag: str = "--endpoint") -> None:
    parser.add_argument(
        flag,
        dest="endpoint",
        metavar="URL",
        help="ask this SPARQL endpoint instead of reading files (credentials: see the README)",
    )
    parser.add_argument("--graph", metavar="IRI", help="the endpoint's named graph to ask")


def add_json(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON")


def add_output(parser: argparse.ArgumentParser) -> None:
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
