"""A search query, narrowed on the server to the nodes that may match it.

The user's query is parsed as for a local file, then turned into a SPARQL filter that
keeps every node that could match: each word, as whoosh stems it, must appear (without
its last letter, which stemming may have changed) in one of the node's texts, its IRI,
or its owner's name. Plain ``CONTAINS`` works on every engine. The few nodes kept are
then copied and ranked by whoosh with the same query, so words, phrases, fields and
stemming mean what they mean locally; only the ranking's statistics come from the
matches rather than from the whole estate.
"""

from __future__ import annotations

from urllib.parse import quote

from rdflib import RDFS
from whoosh import query as wq

from explorer.model import CLASS_KINDS
from explorer.remote.queries import iri
from explorer.vocab import IC

__all__ = ["condition", "searchable"]

_KIND_CLASSES = {kind: cls for cls, kind in CLASS_KINDS.items()}
_OWNED_BY, _LABEL = iri(IC.ownedBy), iri(RDFS.label)


def _string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _contains(variable: str, text: str) -> str:
    return f"CONTAINS(LCASE(STR(?{variable})), {_string(text)})"


def _mentions(text: str) -> str:
    """The node's IRI, one of its literals, or its owner's IRI or label holds ``text``."""
    found = [_contains("x", text)]
    encoded = quote(text, safe="").lower()
    if encoded != text:  # ids in IRIs are percent-encoded
        found.append(_contains("x", encoded))
    found.append(f"EXISTS {{ ?x ?p ?v FILTER(isLiteral(?v) && {_contains('v', text)}) }}")
    found.append(
        f"EXISTS {{ ?x {_OWNED_BY} ?o OPTIONAL {{ ?o {_LABEL} ?ol }} "
        f"FILTER({_contains('o', text)} || {_contains('ol', text)}) }}"
    )
    return "(" + " || ".join(found) + ")"


def _word(stem: str) -> str | None:
    """The part of a stemmed word the original surely holds ("pai" from "pay": "pa")."""
    part = stem.lower()[:-1] if len(stem) >= 3 else stem.lower()
    return _mentions(part) if part else None


def _term(field: str, text: str) -> str | None:
    if field == "kind":
        cls = _KIND_CLASSES.get(text.lower())
        return f"EXISTS {{ ?x a {iri(cls)} }}" if cls is not None else None
    if field == "status":
        return f"EXISTS {{ ?x {iri(IC.status)} ?s FILTER(LCASE(STR(?s)) = {_string(text)}) }}"
    if field == "tier":
        return f"EXISTS {{ ?x {iri(IC.tier)} ?t FILTER({_contains('t', text)}) }}"
    return _word(text)


def _all(parts: list[str | None]) -> str | None:
    kept = [p for p in parts if p is not None]
    return "(" + " && ".join(kept) + ")" if kept else None


def condition(query: wq.Query) -> str | None:
    """A filter on ``?x`` that every match of ``query`` passes; None keeps every node.

    Near misses (fuzzy terms) never widen it: a misspelt word finds the nodes that hold
    its stem, where whoosh then forgives the typo.
    """
    if isinstance(query, wq.FuzzyTerm):
        return "false"
    if isinstance(query, wq.Term):
        return _term(query.fieldname, str(query.text))
    if isinstance(query, wq.Phrase):
        return _all([_term(query.fieldname, str(w)) for w in query.words])
    if isinstance(query, wq.Prefix | wq.Wildcard):
        text = str(query.text)
        literal = text.split("*")[0].split("?")[0].lower()
        return _mentions(literal) if len(literal) >= 2 else None
    if isinstance(query, wq.AndNot | wq.AndMaybe):
        return condition(query.a)
    if isinstance(query, wq.And):
        return _all([condition(q) for q in query.subqueries])
    if isinstance(query, wq.Or):
        parts = [condition(q) for q in query.subqueries]
        return None if any(p is None for p in parts) else "(" + " || ".join(parts) + ")"  # type: ignore[arg-type]
    if query is wq.NullQuery:
        return "false"
    return None  # NOT, ranges and the like: no narrowing, whoosh decides


def searchable(where: str | None) -> str:
    """Nodes a local search covers (typed with our classes, or named by a relation) that
    pass ``where``, in IRI order."""
    classes = " ".join(iri(c) for c in CLASS_KINDS)
    relations = " ".join(
        iri(p)
        for p in (IC.dependsOn, IC.usesVendor, IC.assumes, IC.partOf, IC.ownedBy, IC.memberOf)
    )
    nodes = (
        f"{{ SELECT DISTINCT ?x WHERE {{ {{ VALUES ?c {{ {classes} }} ?x a ?c }} UNION "
        f"{{ VALUES ?r {{ {relations} }} ?x ?r ?y FILTER(isIRI(?y)) }} UNION "
        f"{{ VALUES ?r {{ {relations} }} ?y ?r ?x FILTER(isIRI(?y)) }} "
        "FILTER(isIRI(?x)) } }"
    )
    return f"SELECT ?x WHERE {{ {nodes} FILTER({where or 'true'}) }} ORDER BY ?x"
