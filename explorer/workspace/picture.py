"""The picture the canvas draws for a request: the view, through the filter, grouped at scale.

One plain function, so the window computes it off the GUI thread and the tests ask it
without Qt.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from explorer.domain.progress import Step, StepProgress, quiet
from explorer.estate import Comparison, Estate
from explorer.views.filters import Filter, filtered_view
from explorer.views.graph_view import GROUP_FROM, GraphView
from explorer.views.grouping import grouped, title_of
from explorer.workspace.view_request import Mode, ViewRequest

__all__ = ["Picture", "picture"]


@dataclass(frozen=True)
class Picture:
    """What to draw; how many nodes the view had before the filter, and after it; the
    names of the groups opened (a breadcrumb's)."""

    view: GraphView
    before_filter: int
    after_filter: int
    path: tuple[str, ...] = ()


def picture(
    estate: Estate,
    request: ViewRequest,
    chosen: Filter,
    rules: Mapping[str, frozenset[str]],
    comparison: Comparison | None = None,
    progress: StepProgress = quiet,
) -> Picture:
    """The view ``request`` asks for, with what ``chosen`` keeps, grouped past ``GROUP_FROM``
    nodes or when a group is open."""
    progress(Step.LAYING_OUT, 0, 2)
    if request.mode is Mode.COMPARE and comparison is not None:
        full = comparison.view
    elif request.mode is Mode.FOCUS:
        full = estate.focus(request.centres, request.hops, progress, dict(request.opened))
    else:
        full = estate.whole(progress)
    view = filtered_view(full, chosen, rules, request.centres)
    progress(Step.LAYING_OUT, 1, 2)
    kept_nodes = len(view.nodes)
    if request.path or kept_nodes > GROUP_FROM:
        names = tuple(title_of(key, full.nodes) for key in request.path)
        drawn = grouped(view, request.path, request.pinned)
        _ = drawn.group_of  # here, in the background, not when a highlight is drawn
        return Picture(drawn, len(full.nodes), kept_nodes, names)
    return Picture(view, len(full.nodes), kept_nodes)
