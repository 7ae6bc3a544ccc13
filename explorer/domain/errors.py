"""The one error type for bad input: it names the file, the line and the problem."""

from __future__ import annotations

from pathlib import Path

__all__ = ["Cancelled", "InputError", "Note", "SourceProblems", "UnknownNode"]


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


class UnknownNode(InputError):
    """A node the graph does not name, asked about by an analysis: refused with the
    closest names, as networkx refuses a node not in the graph."""

    def __init__(self, text: str, closest: str) -> None:
        super().__init__(None, None, f"unknown node {text!r}; closest: {closest}")


class Cancelled(Exception):
    """Raised by a progress callback to stop long work (a load, an index) at the next step."""


class Note(str):
    """A warning about a source: it reads as its one line, and keeps where it points.

    >>> note = Note.at("estate.csv", 1, "unknown column 'colour' ignored")
    >>> note, note.path, note.line
    ("estate.csv:1: unknown column 'colour' ignored", 'estate.csv', 1)
    """

    path: str | None = None
    line: int | None = None

    @classmethod
    def at(cls, path: str | Path | None, line: int | None, message: str) -> Note:
        """A note worded as an ``InputError`` is: ``path:line: message``."""
        return cls.of(str(InputError(path, line, message)), path, line)

    @classmethod
    def of(cls, text: str, path: str | Path | None = None, line: int | None = None) -> Note:
        """A note of any wording that points at ``path`` (and ``line``)."""
        note = cls(text)
        note.path, note.line = (str(path) if path is not None else None), line
        return note


class SourceProblems(InputError):
    """Sources with problems, when the caller did not ask to answer from the rest.

    One problem reads as that problem (its file, line and message); several as a count.
    """

    def __init__(self, problems: list[InputError]) -> None:
        self.problems = problems
        first = problems[0]
        if len(problems) == 1:
            super().__init__(first.path, first.line, first.message)
        else:  # in one file, or in several
            paths = {p.path for p in problems}
            path = first.path if len(paths) == 1 else None
            super().__init__(path, None, f"{len(problems)} problems")
