"""Excel workbooks (``.xlsx``): every sheet whose header row names an id column.

Read with openpyxl in read-only mode, values only: a formula's cached result is read, and
a formula is never evaluated. Columns mean what they mean in a CSV file; a problem names
the sheet, the row and the column.
"""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime, time

from explorer.domain.errors import InputError
from explorer.formats.cells import from_xstring
from explorer.ingest.fields import EntityRecord
from explorer.ingest.notes import Notes
from explorer.ingest.table import Header, records_from_rows

__all__ = ["cell_text", "records_from_workbook"]


def cell_text(value: object) -> str:
    """A cell's value as the text a CSV cell would hold (``1.0`` is ``1``; Excel's
    ``_x000D_`` a carriage return)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return from_xstring(str(value))


def records_from_workbook(path: str, data: bytes, notes: Notes) -> list[EntityRecord]:
    """Records of the rows of every sheet with an id column; sheets without are noted."""
    from openpyxl import load_workbook  # imported on use: only workbooks pay for it
    from openpyxl.utils import get_column_letter
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as exc:
        raise InputError(path, None, f"not an Excel workbook (.xlsx): {exc}") from None
    records: list[EntityRecord] = []
    read = 0
    try:
        for sheet in book.worksheets:
            rows = sheet.iter_rows(values_only=True)
            cells = [cell_text(v) for v in next(rows, ())]
            name = sheet.title

            def column(n: int, cells: list[str] = cells, name: str = name) -> str:
                return f"sheet {name!r}, column {get_column_letter(n + 1)} ({cells[n]!r})"

            header = Header(path, 1, cells, column)
            if not header.has_id():
                notes.warn(path, None, f"sheet {name!r} has no id column in its first row; skipped")
                continue
            lines = ((n, [cell_text(v) for v in row]) for n, row in enumerate(rows, start=2))
            records += records_from_rows(path, header, lines, notes)
            read += 1
    finally:
        book.close()
    if not read:
        raise InputError(path, None, "no sheet has a header row with an id column")
    return records
