"""A spreadsheet cell that shows any text as it is, and never runs it.

A cell that starts with ``=``, ``+``, ``-`` or ``@`` is a formula to a spreadsheet, and one
whose text starts or ends with white space (a tab, a carriage return) loses it to an
importer that trims cells. Such text gets a leading apostrophe, which spreadsheets hide
and ``unprotect`` removes again, so that any text goes out and comes back the same.
"""

from __future__ import annotations

import re

from explorer.formats.xmlchars import NOT_XML_CHAR

__all__ = ["FORMULA_STARTS", "from_xstring", "protect", "to_xstring", "unprotect"]

FORMULA_STARTS = ("=", "+", "-", "@")
_MARK = "'"

# A workbook's text is XML, which cannot hold most control characters and reads a CR as a
# line feed. Office Open XML (ECMA-376, ST_Xstring) writes such a character as ``_xHHHH_``
# and an underscore that would start such a sequence as ``_x005F_``; Excel reads and writes
# cells that way, and openpyxl leaves it to its caller.
_ESCAPED = re.compile("_x([0-9A-Fa-f]{4})_")
_NEEDS_ESCAPE = re.compile(f"{NOT_XML_CHAR}|\r|_(?=x[0-9A-Fa-f]{{4}}_)")


def _needs_mark(text: str) -> bool:
    return text.startswith((*FORMULA_STARTS, _MARK)) or text != text.strip()


def protect(text: str) -> str:
    """``text`` as a cell: marked with an apostrophe when it needs one.

    >>> protect('=HYPERLINK("http://x")'), protect("payments"), protect(" x"), protect("'a")
    ('\\'=HYPERLINK("http://x")', 'payments', "' x", "''a")
    """
    return _MARK + text if _needs_mark(text) else text


def unprotect(cell: str) -> str:
    """A cell's text: a marked one exactly, any other trimmed (a hand-typed apostrophe that
    ``protect`` would not have set is kept).

    >>> unprotect("'=1+2"), unprotect("' x"), unprotect("''a"), unprotect("  b "), unprotect("'c")
    ('=1+2', ' x', "'a", 'b', "'c")
    """
    if cell[:1] == _MARK and _needs_mark(cell[1:]):
        return cell[1:]
    return cell.strip()


def to_xstring(text: str) -> str:
    r"""``text`` as a workbook cell holds it.

    >>> to_xstring("a\x01b\rc"), to_xstring("_x0041_")
    ('a_x0001_b_x000D_c', '_x005F_x0041_')
    """
    return _NEEDS_ESCAPE.sub(lambda m: f"_x{ord(m.group()):04X}_", text)


def from_xstring(cell: str) -> str:
    r"""The text a workbook cell holds (``_x000D_`` is a carriage return).

    >>> from_xstring("a_x0001_b_x000D_c"), from_xstring("_x005F_x0041_")
    ('a\x01b\rc', '_x0041_')
    """
    return _ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), cell) if "_x" in cell else cell
