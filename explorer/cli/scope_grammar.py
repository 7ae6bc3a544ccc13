"""The grammar of the commands asked of a scope (one node, several, or a program's
changes): blast radius, upstream and the brief; and ``programs``, which lists the scopes
an estate keeps.

Their words are ``NODE... [SOURCE...]``: the first word that names a source (a file or
folder that exists, an endpoint, a readable file's name, a folder's path ending in ``/``)
and every word after it are the sources; the words before are the nodes. An IRI is a node
even though it holds slashes.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from explorer.cli.grammar import (
    OneLineParser,
    add_endpoint,
    add_json,
    add_keep_going,
    add_sources,
    confidence,
    depth,
    evidence,
)

__all__ = ["ROSTER_FORMATS", "SCOPED", "add_scoped", "names_a_source", "split_scope"]

ROSTER_FORMATS = ("csv", "md")
SCOPED = ("blast-radius", "upstream", "brief")  # the commands whose words are NODE... SOURCE...
_WORDS_HELP = (
    "the nodes (IRI, prefix:name, id or label), then the sources: files or folders "
    "({readable}), or a SPARQL endpoint (sparql+https://host/path); no source means the "
    "bundled sample"
)


def names_a_source(word: str) -> bool:
    """Whether a word of ``NODE... SOURCE...`` starts the sources."""
    if "://" in word and not word.lower().startswith("sparql+"):
        return False  # an IRI: a node
    if word.lower().startswith("sparql+") or word.endswith(("/", "\\")) or Path(word).exists():
        return True
    from explorer.formats.registry import by_extension

    known = by_extension(word)
    return known is not None and known.readable


def split_scope(args: argparse.Namespace) -> None:
    """Set ``args.nodes`` and ``args.sources`` from ``args.words``."""
    words: list[str] = args.words
    first = next((i for i, word in enumerate(words) if names_a_source(word)), len(words))
    args.nodes, args.sources = words[:first], words[first:]


def _scope(command: argparse.ArgumentParser) -> None:
    command.add_argument("words", nargs="*", metavar="NODE|SOURCE", help=_WORDS_HELP)
    command.add_argument(
        "--program", metavar="ID", help="ask about what this program changes (see 'programs')"
    )
    add_keep_going(command)
    add_endpoint(command)


def _walk_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("--depth", type=depth, metavar="N", help="at most N steps away")
    command.add_argument(
        "--min-confidence",
        type=confidence,
        metavar="LEVEL",
        help="leave out what is reached only through facts less sure than this "
        "({confidences}; default: keep everything)",
    )
    counted = command.add_mutually_exclusive_group()
    counted.add_argument(
        "--evidence",
        type=evidence,
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


def add_scoped(commands: argparse._SubParsersAction[OneLineParser]) -> None:
    """``blast-radius``, ``upstream``, ``brief`` and ``programs``."""
    for name, help_text in (
        ("blast-radius", "what is affected if the NODEs fail, and the teams to tell"),
        ("upstream", "what the NODEs need, all the way down, and whose it is"),
    ):
        command = commands.add_parser(
            name, help=help_text, usage="%(prog)s (NODE... | --program ID) [SOURCE...] [options]"
        )
        _scope(command)
        output = command.add_mutually_exclusive_group()
        output.add_argument("--json", action="store_true", help="print JSON")
        output.add_argument(
            "--roster",
            choices=ROSTER_FORMATS,
            help="print the teams to tell (contacts, members, why) and what nobody answers "
            "for, as CSV or Markdown",
        )
        _walk_options(command)
    _add_brief(commands)
    programs = commands.add_parser("programs", help="the programs: what each one changes")
    add_sources(programs)
    add_json(programs)
    add_endpoint(programs)


def _add_brief(commands: argparse._SubParsersAction[OneLineParser]) -> None:
    brief = commands.add_parser(
        "brief",
        help="the page to send: everything the NODEs (or a program) reach, and who to tell",
        usage="%(prog)s (NODE... | --program ID) [SOURCE...] -o OUT [options]",
    )
    _scope(brief)
    brief.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        metavar="OUT",
        help="the file to write: .html (one self-contained page), .md or .pdf",
    )
    brief.add_argument(
        "--since", metavar="SNAPSHOT", help="say what changed since this snapshot (file or folder)"
    )
    _walk_options(brief)
