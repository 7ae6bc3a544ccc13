"""One gap: a problem on one node, and how urgent it is."""

from __future__ import annotations

from dataclasses import dataclass

from explorer.domain.model import Entity
from explorer.domain.rules import Rule

__all__ = ["Gap"]


@dataclass(frozen=True)
class Gap:
    """One problem on one node. ``impact`` ranks it: bigger is more urgent."""

    entity: Entity
    rule: Rule
    message: str
    impact: int
