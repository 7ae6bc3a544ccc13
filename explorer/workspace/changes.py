"""What a workspace tells its observers changed, and how a user's action begins."""

from __future__ import annotations

import functools
from collections.abc import Callable
from enum import StrEnum
from typing import Any, TypeVar, cast

__all__ = ["Action", "Change", "Observer", "acting"]


class Change(StrEnum):
    """What observers are told changed."""

    ESTATE = "estate"
    SELECTION = "selection"
    REACH = "reach"
    VIEW = "view"
    COMPARISON = "comparison"
    FILTER = "filter"
    NOTE = "note"  # ``note`` says what an action replaced or why it did nothing
    FACTS = "facts"  # an edit changed what the estate says (gaps, lists, details)


Observer = Callable[[], None]
Action = TypeVar("Action", bound=Callable[..., object])


def acting(method: Action) -> Action:
    """A user's action: the note of the one before is forgotten."""

    @functools.wraps(method)
    def act(self: Any, *args: object) -> object:
        self.note = ""
        return method(self, *args)

    return cast(Action, act)
