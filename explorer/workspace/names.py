"""The view in words: a picture's title and a file name for it, from the window's state."""

from __future__ import annotations

from explorer.analysis import Direction
from explorer.domain.vocab import id_from_iri
from explorer.report import reach_heading
from explorer.workspace.state import Workspace
from explorer.workspace.view_request import Mode

__all__ = ["view_name", "view_title"]


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


def view_name(state: Workspace) -> str:
    """A file name for a picture of the view: ``dns-service-blast-radius``."""
    if state.reach is not None:
        what = "blast-radius" if state.reach.direction is Direction.AFFECTED else "upstream"
        name = f"{state.reach.node.id}-{what}"
    elif state.mode is Mode.FOCUS:
        name = "focus-" + "-".join(map(id_from_iri, state.centres[:3]))
    elif state.mode is Mode.COMPARE:
        name = "changes"
    else:
        name = "whole-graph"
    safe = "".join(c if c.isalnum() or c in "-_." else "-" for c in name)
    return safe + ("-filtered" if state.filter.active else "")
