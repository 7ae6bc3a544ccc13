"""An Excel workbook (``.xlsx``) of the estate: the CSV table, as one sheet.

Every cell is written as text (openpyxl would take a cell that starts with ``=`` for a
formula), so a label is shown and read back as it is, and never runs; characters XML
cannot hold are written as Excel does (``_x0001_``).
"""

from __future__ import annotations

import io

from rdflib import Graph

from explorer.export.table import rows
from explorer.formats.cells import to_xstring

__all__ = ["SHEET", "xlsx_bytes"]

SHEET = "Estate"


def xlsx_bytes(graph: Graph) -> bytes:
    """The workbook's bytes; the same rows as a CSV snapshot, cells as text."""
    from openpyxl import Workbook  # imported on use: only workbooks pay for it
    from openpyxl.cell import WriteOnlyCell

    book = Workbook(write_only=True)
    sheet = book.create_sheet(SHEET)
    for row in rows(graph):
        cells = []
        for text in row:
            cell = WriteOnlyCell(sheet, value=to_xstring(text))
            cell.data_type = "s"  # text, even when it starts with "="
            cells.append(cell)
        sheet.append(cells)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
