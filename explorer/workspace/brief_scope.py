"""What File > Export brief is about, from the window's state, and the work of writing it.

The scope is what the window is telling a story about: the highlighted blast radius (or
upstream) and its changes, with its program when it was asked of one; else the nodes
chosen, where one chosen program stands for its changes. While comparing with a snapshot,
the brief says what changed since. The writing is one function of plain values, so the
window runs it off the GUI thread and a test calls it without Qt.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from explorer.brief import Asked, Since, brief_name, gather, write_brief
from explorer.domain.progress import StepProgress, quiet
from explorer.domain.vocab import id_from_iri
from explorer.estate import Comparison, Estate
from explorer.workspace.state import Workspace

__all__ = ["BriefScope", "brief_scope", "write_brief_of"]


@dataclass(frozen=True)
class BriefScope:
    """The nodes a brief is about (IRIs), the program whose changes they are (an IRI;
    None: none named yet, though a single chosen node may be one), and the file name to
    suggest."""

    nodes: tuple[str, ...]
    program: str | None
    name: str


def brief_scope(state: Workspace) -> BriefScope | None:
    """The scope of a brief of what the window shows; None when nothing is chosen."""
    answer = state.reach
    if answer is not None:
        nodes = tuple(e.iri for e in answer.changes)
        if answer.program is not None:
            return BriefScope(nodes, answer.program.iri, brief_name(answer.program.id, True))
        return BriefScope(nodes, None, brief_name(answer.node.id, more=len(nodes) - 1))
    chosen = state.chosen or ((state.selected,) if state.selected else ())
    if not chosen:
        return None
    return BriefScope(tuple(chosen), None, brief_name(id_from_iri(chosen[0]), more=len(chosen) - 1))


def write_brief_of(
    estate: Estate,
    scope: BriefScope,
    path: Path,
    comparison: Comparison | None = None,
    progress: StepProgress = quiet,
) -> Path:
    """Gather the brief of ``scope`` (a single chosen program: of its changes) and write it
    to ``path``; with what changed since ``comparison``'s snapshot when comparing."""
    wanted = scope.program
    if wanted is None and len(scope.nodes) == 1:
        programs = {p.entity.iri for p in estate.programs(progress)}
        wanted = scope.nodes[0] if scope.nodes[0] in programs else None
    program = estate.program(wanted) if wanted is not None else None
    nodes = tuple(e.iri for e in program.changes) if program is not None else scope.nodes
    since = Since(comparison.name, comparison.changes) if comparison is not None else None
    brief = gather(estate, Asked(nodes, program, since=since), progress)
    return write_brief(brief, path, progress)
