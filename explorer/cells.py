"""A spreadsheet cell that shows any text as it is, and never runs it.

A cell that starts with ``=``, ``+``, ``-`` or ``@`` is a formula to a spreadsheet, and one
whose text starts or ends with white space (a tab, a carriage return) loses it to an
importer that trims cells. Such text gets a leading apostrophe, which spreadsheets hide
and ``unprotect`` removes again, so that any text goes out and comes back the same.
"""

from __future__ import annotations

__all__ = ["FORMULA_STARTS", "protect", "unprotect"]

FORMULA_STARTS = ("=", "+", "-", "@")
_MARK = "'"


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
