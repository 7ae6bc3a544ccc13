"""What the canvas should draw: a mode, its centres, how far around them, which groups
are open. The workspace makes one; ``explorer.workspace.picture`` draws it."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

__all__ = ["Mode", "ViewRequest"]


class Mode(StrEnum):
    """What the canvas draws."""

    WHOLE = "whole"  # the whole estate (an endpoint's first page of it)
    FOCUS = "focus"  # the neighbourhood of some centres
    COMPARE = "compare"  # both snapshots, changes marked


@dataclass(frozen=True)
class ViewRequest:
    """What the canvas should draw: a mode, its centres and how many hops around them."""

    mode: Mode
    centres: tuple[str, ...] = ()
    hops: int = 1
    path: tuple[str, ...] = ()  # the groups opened, outermost first (see explorer.views.grouping)
    opened: tuple[tuple[str, int], ...] = ()  # pages of "+N more" open, per node
    pinned: tuple[str, ...] = ()  # drawn on their own even in a grouped picture
