"""One handler per command: open the estate the sources name, ask it, print the answer.

Every handler asks an ``explorer.estate.Estate``, the same seam the app asks, so a
command answers the same for files and for a SPARQL endpoint.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from dataclasses import replace

from explorer.analysis import Reach
from explorer.analysis.evidence import ALL_EVIDENCE
from explorer.analysis.programs import Program
from explorer.brief import Asked, Since, check_brief, gather, write_brief
from explorer.cli.exits import EXIT_BAD_INPUT, EXIT_GAPS, EXIT_OK, PROG
from explorer.cli.filtering import filter_from
from explorer.domain.clock import today
from explorer.domain.progress import Step
from explorer.domain.relations import Evidence
from explorer.domain.vocab import id_from_iri
from explorer.estate import Estate, open_estate
from explorer.export import check_target
from explorer.report import (
    cycles_json,
    cycles_text,
    details_json,
    details_text,
    diff_text,
    gaps_json,
    gaps_text,
    reach_json,
    reach_text,
    roster_csv,
    roster_markdown,
    search_json,
    search_text,
    spof_json,
    spof_text,
)
from explorer.report.programs import programs_json, programs_text
from explorer.report.questions import questions_json, questions_text
from explorer.views.filters import Filter, filtered_reach

__all__ = ["HANDLERS", "remember_opened"]

Handler = Callable[[argparse.Namespace], int]


class _Notices:
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


_notices = _Notices()


def _open(args: argparse.Namespace, sources: list[str] | None = None) -> Estate:
    """The estate the command's sources (or ``--endpoint``/``--from``) name; with
    ``--keep-going``, each problem is said and the answer called partial."""
    estate = open_estate(
        args.sources if sources is None else sources,
        _notices,
        getattr(args, "endpoint", None),
        getattr(args, "graph", None),
        args.keep_going,
        cache=not args.no_cache,
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


def remember_opened() -> None:
    """Keep what this command worked out of its estates for the next one (warm starts)."""
    for estate in _opened:
        estate.remember()
    _opened.clear()


def _print(args: argparse.Namespace, data: Callable[[], object], text: Callable[[], str]) -> None:
    """The answer as JSON or as text: only the one asked for is made (a hub's blast
    radius is 85,000 rows at 100,000 services)."""
    _notices.finish()
    if args.json:
        print(json.dumps(data(), indent=2, ensure_ascii=False))
    else:
        print(text())


def _search(args: argparse.Namespace) -> int:
    hits = _open(args).search(args.query, args.limit, _notices)
    _print(args, lambda: search_json(args.query, hits), lambda: search_text(args.query, hits))
    return EXIT_OK


_ROSTERS = {"csv": roster_csv, "md": roster_markdown}


def _print_reach(args: argparse.Namespace, answer: Reach) -> None:
    if args.roster:
        _notices.finish()
        sys.stdout.write(_ROSTERS[args.roster](answer))
    else:
        _print(args, lambda: reach_json(answer), lambda: reach_text(answer))


def _sure_enough(args: argparse.Namespace, answer: Reach) -> Reach:
    """What ``--min-confidence`` keeps."""
    floor = args.min_confidence or Filter().confidence
    return filtered_reach(answer, Filter(confidence=floor), {})


def _counted(args: argparse.Namespace) -> frozenset[Evidence]:
    """The kinds of evidence ``--evidence`` (or ``--declared-only``) counts; all by default."""
    return frozenset(map(Evidence, args.evidence)) if args.evidence else ALL_EVIDENCE


def _scope(args: argparse.Namespace, estate: Estate) -> tuple[list[str], Program | None]:
    """The IRIs a command asks about (its NODEs, or ``--program``'s changes), and the
    program when one was named."""
    if args.program:  # the grammar took NODEs or a program, not both
        program = estate.program(args.program)
        return [e.iri for e in program.changes], program
    return [str(estate.resolve(node)) for node in args.nodes], None


def _walked(args: argparse.Namespace, ask: Callable[[Estate], Callable[..., Reach]]) -> int:
    """Blast radius or upstream of the command's scope, printed as asked."""
    estate = _open(args)
    nodes, program = _scope(args, estate)
    answer = ask(estate)(nodes, args.depth, _notices, _counted(args))
    if program is not None:
        answer = replace(answer, program=program.entity)
    _print_reach(args, _sure_enough(args, answer))
    return EXIT_OK


def _blast_radius(args: argparse.Namespace) -> int:
    return _walked(args, lambda estate: estate.blast_radius)


def _upstream(args: argparse.Namespace) -> int:
    return _walked(args, lambda estate: estate.upstream)


def _programs(args: argparse.Namespace) -> int:
    found = _open(args).programs(_notices)
    _print(args, lambda: programs_json(found), lambda: programs_text(found))
    return EXIT_OK


def _questions(args: argparse.Namespace) -> int:
    estate = _open(args)
    found = [q for q in estate.questions(_notices) if q.open or not args.open]
    if args.about:
        about = str(estate.resolve(args.about))
        found = [q for q in found if about in q.about]
    if args.assignee:
        asked = str(estate.resolve(args.assignee))
        found = [q for q in found if q.assignee == asked]
    on = today()
    _print(args, lambda: questions_json(found, on), lambda: questions_text(found, id_from_iri, on))
    return EXIT_OK


def _show(args: argparse.Namespace) -> int:
    estate = _open(args)
    details = estate.details(estate.resolve(args.node), _notices)
    _print(args, lambda: details_json(details), lambda: details_text(details))
    return EXIT_OK


def _gaps(args: argparse.Namespace) -> int:
    found = _open(args).gaps(_notices)
    _print(args, lambda: gaps_json(found), lambda: gaps_text(found))
    return EXIT_GAPS if found and args.fail_on_gaps else EXIT_OK


def _cycles(args: argparse.Namespace) -> int:
    found = _open(args).cycles(_notices)
    _print(args, lambda: cycles_json(found), lambda: cycles_text(found))
    return EXIT_OK


def _spof(args: argparse.Namespace) -> int:
    points = _open(args).single_points_of_failure(_notices)
    shown = points[: args.limit]
    _print(args, lambda: spof_json(shown), lambda: spof_text(shown, len(points)))
    return EXIT_OK


def _write(args: argparse.Namespace) -> int:
    check_target(args.output)  # before the work of opening
    estate = _open(args)
    written = estate.export(args.output, _notices, filter_from(args, estate))
    _notices.finish()
    print(f"wrote {written.triples} triples ({written.entities} entities) to {written.path}")
    return EXIT_OK


def _diff(args: argparse.Namespace) -> int:
    old, new = _open(args, [args.old]), _open(args, [args.new])
    changes = new.changes_since(old)
    _print(
        args, lambda: changes.to_json(), lambda: diff_text(str(args.old), str(args.new), changes)
    )
    return EXIT_OK


def _brief(args: argparse.Namespace) -> int:
    check_brief(args.output)  # before the work of opening
    estate = _open(args)
    check_brief(args.output, estate.inputs)
    nodes, program = _scope(args, estate)
    since = None
    if args.since:
        since = Since(args.since, estate.changes_since(_open(args, [args.since])))
    asked = Asked(tuple(nodes), program, args.depth, _counted(args), args.min_confidence, since)
    written = write_brief(gather(estate, asked, _notices), args.output, _notices)
    _notices.finish()
    print(f"wrote the brief to {written}")
    return EXIT_OK


def _needs_gui(args: argparse.Namespace) -> int:
    print(
        f"{PROG}: error: '{args.command}' needs the desktop app: run it as "
        f"'{PROG} {args.command}' with PySide6 installed",
        file=sys.stderr,
    )
    return EXIT_BAD_INPUT


HANDLERS: dict[str, Handler] = {
    "search": _search,
    "blast-radius": _blast_radius,
    "upstream": _upstream,
    "brief": _brief,
    "programs": _programs,
    "show": _show,
    "gaps": _gaps,
    "questions": _questions,
    "cycles": _cycles,
    "spof": _spof,
    "import": _write,
    "snapshot": _write,
    "diff": _diff,
    "gui": _needs_gui,
    "screenshot": _needs_gui,
}
