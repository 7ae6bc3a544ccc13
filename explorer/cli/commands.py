"""One handler per command: open the estate the sources name, ask it, print the answer.

Every handler asks an ``explorer.estate.Estate``, the same seam the app asks, so a
command answers the same for files and for a SPARQL endpoint.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import replace

from explorer.analysis import Reach
from explorer.analysis.evidence import ALL_EVIDENCE
from explorer.analysis.programs import Program
from explorer.cli.exits import EXIT_BAD_INPUT, EXIT_GAPS, EXIT_OK, PROG
from explorer.cli.filtering import filter_from
from explorer.cli.running import notices, open_sources, print_answer
from explorer.domain.clock import today
from explorer.domain.errors import InputError
from explorer.domain.kinds import Kind
from explorer.domain.relations import Evidence
from explorer.domain.vocab import id_from_iri
from explorer.estate import Estate
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

__all__ = ["HANDLERS"]

Handler = Callable[[argparse.Namespace], int]


def _search(args: argparse.Namespace) -> int:
    hits = open_sources(args).search(args.query, args.limit, notices)
    print_answer(args, lambda: search_json(args.query, hits), lambda: search_text(args.query, hits))
    return EXIT_OK


_ROSTERS = {"csv": roster_csv, "md": roster_markdown}


def _print_reach(args: argparse.Namespace, answer: Reach) -> None:
    if args.roster:
        notices.finish()
        sys.stdout.write(_ROSTERS[args.roster](answer))
    else:
        print_answer(args, lambda: reach_json(answer), lambda: reach_text(answer))


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
    else:
        named = [str(estate.resolve(node)) for node in args.nodes]
        if len(named) != 1:
            return named, None
        try:  # a program named as the node: what it changes
            program = estate.program(named[0])
        except InputError:  # no program (or one that changes nothing): the node itself
            return named, None
    for change in program.changes:
        if change.kind is Kind.PLACEHOLDER:
            print(
                f"warning: {program.entity.id} changes {change.id}, which no source defines",
                file=sys.stderr,
            )
    return [e.iri for e in program.changes], program


def _walked(args: argparse.Namespace, ask: Callable[[Estate], Callable[..., Reach]]) -> int:
    """Blast radius or upstream of the command's scope, printed as asked."""
    estate = open_sources(args)
    nodes, program = _scope(args, estate)
    answer = ask(estate)(nodes, args.depth, notices, _counted(args))
    if program is not None:
        answer = replace(answer, program=program.entity)
    _print_reach(args, _sure_enough(args, answer))
    return EXIT_OK


def _blast_radius(args: argparse.Namespace) -> int:
    return _walked(args, lambda estate: estate.blast_radius)


def _upstream(args: argparse.Namespace) -> int:
    return _walked(args, lambda estate: estate.upstream)


def _programs(args: argparse.Namespace) -> int:
    found = open_sources(args).programs(notices)
    print_answer(args, lambda: programs_json(found), lambda: programs_text(found, args.sources))
    return EXIT_OK


def _questions(args: argparse.Namespace) -> int:
    estate = open_sources(args)
    found = [q for q in estate.questions(notices) if q.open or not args.open]
    if args.about:
        about = str(estate.resolve(args.about))
        found = [q for q in found if about in q.about]
    if args.assignee:
        asked = str(estate.resolve(args.assignee))
        found = [q for q in found if q.assignee == asked]
    on = today()
    print_answer(
        args, lambda: questions_json(found, on), lambda: questions_text(found, id_from_iri, on)
    )
    return EXIT_OK


def _show(args: argparse.Namespace) -> int:
    estate = open_sources(args)
    details = estate.details(estate.resolve(args.node), notices)
    print_answer(args, lambda: details_json(details), lambda: details_text(details))
    return EXIT_OK


def _gaps(args: argparse.Namespace) -> int:
    found = open_sources(args).gaps(notices)
    print_answer(args, lambda: gaps_json(found), lambda: gaps_text(found))
    return EXIT_GAPS if found and args.fail_on_gaps else EXIT_OK


def _cycles(args: argparse.Namespace) -> int:
    found = open_sources(args).cycles(notices)
    print_answer(args, lambda: cycles_json(found), lambda: cycles_text(found))
    return EXIT_OK


def _spof(args: argparse.Namespace) -> int:
    points = open_sources(args).single_points_of_failure(notices)
    shown = points[: args.limit]
    print_answer(args, lambda: spof_json(shown), lambda: spof_text(shown, len(points)))
    return EXIT_OK


def _write(args: argparse.Namespace) -> int:
    check_target(args.output)  # before the work of opening
    estate = open_sources(args)
    written = estate.export(args.output, notices, filter_from(args, estate))
    notices.finish()
    print(f"wrote {written.triples} triples ({written.entities} entities) to {written.path}")
    return EXIT_OK


def _diff(args: argparse.Namespace) -> int:
    old, new = open_sources(args, [args.old]), open_sources(args, [args.new])
    changes = new.changes_since(old)
    print_answer(
        args, lambda: changes.to_json(), lambda: diff_text(str(args.old), str(args.new), changes)
    )
    return EXIT_OK


def _brief(args: argparse.Namespace) -> int:
    from explorer.brief import Asked, Since, check_brief, gather, write_brief  # only here

    check_brief(args.output)  # before the work of opening
    estate = open_sources(args)
    check_brief(args.output, estate.inputs)
    nodes, program = _scope(args, estate)
    since = None
    if args.since:
        since = Since(args.since, estate.changes_since(open_sources(args, [args.since])))
    asked = Asked(tuple(nodes), program, args.depth, _counted(args), args.min_confidence, since)
    written = write_brief(gather(estate, asked, notices), args.output, notices)
    notices.finish()
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
