"""SPARQL text: the building blocks the remote analyses put together.

Nodes go into queries as ``VALUES`` lists of a bounded size, so a walk's frontier of ten
thousand nodes is a handful of requests, not one that a server refuses for its length.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from rdflib import URIRef

from explorer.domain.kinds import CLASS_KINDS, Kind
from explorer.domain.relations import PREDICATES
from explorer.graph.index import DESCRIBING

__all__ = ["CHUNK", "chunks", "entity", "iri", "kind_is", "undescribed", "values"]

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


def undescribed(variable: str) -> str:
    """A pattern true for a node a relation names and no triple describes: a placeholder,
    as the local index decides it (``EstateIndex._mark_undefined``)."""
    relations = " ".join(iri(p) for p in PREDICATES)
    describing = " ".join(iri(p) for p in DESCRIBING)
    return (
        f"{{ VALUES ?by {{ {relations} }} ?referrer ?by ?{variable} FILTER(isIRI(?{variable})) "
        f"FILTER NOT EXISTS {{ VALUES ?d {{ {describing} }} ?{variable} ?d ?anything }} }}"
    )


def entity(variable: str) -> str:
    """A pattern true for a node of our kinds: what the local ``entities`` lists."""
    classes = " ".join(iri(c) for c in CLASS_KINDS)
    typed = f"{{ VALUES ?kind {{ {classes} }} ?{variable} a ?kind FILTER(isIRI(?{variable})) }}"
    return f"{typed} UNION {undescribed(variable)}"


def kind_is(variable: str, kinds: Iterable[str]) -> str:
    """A pattern true when the node's kind, as the local index decides it, is one of
    ``kinds``: typed with that kind's class and with no class that outranks it (and, for
    a placeholder, described by nothing)."""
    wanted = set(kinds)
    branches = [undescribed(variable)] if Kind.PLACEHOLDER in wanted else []
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
