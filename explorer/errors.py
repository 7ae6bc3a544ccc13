"""The one error type for bad input: it names the file, the line and the problem."""

from __future__ import annotations

from pathlib import Path

__all__ = ["Cancelled", "InputError"]


class InputError(Exception):
    """A source (or a command's argument) that cannot be used, said in one line.

    >>> str(InputError("estate.csv", 4, "tier must be 1, 2 or 3, not 'gold'"))
    "estate.csv:4: tier must be 1, 2 or 3, not 'gold'"
    """

    def __init__(self, path: str | Path | None, line: int | None, message: str) -> None:
        self.path = str(path) if path is not None else None
        self.line = line
        self.message = " ".join(message.split())  # always one line
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.path or ""
        if self.path and self.line is not None:
            where = f"{self.path}:{self.line}"
        return f"{where}: {self.message}" if where else self.message


class Cancelled(Exception):
    """Raised by a progress callback to stop long work (a load, an index) at the next step."""
