"""What a load says about its sources besides their triples: warnings and problems.

A warning is something skipped that the user may want to know of (an unknown column). A
problem is something that could not be read (a file, a document, an entity or a reference);
the rest of the load goes on, and the caller decides whether to answer from it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from explorer.domain.errors import InputError, Note

__all__ = ["Notes"]


@dataclass
class Notes:
    warnings: list[str] = field(default_factory=list)
    problems: list[InputError] = field(default_factory=list)

    def warn(self, path: str | Path | None, line: int | None, message: str) -> None:
        self.warnings.append(Note.at(path, line, message))

    def problem(self, error: InputError) -> None:
        self.problems.append(error)
