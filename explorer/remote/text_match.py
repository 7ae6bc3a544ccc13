"""A search query, narrowed on the server to the nodes that may match it.

The user's query is parsed as for a local file, then narrowed to every node that could
match: each word, as whoosh stems it, must appear (without its last letter, which
stemming may have changed) in one of the node's texts, its IRI, or its owner's name.
The few nodes kept are then copied and ranked by whoosh with the same query, so words,
phrases, fields and stemming mean what they mean locally; only the ranking's statistics
come from the matches rather than from the whole estate.

Two ways to narrow, one walk over the query (``narrow``):

* ``Filters``, for every engine: one ``CONTAINS`` filter over the estate's nodes. It
  reads every text of every node.
* ``Lookups``, where the server keeps a full-text index (Virtuoso's ``bif:contains``):
  each word is looked up in the index as a word starting with that part, by a few small
  queries, and the node sets are combined here. A big server's optimiser handles small
  queries predictably, where one filter over the estate can take minutes.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Callable, Iterable
from typing import Generic, Protocol, TypeVar
from urllib.parse import quote

from rdflib import RDF, RDFS, URIRef
from rdflib.namespace import DCTERMS
from whoosh import query as wq

from explorer.domain.errors import InputError
from explorer.domain.kinds import CLASS_KINDS
from explorer.domain.relations import OWNED_BY, RELATIONS
from explorer.domain.vocab import IC
from explorer.remote.client import SparqlClient
from explorer.remote.queries import chunks, iri, values

__all__ = ["Filters", "Lookups", "has_text_index", "narrow", "searchable"]

_log = logging.getLogger(__name__)

_KIND_CLASSES: dict[str, URIRef] = {kind: cls for cls, kind in CLASS_KINDS.items()}
_OWNED_BY, _LABEL = iri(OWNED_BY.predicate), iri(RDFS.label)
# what was recorded about ?x, which a local search finds it by too (``search.documents``):
# the text and answer of a question about it; who said a fact of it, and where from
_ASKED = f"?q {iri(IC.about)} ?x ; {iri(IC.text)}|{iri(IC.answer)} ?v"
_SAID = f"?st {iri(RDF.subject)} ?x ; {iri(DCTERMS.source)}|{iri(DCTERMS.creator)} ?v"
_RELATIONS = " ".join(iri(r.predicate) for r in RELATIONS)
# the nodes a local search covers: typed with our classes, or named by a relation
_COVERED = (
    f"VALUES ?c {{ {' '.join(iri(c) for c in CLASS_KINDS)} }} ?x a ?c",
    f"VALUES ?r {{ {_RELATIONS} }} ?x ?r ?y FILTER(isIRI(?y))",
    f"VALUES ?r {{ {_RELATIONS} }} ?y ?r ?x FILTER(isIRI(?y))",
)
# Virtuoso's index finds a word by a prefix of four or more letters; a part with other
# characters may be cut into words differently by the server and by whoosh
_INDEXABLE = re.compile(r"[a-z0-9]{4,}")

T = TypeVar("T")


def _string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _contains(variable: str, text: str) -> str:
    return f"CONTAINS(LCASE(STR(?{variable})), {_string(text)})"


def _kind(cls: URIRef) -> str:
    return f"?x a {iri(cls)}"


def _status(text: str) -> str:
    return f"?x {iri(IC.status)} ?s FILTER(LCASE(STR(?s)) = {_string(text)})"


def _tier(text: str) -> str:
    return f"?x {iri(IC.tier)} ?t FILTER({_contains('t', text)})"


def _iri_forms(text: str) -> list[str]:
    """``text`` as an IRI may hold it: ids in IRIs are percent-encoded."""
    encoded = quote(text, safe="").lower()
    return [text] if encoded == text else [text, encoded]


class Algebra(Protocol, Generic[T]):
    """What ``narrow`` builds with: a field's term, nothing, all of, any of."""

    def kind(self, cls: URIRef) -> T: ...
    def status(self, text: str) -> T: ...
    def tier(self, text: str) -> T: ...
    def mentions(self, text: str) -> T: ...
    def nothing(self) -> T: ...
    def all_of(self, parts: list[T]) -> T: ...
    def any_of(self, parts: list[T]) -> T: ...


def narrow(query: wq.Query, algebra: Algebra[T]) -> T | None:
    """What every match of ``query`` passes, in ``algebra``; None keeps every node.

    Near misses (fuzzy terms) never widen it: a misspelt word finds the nodes that hold
    its stem, where whoosh then forgives the typo.
    """
    if isinstance(query, wq.FuzzyTerm) or query is wq.NullQuery:
        return algebra.nothing()
    if isinstance(query, wq.Term):
        return _term(query.fieldname, str(query.text), algebra)
    if isinstance(query, wq.Phrase):
        return _all_of([_term(query.fieldname, str(w), algebra) for w in query.words], algebra)
    if isinstance(query, wq.Prefix | wq.Wildcard):
        literal = str(query.text).split("*")[0].split("?")[0].lower()
        return algebra.mentions(literal) if len(literal) >= 2 else None
    if isinstance(query, wq.AndNot | wq.AndMaybe):
        return narrow(query.a, algebra)
    if isinstance(query, wq.And):
        return _all_of([narrow(q, algebra) for q in query.subqueries], algebra)
    if isinstance(query, wq.Or):
        parts = [narrow(q, algebra) for q in query.subqueries]
        return None if any(p is None for p in parts) else algebra.any_of(parts)  # type: ignore[arg-type]
    return None  # NOT, ranges and the like: no narrowing, whoosh decides


def _term(field: str, text: str, algebra: Algebra[T]) -> T | None:
    if field == "kind":
        cls = _KIND_CLASSES.get(text.lower())
        return algebra.kind(cls) if cls is not None else None
    if field == "status":
        return algebra.status(text)
    if field == "tier":
        return algebra.tier(text)
    # the part of a stemmed word the original surely holds ("pai" from "pay": "pa")
    part = text.lower()[:-1] if len(text) >= 3 else text.lower()
    return algebra.mentions(part) if part else None


def _all_of(parts: list[T | None], algebra: Algebra[T]) -> T | None:
    kept = [p for p in parts if p is not None]
    return algebra.all_of(kept) if kept else None


class Filters:
    """Narrowing as one SPARQL filter on ``?x``, which every engine understands."""

    def kind(self, cls: URIRef) -> str:
        return f"EXISTS {{ {_kind(cls)} }}"

    def status(self, text: str) -> str:
        return f"EXISTS {{ {_status(text)} }}"

    def tier(self, text: str) -> str:
        return f"EXISTS {{ {_tier(text)} }}"

    def mentions(self, text: str) -> str:
        """The node's IRI, one of its literals, its owner's IRI or label, or what was
        recorded about it (a question, who said a fact of it) holds ``text``."""
        found = [_contains("x", form) for form in _iri_forms(text)]
        found.append(f"EXISTS {{ ?x ?p ?v FILTER(isLiteral(?v) && {_contains('v', text)}) }}")
        found += [f"EXISTS {{ {said} FILTER({_contains('v', text)}) }}" for said in (_ASKED, _SAID)]
        found.append(
            f"EXISTS {{ ?x {_OWNED_BY} ?o OPTIONAL {{ ?o {_LABEL} ?ol }} "
            f"FILTER({_contains('o', text)} || {_contains('ol', text)}) }}"
        )
        return "(" + " || ".join(found) + ")"

    def nothing(self) -> str:
        return "false"

    def all_of(self, parts: list[str]) -> str:
        return "(" + " && ".join(dict.fromkeys(parts)) + ")"

    def any_of(self, parts: list[str]) -> str:
        # a word is a term of each field searched, and each term the same filter here
        return "(" + " || ".join(dict.fromkeys(parts)) + ")"


Rows = Callable[[str], Iterable[URIRef]]  # the ?x of a query's answer, page by page


class Lookups:
    """Narrowing as sets of nodes, each found by small queries that start from Virtuoso's
    full-text index (or, for a part the index cannot look up, from a ``CONTAINS`` scan
    of the estate's texts)."""

    def __init__(self, rows: Rows) -> None:
        self.rows = rows
        self._seen: dict[str, set[URIRef]] = {}  # a word is a term of each field searched

    def _nodes(self, *patterns: str) -> set[URIRef]:
        found: set[URIRef] = set()
        for pattern in patterns:
            query = f"SELECT DISTINCT ?x WHERE {{ {pattern} FILTER(isIRI(?x)) }} ORDER BY ?x"
            found.update(self.rows(query))
        return found

    def kind(self, cls: URIRef) -> set[URIRef]:
        return self._nodes(_kind(cls))

    def status(self, text: str) -> set[URIRef]:
        return self._nodes(_status(text))

    def tier(self, text: str) -> set[URIRef]:
        return self._nodes(_tier(text))

    def mentions(self, text: str) -> set[URIRef]:
        """As ``Filters.mentions``: IRIs are read, texts are looked up in the index."""
        if text not in self._seen:
            self._seen[text] = self._nodes(*self._mentioning(text))
        return self._seen[text]

    def _mentioning(self, text: str) -> list[str]:
        if _INDEXABLE.fullmatch(text):
            words = _string(f"'{text}*'")
            literal = f"?x ?p ?v . ?v bif:contains {words}"
            owner_label = f"?x {_OWNED_BY} ?o . ?o {_LABEL} ?ol . ?ol bif:contains {words}"
        else:
            literal = f"?x ?p ?v FILTER(isLiteral(?v) && {_contains('v', text)})"
            owner_label = f"?x {_OWNED_BY} ?o . ?o {_LABEL} ?ol FILTER({_contains('ol', text)})"
        recorded = [f"{said} FILTER({_contains('v', text)})" for said in (_ASKED, _SAID)]
        patterns = [literal, owner_label, *recorded]
        for form in _iri_forms(text):
            iri_holds = f"FILTER({_contains('x', form)})"
            patterns.append(f"?x a ?c {iri_holds}")
            patterns.append(f"VALUES ?r {{ {_RELATIONS} }} ?x ?r ?y {iri_holds}")
            patterns.append(f"VALUES ?r {{ {_RELATIONS} }} ?y ?r ?x {iri_holds}")
            patterns.append(f"?x {_OWNED_BY} ?o FILTER({_contains('o', form)})")
        return patterns

    def nothing(self) -> set[URIRef]:
        return set()

    def all_of(self, parts: list[set[URIRef]]) -> set[URIRef]:
        return set.intersection(*parts)

    def any_of(self, parts: list[set[URIRef]]) -> set[URIRef]:
        return set().union(*parts)


def searchable(where: str | None) -> str:
    """The nodes a local search covers that pass ``where``, in IRI order."""
    covered = " UNION ".join(f"{{ {way} }}" for way in _COVERED)
    nodes = f"{{ SELECT DISTINCT ?x WHERE {{ {covered} FILTER(isIRI(?x)) }} }}"
    return f"SELECT ?x WHERE {{ {nodes} FILTER({where or 'true'}) }} ORDER BY ?x"


def searchable_among(nodes: Iterable[URIRef], rows: Rows, wanted: int) -> list[URIRef]:
    """The first ``wanted`` of ``nodes``, in IRI order, that a local search covers: asked
    a chunk at a time, one small query for each way of being covered, each for the
    nodes the ones before did not find (most are typed)."""
    kept: list[URIRef] = []
    for chunk in chunks(sorted(nodes)):
        found: set[URIRef] = set()
        for way in _COVERED:
            rest = [n for n in chunk if n not in found]
            if rest:
                found.update(
                    rows(f"SELECT DISTINCT ?x WHERE {{ {values('x', rest)} {way} }} ORDER BY ?x")
                )
        kept.extend(n for n in chunk if n in found)
        if len(kept) >= wanted:
            break
    return kept[:wanted]


def has_text_index(client: SparqlClient) -> bool:
    """Whether the endpoint's full-text index covers the graph's texts.

    A word of one of the graph's literals is looked up with ``bif:contains`` and must
    lead back to that literal. Engines other than Virtuoso refuse the unknown ``bif:``
    prefix; a Virtuoso without the index (or not yet indexing this graph) finds nothing.
    Either way, search keeps to ``CONTAINS``. ``$INFRA_EXPLORER_SPARQL_FULLTEXT=off``
    keeps to it too, for an index that lags behind recent writes.
    """
    if os.environ.get("INFRA_EXPLORER_SPARQL_FULLTEXT", "").lower() in ("off", "no", "0"):
        return False
    sample = client.select(
        "SELECT ?s ?p ?v WHERE { ?s ?p ?v "
        'FILTER(isIRI(?s) && isLiteral(?v) && REGEX(STR(?v), "^[A-Za-z0-9]{4}")) } LIMIT 1'
    )
    if not sample:
        return False
    row = sample[0]
    word = re.match(r"[A-Za-z0-9]+", str(row["v"]))
    assert word is not None  # the REGEX above asked for one
    probe = _string(f"'{word.group()[:8].lower()}*'")
    try:
        found = client.select(
            f"SELECT ?v WHERE {{ {iri(str(row['s']))} {iri(str(row['p']))} ?v . "
            f"?v bif:contains {probe} }} LIMIT 1"
        )
    except InputError as exc:
        _log.debug("no full-text index: %s", exc)
        return False
    return bool(found)
