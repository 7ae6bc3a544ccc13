"""The CSV format: one row per entity, a header row, columns matched by name and synonym.

Spreadsheets export CSV in many dialects; we accept a UTF-8 byte-order mark, ``,``, ``;``
or tab as the delimiter (chosen from the header row) and quoted cells with delimiters
inside. Multi-valued cells are split on ``;`` or ``,``.
"""

from __future__ import annotations

import csv
import io

from explorer.errors import InputError
from explorer.ingest.fields import EntityRecord, entity_record, field_map, kind_from_text

__all__ = ["records_from_csv"]

_DELIMITERS = (",", ";", "\t", "|")


def _delimiter(header_line: str) -> str:
    """The delimiter that splits the header into the most columns (comma on a tie)."""

    def width(delimiter: str) -> int:
        return len(next(csv.reader([header_line], delimiter=delimiter), []))

    return max(_DELIMITERS, key=width)


def records_from_csv(path: str, text: str, warnings: list[str]) -> list[EntityRecord]:
    """Records of every non-blank row; the kind column is optional (default: service)."""
    text = text.removeprefix("\ufeff")
    first_line = text.split("\n", 1)[0].strip("\r")
    if not first_line.strip():
        raise InputError(path, 1, "no header row: the first line must name the columns")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(first_line))
    try:
        header = [name.strip() for name in next(reader)]
    except csv.Error as exc:
        raise InputError(path, 1, f"invalid CSV header: {exc}") from None
    try:
        names = field_map(header)
    except ValueError as exc:
        raise InputError(path, 1, str(exc)) from None
    if "id" not in names.values():
        columns = ", ".join(repr(h) for h in header)
        raise InputError(path, 1, f"no id column (id, name or service); the columns are {columns}")
    for column, name in names.items():
        if name is None:
            warnings.append(f"{path}:1: unknown column {column!r} ignored")
    records = []
    line = reader.line_num + 1
    try:
        for row in reader:
            if any(cell.strip() for cell in row):
                records.append(_row_record(path, line, header, names, row))
            line = reader.line_num + 1
    except csv.Error as exc:
        raise InputError(path, line, f"invalid CSV: {exc}") from None
    return records


def _unescape(cell: str) -> str:
    """Drop the apostrophe that keeps a spreadsheet from running ``=...`` as a formula."""
    return cell[1:] if cell[:1] == "'" and cell[1:2] in ("=", "+", "-", "@") else cell


def _row_record(
    path: str, line: int, header: list[str], names: dict[str, str | None], row: list[str]
) -> EntityRecord:
    if len(row) > len(header):
        raise InputError(path, line, f"{len(row)} cells but the header names {len(header)} columns")
    fields: dict[str, object] = {}
    for column, cell in zip(header, row, strict=False):
        if names[column] is not None and cell.strip():
            fields[str(names[column])] = _unescape(cell.strip())
    kind_text = fields.pop("kind", None)
    kind = kind_from_text(str(kind_text), path, line) if kind_text else "service"
    return entity_record(kind, fields, path, line)
