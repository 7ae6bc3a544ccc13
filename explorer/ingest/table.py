"""Tables: one row per entity under a header row, from CSV files and spreadsheet sheets.

Spreadsheets export CSV in many dialects: a UTF-8 byte-order mark, ``,``, ``;``, tab or
``|`` as the delimiter (chosen from the header row, or named by Excel's ``sep=`` first
line), quoted cells with delimiters inside. Headers are matched as ``headers`` says.
Multi-valued cells are split on ``;`` or ``,``. A row that cannot be read is a problem
that leaves the other rows in.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable

from explorer.domain.errors import InputError
from explorer.domain.kinds import Kind
from explorer.formats.cells import unprotect
from explorer.ingest.fields import EntityRecord, entity_record
from explorer.ingest.headers import field_map, kind_from_text
from explorer.ingest.notes import Notes

__all__ = ["Header", "records_from_csv", "records_from_rows"]

_DELIMITERS = (",", ";", "\t", "|")
_SEP_LINE = re.compile(r'^"?sep=(.)"?,*$')  # Excel's first line naming the delimiter


class Header:
    """A table's header row: which field each column gives, and how to name a column."""

    def __init__(self, path: str, line: int, cells: list[str], name: Callable[[int], str]):
        self.cells = [cell.strip() for cell in cells]
        try:
            self.fields = field_map(self.cells)
        except ValueError as exc:
            raise InputError(path, line, str(exc)) from None
        self.name = name  # column number -> how a message names it
        self.line = line

    def has_id(self) -> bool:
        return "id" in self.fields.values()

    def unknown(self) -> list[str]:
        return [cell for cell, f in self.fields.items() if f is None and cell]

    def where(self, field: str) -> str:
        """How a message names the column of ``field``."""
        for number, cell in enumerate(self.cells):
            if self.fields.get(cell) == field:
                return self.name(number)
        return field


def _delimiter(header_line: str) -> str:
    """The delimiter that splits the header into the most columns (comma on a tie)."""

    def width(delimiter: str) -> int:
        return len(next(csv.reader([header_line], delimiter=delimiter), []))

    return max(_DELIMITERS, key=width)


def records_from_csv(path: str, text: str, notes: Notes) -> list[EntityRecord]:
    """Records of every non-blank row; the kind column is optional (default: service)."""
    text = text.removeprefix("\ufeff")
    first_line, skipped = text.split("\n", 1)[0].strip("\r"), 0
    sep = _SEP_LINE.match(first_line)
    if sep:  # Excel's "sep=;": the delimiter, then the header on the next line
        text, skipped = text.split("\n", 1)[1] if "\n" in text else "", 1
        first_line = text.split("\n", 1)[0].strip("\r")
    if not first_line.strip():
        raise InputError(path, 1 + skipped, "no header row: the first line must name the columns")
    delimiter = sep.group(1) if sep else _delimiter(first_line)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        cells = next(reader)
    except csv.Error as exc:
        raise InputError(path, 1 + skipped, f"invalid CSV header: {exc}") from None
    header = Header(path, 1 + skipped, cells, lambda n: f"column {cells[n].strip()!r}")

    def rows() -> Iterable[tuple[int, list[str]]]:
        line = reader.line_num + 1
        try:
            for row in reader:
                yield line + skipped, [unprotect(cell) for cell in row]
                line = reader.line_num + 1
        except csv.Error as exc:
            raise InputError(path, line + skipped, f"invalid CSV: {exc}") from None

    return records_from_rows(path, header, rows(), notes)


def records_from_rows(
    path: str, header: Header, rows: Iterable[tuple[int, list[str]]], notes: Notes
) -> list[EntityRecord]:
    """A record per row that has any text (``(line, cells)`` pairs)."""
    if not header.has_id():
        columns = ", ".join(repr(c) for c in header.cells)
        known = "id, name, service or component"
        raise InputError(path, header.line, f"no id column ({known}); the columns are {columns}")
    for column in header.unknown():
        notes.warn(path, header.line, f"unknown column {column!r} ignored")
    records = []
    for line, row in rows:
        if not any(cell.strip() for cell in row):
            continue
        try:
            records.append(_row_record(path, line, header, row, notes))
        except InputError as exc:
            notes.problem(exc)
    return records


def _row_record(path: str, line: int, header: Header, row: list[str], notes: Notes) -> EntityRecord:
    if len(row) > len(header.cells):
        raise InputError(
            path, line, f"{len(row)} cells but the header names {len(header.cells)} columns"
        )
    fields: dict[str, object] = {}
    for cell_header, cell in zip(header.cells, row, strict=False):
        field = header.fields[cell_header]
        if field is not None and cell != "":
            fields[field] = cell  # as the sheet holds it (CSV cells come trimmed, or exact)
    kind_text = fields.pop("kind", None)
    kind = kind_from_text(str(kind_text), path, line) if kind_text else Kind.SERVICE
    return entity_record(kind, fields, path, line, header.where, notes=notes)
