"""Several nodes selected at once, as a person picks them: Ctrl+click adds a node or takes
it out again, Shift+click adds (a range, in a list). The workspace holds the result
(``Workspace.choose``); the last one chosen is the one the details describe."""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["added", "toggled"]


def toggled(chosen: tuple[str, ...], iri: str) -> tuple[str, ...]:
    """``chosen`` with ``iri`` taken out if it is in it, else added last.

    >>> toggled(("a", "b"), "c"), toggled(("a", "b", "c"), "b")
    (('a', 'b', 'c'), ('a', 'c'))
    """
    iri = str(iri)
    return tuple(c for c in chosen if c != iri) if iri in chosen else (*chosen, iri)


def added(chosen: tuple[str, ...], iris: Iterable[str]) -> tuple[str, ...]:
    """``chosen`` with ``iris`` added, in their order, the last of them last (one chosen
    already moves there).

    >>> added(("a", "b"), ["c"]), added(("a", "b", "c"), ["b"])
    (('a', 'b', 'c'), ('a', 'c', 'b'))
    """
    new = list(dict.fromkeys(map(str, iris)))
    return (*(c for c in chosen if c not in new), *new)
