"""Observed calls matched to the catalog, then written as triples.

A name seen in traffic is the node whose id, else label, else alias (``ic:alias``) it is,
compared case-insensitively; several nodes at the first stage that matches is an
ambiguity, warned of with the file and line, and that call is left out (an alias settles
it). A name that matches nothing becomes an observed-only service (``ic:ObservedService``).
Per file and pair, calls are summed into one ``ic:ObservedCall`` that says how many, how
many failed and where from; the pair itself is ``caller ic:calls callee``, which the walks
follow.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, XSD
from rdflib.term import Node

from explorer.domain.kinds import Kind
from explorer.domain.vocab import IC, iri_for_id
from explorer.graph.index import EstateIndex, index_of
from explorer.ingest.call_graphs import CallRecord
from explorer.ingest.notes import Notes

__all__ = ["CALL_IRI", "MATCHED_KINDS", "add_calls", "call_triples"]

CALL_IRI = "urn:infra-explorer:call:"
# what traffic can name: what runs, what it runs on, who supplies it, and a name some
# catalog references without defining it
MATCHED_KINDS = frozenset({Kind.SERVICE, Kind.RESOURCE, Kind.VENDOR, Kind.PLACEHOLDER})
Names = dict[str, list[URIRef]]  # a name, case-folded -> the nodes it names


def add_calls(graph: Graph, calls: list[CallRecord], notes: Notes) -> None:
    """Match every call's names and add what it says to ``graph``."""
    if not calls:
        return
    matcher = _Matcher(index_of(graph), notes)
    totals: dict[tuple[str, URIRef, URIRef], list[int]] = {}
    for call in calls:
        caller, callee = (matcher.match(name, call) for name in (call.caller, call.callee))
        if caller is None or callee is None or caller == callee:
            continue
        counts = totals.setdefault((call.path, caller, callee), [0, 0, call.line or 0])
        counts[0] += call.calls
        counts[1] += call.errors
    for node, name in matcher.minted.items():
        graph.add((node, RDF.type, IC.ObservedService))
        graph.add((node, RDFS.label, Literal(name)))
    for (path, caller, callee), (made, failed, line) in totals.items():
        for triple in call_triples(caller, callee, made, failed, f"{path}:{line}"):
            graph.add(triple)


def call_triples(
    caller: URIRef, callee: URIRef, calls: int, errors: int, source: str
) -> Iterable[tuple[URIRef, URIRef, Node]]:
    """The triples of one source's calls from ``caller`` to ``callee``."""
    key = f"{source}|{caller}|{callee}".encode()
    node = URIRef(CALL_IRI + hashlib.sha256(key).hexdigest()[:24])
    yield caller, IC.calls, callee
    yield node, RDF.type, IC.ObservedCall
    yield node, IC.caller, caller
    yield node, IC.callee, callee
    yield node, IC.callCount, Literal(calls, datatype=XSD.integer)
    yield node, IC.errorCount, Literal(errors, datatype=XSD.integer)
    yield node, DCTERMS.source, Literal(source)


class _Matcher:
    """Each matchable node by id, by label and by alias; and the observed-only ones made."""

    def __init__(self, index: EstateIndex, notes: Notes) -> None:
        self.notes = notes
        self.stages: tuple[Names, Names, Names] = ({}, {}, {})
        by_id, by_label, by_alias = self.stages
        for node, kind in index.kinds.items():
            if kind in MATCHED_KINDS:
                entity = index.entity(node)
                by_id.setdefault(entity.id.casefold(), []).append(node)
                by_label.setdefault(entity.label.casefold(), []).append(node)
        for subject, alias in index.graph.subject_objects(IC.alias):
            if isinstance(subject, URIRef) and index.kinds.get(subject) in MATCHED_KINDS:
                by_alias.setdefault(str(alias).casefold(), []).append(subject)
        self.minted: dict[URIRef, str] = {}

    def match(self, name: str, call: CallRecord) -> URIRef | None:
        """The node ``name`` means; a new observed-only service for none; None if it is
        ambiguous (warned of). A stage that names several nodes leaves the choice to a
        later one: an alias settles two services of the same label."""
        ambiguous: tuple[str, list[URIRef]] | None = None
        for stage, table in zip(("id", "label", "alias"), self.stages, strict=True):
            found = sorted(set(table.get(name.casefold(), ())))
            if len(found) == 1:
                return found[0]
            if found and ambiguous is None:
                ambiguous = (stage, found)
        if ambiguous is not None:
            stage, found = ambiguous
            named = ", ".join(str(n).rsplit("/", 1)[-1] for n in found)
            fix = (
                "keep it on one of them"
                if stage == "alias"
                else f"give one of them the alias '{name}'"
            )
            self.notes.warn(
                call.path,
                call.line,
                f"'{name}' is the {stage} of {len(found)} nodes ({named}): "
                f"its calls are left out; {fix}",
            )
            return None
        node = iri_for_id(name)  # later calls naming it find it by id
        self.stages[0].setdefault(name.casefold(), []).append(node)
        self.minted[node] = name
        return node
