"""What File > Export brief is about, from the window's state, and the work of writing it.

The scope is what the window is telling a story about, by one rule, first that holds:

1. the highlighted blast radius (or upstream) and its changes, with its program when it
   was asked of one;
2. else the program picked in the Programs panel, when it was picked after the nodes
   were chosen (a click, the keys, or the keyboard going into the panel);
3. else the nodes chosen, where one chosen program stands for its changes.

While comparing with a snapshot, the brief says what changed since. The writing is one
function of plain values, so the window runs it off the GUI thread and a test calls it
without Qt.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from explorer.brief import Asked, Since, brief_name, gather, write_brief
from explorer.domain.progress import StepProgress, quiet
from explorer.domain.vocab import id_from_iri
from explorer.estate import Comparison, Estate
from explorer.workspace.highlight import reach_name
from explorer.workspace.state import Workspace

__all__ = ["BriefScope", "brief_scope", "write_brief_of"]

NAMED = 3  # the nodes a scope of several names, before it counts the rest


@dataclass(frozen=True)
class BriefScope:
    """The nodes a brief is about (IRIs), the program whose changes they are (an IRI;
    None: none named yet, though a single chosen node may be one), the file name to
    suggest, and what it is of in words (the dialog and the status line say it, so the
    person knows which of the three it is before writing)."""

    nodes: tuple[str, ...]
    program: str | None
    name: str
    about: str = ""


def brief_scope(state: Workspace) -> BriefScope | None:
    """The scope of a brief of what the window shows; None when nothing is chosen."""
    answer = state.reach
    if answer is not None:
        nodes, about = tuple(e.iri for e in answer.changes), f"the {reach_name(answer)}"
        if answer.program is not None:
            name = brief_name(answer.program.id, True)
            return BriefScope(nodes, answer.program.iri, name, about)
        return BriefScope(nodes, None, brief_name(answer.node.id, more=len(nodes) - 1), about)
    if (program := state.program) is not None:
        name = brief_name(program.id, True)
        return BriefScope((program.iri,), program.iri, name, f"program {program.name}")
    chosen = state.chosen or ((state.selected,) if state.selected else ())
    if not chosen:
        return None
    ids = [id_from_iri(c) for c in chosen]
    about = ", ".join(ids[:NAMED]) + (f" and {len(ids) - NAMED} more" if len(ids) > NAMED else "")
    about = f"the {len(ids)} nodes selected: {about}" if len(ids) > 1 else f"{about} (selected)"
    return BriefScope(tuple(chosen), None, brief_name(ids[0], more=len(ids) - 1), about)


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
