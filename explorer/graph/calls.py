"""What traffic showed, read from the graph once per index: calls per caller and callee.

Each source's ``ic:ObservedCall`` (``explorer.ingest.call_names``) says how many calls it
saw from a caller to a callee; per pair, the counts of every source are summed and the
sources kept, for gap messages, tooltips and the details panel.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rdflib import URIRef
from rdflib.namespace import DCTERMS

from explorer.domain.vocab import IC
from explorer.graph.index import EstateIndex
from explorer.graph.scan import PredicateScan

__all__ = ["Call", "calls_of", "calls_text", "files_of", "observed_pairs"]


@dataclass(frozen=True)
class Call:
    """The calls seen from ``caller`` to ``callee`` (index numbers), and where."""

    caller: int
    callee: int
    calls: int
    errors: int
    sources: tuple[str, ...]


def calls_of(index: EstateIndex) -> dict[tuple[int, int], Call]:
    """Every observed pair, made once per index; empty when nothing was observed."""
    return index.derived("observed calls", lambda: _read(index))


def observed_pairs(index: EstateIndex) -> dict[tuple[URIRef, URIRef], int]:
    """Calls seen per (caller, callee) IRI pair, for the views."""

    def build() -> dict[tuple[URIRef, URIRef], int]:
        nodes = index.nodes
        return {(nodes[a], nodes[b]): call.calls for (a, b), call in calls_of(index).items()}

    return index.derived("observed pairs", build)


def _read(index: EstateIndex) -> dict[tuple[int, int], Call]:
    if not index.out.get(IC.calls):
        return {}
    pairs = PredicateScan(index.graph)
    values = {
        term: dict(zip(*pairs.texts(term), strict=True))
        for term in (IC.caller, IC.callee, IC.callCount, IC.errorCount, DCTERMS.source)
    }
    found: dict[tuple[int, int], Call] = {}
    for node, caller in values[IC.caller].items():
        callee = values[IC.callee].get(node)
        ends = (index.number.get(URIRef(caller)), index.number.get(URIRef(callee or "")))
        if ends[0] is None or ends[1] is None:
            continue
        key = (ends[0], ends[1])
        before = found.get(key, Call(key[0], key[1], 0, 0, ()))
        found[key] = Call(
            key[0],
            key[1],
            before.calls + _number(values[IC.callCount].get(node)),
            before.errors + _number(values[IC.errorCount].get(node)),
            tuple(sorted({*before.sources, values[DCTERMS.source].get(node, "")} - {""})),
        )
    return found


def _number(text: str | None) -> int:
    return int(text) if text and text.isdigit() else 0


def calls_text(call: Call, where: bool = True) -> str:
    """``1,200 call(s), 3 failed, in traces.json:4``: a pair's counts in words, and (unless
    not ``where``) the files and lines that saw them."""
    failed = f", {call.errors:,} failed" if call.errors else ""
    seen = f", in {', '.join(call.sources)}" if call.sources and where else ""
    return f"{call.calls:,} call(s){failed}{seen}"


def files_of(calls: Iterable[Call]) -> str:
    """The files the calls were seen in, without lines: ``a.json, b.prom``."""
    files = {source.rpartition(":")[0] or source for call in calls for source in call.sources}
    return ", ".join(sorted(files))
