"""Terms of the ``ic:`` namespace that the vocabulary does not define: typos, caught.

``a ic:Servic`` or ``ic:dependsOnn`` is valid RDF, and would quietly drop the node out of
every walk, search and rule. Each such term a source uses is a warning that names the
closest term of the vocabulary.
"""

from __future__ import annotations

import difflib

import pyoxigraph as ox

from explorer.domain.vocab import IC
from explorer.ingest.notes import Notes
from explorer.statements import STATED

__all__ = ["TERMS", "check_terms"]

_NS = str(IC._NS)
TERMS: tuple[str, ...] = tuple(IC.__annotations__)  # every term ``IC`` defines
_USED = (
    f"SELECT DISTINCT ?t WHERE {{ {{ ?s ?t ?o }} UNION {{ ?s a ?t }} "
    f'FILTER(isIRI(?t) && STRSTARTS(STR(?t), "{_NS}")) }}'
)


def check_terms(store: ox.Store, path: str, notes: Notes) -> None:
    """Warn of every ``ic:`` class or property in ``store`` the vocabulary lacks."""
    used = sorted(row[0].value for row in store.query(_USED))  # type: ignore[union-attr]
    for term in used:
        name = term[len(_NS) :]
        if name in TERMS:
            continue
        close = difflib.get_close_matches(name, TERMS, n=1, cutoff=0.6)
        hint = f"; did you mean ic:{close[0]}?" if close else ""
        notes.warn(path, None, f"ic:{name} is not in the vocabulary{hint}")
    _check_confidences(store, path, notes)


def _check_confidences(store: ox.Store, path: str, notes: Notes) -> None:
    """Warn of a statement's confidence that is none of the levels one may state: it is
    read as not said (the fact counts as declared)."""
    query = f"SELECT DISTINCT ?v WHERE {{ ?s <{IC.confidence}> ?v }}"
    allowed = {c.value for c in STATED}
    for row in store.query(query):  # type: ignore[union-attr]
        text = row[0].value
        if text not in allowed:
            notes.warn(
                path,
                None,
                f"ic:confidence {text!r} is none of {', '.join(sorted(allowed))}; read as not said",
            )
