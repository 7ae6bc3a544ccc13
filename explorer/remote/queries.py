"""SPARQL text: the building blocks the remote analyses put together.

Nodes go into queries as ``VALUES`` lists of a bounded size, so a walk's frontier of ten
thousand nodes is a handful of requests, not one that a server refuses for its length.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from rdflib import URIRef

from explorer.kinds import CLASS_KINDS

__all__ = ["CHUNK", "chunks", "iri", "kind_is", "values"]

CHUNK = 500  # IRIs a VALUES list holds


def iri(node: str) -> str:
    """An IRI as SPARQL writes it; characters an IRI may not hold are escaped."""
    escaped = "".join(
        ch if ch > " " and ch not in '<>"{}|^`\\' else f"\\u{ord(ch):04X}" for ch in node
    )
    return f"<{escaped}>"


def values(variable: str, nodes: Iterable[str]) -> str:
    return f"VALUES ?{variable} {{ {' '.join(iri(n) for n in nodes)} }}"


def chunks(nodes: Sequence[URIRef], size: int = CHUNK) -> Iterator[Sequence[URIRef]]:
    for start in range(0, len(nodes), size):
        yield nodes[start : start + size]


_RANKED = list(CLASS_KINDS.items())  # (class, kind), most telling first


def kind_is(variable: str, kinds: Iterable[str]) -> str:
    """A pattern true when the node's kind, as the local index decides it, is one of
    ``kinds``: typed with that kind's class and with no class that outranks it."""
    wanted = set(kinds)
    branches = []
    for rank, (cls, kind) in enumerate(_RANKED):
        if kind not in wanted:
            continue
        higher = " ".join(iri(c) for c, _ in _RANKED[:rank])
        exclude = (
            f" FILTER NOT EXISTS {{ VALUES ?outranks {{ {higher} }} ?{variable} a ?outranks }}"
            if higher
            else ""
        )
        branches.append(f"{{ ?{variable} a {iri(cls)} .{exclude} }}")
    return " UNION ".join(branches)
