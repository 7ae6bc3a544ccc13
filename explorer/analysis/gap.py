"""One gap: a problem on one node, how urgent it is, and what to do about it."""

from __future__ import annotations

from dataclasses import dataclass

from explorer.domain.model import Entity
from explorer.domain.rules import Rule

__all__ = ["Gap"]


@dataclass(frozen=True)
class Gap:
    """One problem on one node. ``impact`` ranks it: bigger is more urgent. ``next``: the
    step that closes it and whom to ask (``explorer.analysis.next_steps``), ``ask`` that
    team or person (None: nobody to ask, and ``next`` says so)."""

    entity: Entity
    rule: Rule
    message: str
    impact: int
    next: str = ""
    ask: Entity | None = None
