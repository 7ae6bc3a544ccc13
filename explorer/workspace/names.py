"""The view in words: a picture's title and a file name for it, from the window's state."""

from __future__ import annotations

from explorer.analysis import Direction, Reach
from explorer.domain.vocab import id_from_iri
from explorer.report import reach_heading
from explorer.workspace.state import Workspace
from explorer.workspace.view_request import Mode

__all__ = ["reach_file_name", "view_name", "view_title"]

NAMED_CENTRES = 3  # a focus view's file name lists this many centres, then counts the rest


def view_title(state: Workspace) -> str:
    """What the canvas shows, in words (an exported picture's title)."""
    if state.reach is not None:
        title = reach_heading(state.reach)
    elif state.mode is Mode.FOCUS:
        title = f"Within {state.hops} hop(s) of {', '.join(map(id_from_iri, state.centres))}"
    elif state.mode is Mode.COMPARE and state.comparison is not None:
        title = f"Changes since {state.comparison.name}"
    else:
        title = state.estate.title if state.estate is not None else "Nothing open"
    return f"{title} ({state.filter.describe()})" if state.filter.active else title


def reach_file_name(answer: Reach) -> str:
    """A highlight as a file name: ``dns-service-blast-radius``, ``kms-and-2-more-upstream``
    for a scope of three, ``program-dns-cutover-blast-radius`` for a program's changes.

    >>> from explorer.analysis import blast_radius
    >>> from explorer.ingest import load
    >>> from explorer.domain.vocab import iri_for_id
    >>> graph = load().graph
    >>> reach_file_name(blast_radius(graph, [iri_for_id("kms"), iri_for_id("iam")]))
    'kms-and-1-more-blast-radius'
    """
    what = "blast-radius" if answer.direction is Direction.AFFECTED else "upstream"
    if answer.program is not None:  # its id says "program" once, however it is written
        program = answer.program.id
        return f"{'' if program.startswith('program') else 'program-'}{program}-{what}"
    more = len(answer.changes) - 1
    return f"{answer.node.id}{f'-and-{more}-more' if more else ''}-{what}"


def _centres_name(state: Workspace) -> str:
    """``dns-service``, ``a-b-c-and-2-more``; with the hops when more than one."""
    ids = [id_from_iri(c) for c in state.centres]
    more = len(ids) - NAMED_CENTRES
    name = "-".join(ids[:NAMED_CENTRES]) + (f"-and-{more}-more" if more > 0 else "")
    return name + (f"-{state.hops}-hops" if state.hops > 1 else "")


def view_name(state: Workspace) -> str:
    """A file name for a picture of the view, saying what it shows: ``whole-graph``,
    ``dns-service-blast-radius`` (a highlight), ``focus-dns-service-2-hops``, and
    ``focus-dns-service-blast-radius`` for a focus view of a highlight."""
    if state.mode is Mode.FOCUS:
        what = reach_file_name(state.reach) if state.reach is not None else _centres_name(state)
        name = f"focus-{what}"
    elif state.reach is not None:
        name = reach_file_name(state.reach)
    elif state.mode is Mode.COMPARE:
        name = "changes"
    else:
        name = "whole-graph"
    safe = "".join(c if c.isalnum() or c in "-_." else "-" for c in name)
    return safe + ("-filtered" if state.filter.active else "")
