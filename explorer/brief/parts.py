"""What a brief's sections are made of: headings, sentences and tables of plain text, so
that every writer (the web page and its PDF, and Markdown) only lays them out."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from explorer.domain.model import Entity

__all__ = ["Section", "Table", "named", "table"]


@dataclass(frozen=True)
class Table:
    """Rows under a header; ``empty`` is said instead when there are none."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    empty: str
    title: str = ""


@dataclass(frozen=True)
class Section:
    """One heading (``key`` names it in a page's links), its sentences, its tables, and
    ``text`` kept as written (a change log)."""

    key: str
    title: str
    said: tuple[str, ...] = ()
    tables: tuple[Table, ...] = ()
    text: str = ""


def table(
    header: Iterable[str], rows: Iterable[Iterable[object]], empty: str, title: str = ""
) -> Table:
    cells = tuple(tuple("" if v is None else str(v) for v in row) for row in rows)
    return Table(tuple(header), cells, empty, title)


def named(entities: Iterable[Entity]) -> str:
    return ", ".join(e.name for e in entities)
