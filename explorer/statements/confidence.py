"""How sure a fact is: the four levels, strongest first, and the weakest link of a path.

A fact stated with no word on how sure it is counts as ``declared``: what a catalog says.
A person recording what they learned says ``confirmed`` (seen to be so), ``likely`` or
``suspected``; ``confirmed`` ranks above a catalog's word, since someone checked.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

__all__ = ["STATED", "Confidence", "at_least", "parse_confidence", "surest", "weakest"]


class Confidence(StrEnum):
    CONFIRMED = "confirmed"
    DECLARED = "declared"
    LIKELY = "likely"
    SUSPECTED = "suspected"

    @property
    def rank(self) -> int:
        """0 for the strongest."""
        return _ORDER.index(self)


_ORDER = tuple(Confidence)
STATED = (Confidence.CONFIRMED, Confidence.LIKELY, Confidence.SUSPECTED)  # what one may say


def weakest(levels: Iterable[Confidence]) -> Confidence:
    """The weakest of ``levels``: a path is as sure as its least sure link.

    >>> weakest([Confidence.CONFIRMED, Confidence.LIKELY, Confidence.DECLARED])
    <Confidence.LIKELY: 'likely'>
    """
    return max(levels, key=lambda c: c.rank, default=Confidence.DECLARED)


def surest(levels: Iterable[Confidence]) -> Confidence:
    """The surest of ``levels``: a node reached by several paths is as sure as the best.

    >>> surest([Confidence.SUSPECTED, Confidence.DECLARED])
    <Confidence.DECLARED: 'declared'>
    """
    return min(levels, key=lambda c: c.rank, default=Confidence.DECLARED)


def at_least(level: Confidence, floor: Confidence) -> bool:
    """Whether ``level`` is as sure as ``floor`` or surer."""
    return level.rank <= floor.rank


def parse_confidence(text: str, allowed: tuple[Confidence, ...] = STATED) -> Confidence:
    """The level ``text`` names, in any case; a ValueError says what is allowed."""
    folded = str(text).strip().casefold()
    for level in allowed:
        if level.value == folded:
            return level
    names = ", ".join(c.value for c in allowed)
    raise ValueError(f"confidence must be one of {names}, not {text!r}")
