"""Rows as CSV for a spreadsheet and as a Markdown table for a document: the two forms every
list is copied or saved in (answers, rosters, the window's lists)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from explorer.formats.cells import protect

__all__ = ["csv_text", "markdown_cell", "markdown_table"]


def csv_text(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """RFC 4180 (a CR in a cell is quoted), every cell safe from a spreadsheet's formulas;
    None is an empty cell.

    >>> csv_text(["a", "b"], [[1, "=SUM(A1)"], [None, "x,y"]]).splitlines()
    ['a,b', "1,'=SUM(A1)", ',"x,y"']
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([protect("" if v is None else str(v)) for v in row] for row in rows)
    return out.getvalue()


def markdown_cell(text: object) -> str:
    """A Markdown table cell: one line, pipes and markup characters escaped."""
    flat = " ".join(str("" if text is None else text).split())
    return "".join(f"\\{c}" if c in "\\|*_`[]<>#" else c for c in flat)


def markdown_table(header: Sequence[str], rows: Iterable[Sequence[object]]) -> list[str]:
    """The lines of a Markdown table (GitHub's form), each cell made safe.

    >>> markdown_table(["Name", "Owner"], [["a|b", None]])
    ['| Name | Owner |', '|---|---|', '| a\\\\|b |  |']
    """
    lines = ["| " + " | ".join(markdown_cell(h) for h in header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(markdown_cell(v) for v in row) + " |" for row in rows]
    return lines
