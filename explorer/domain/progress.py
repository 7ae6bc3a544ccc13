"""How long work says how far it got: one callback shape for every step of every answer."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum

__all__ = ["Step", "StepProgress", "quiet"]


class Step(StrEnum):
    """The steps long work reports, in the words a progress bar shows."""

    READING = "Reading"
    CONNECTING = "Connecting"
    ANALYSING = "Analysing"
    LAYING_OUT = "Laying out"
    INDEXING = "Indexing"
    CHECKING_RULES = "Checking rules"
    WALKING = "Walking"
    FETCHING = "Fetching"
    SEARCHING = "Searching"
    COPYING = "Copying"
    COMPARING = "Comparing"
    WRITING = "Writing"


# (step, units done, units in all); may raise ``explorer.domain.errors.Cancelled`` to stop the work
StepProgress = Callable[[str, int, int], None]


def quiet(step: str, done: int, total: int) -> None:
    """No progress to show."""
