"""What the search index holds: one document per node, fields weighted by how users ask."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping

from rdflib import RDFS, Graph, URIRef
from rdflib.namespace import DCTERMS
from whoosh import fields
from whoosh.analysis import StemmingAnalyzer

from explorer.domain.relations import OWNED_BY, PREDICATES
from explorer.domain.vocab import IC
from explorer.graph.index import EstateIndex, index_of
from explorer.graph.scan import PredicateScan
from explorer.statements import questions_of, statements_of

__all__ = ["SCHEMA", "SCHEMA_VERSION", "TEXT_FIELDS", "degree", "documents", "searchable_nodes"]

SCHEMA_VERSION = 5  # bump when SCHEMA or documents() change, so cached indexes are rebuilt

_words = StemmingAnalyzer(stoplist=None)  # "DNS and Edge": every word counts in a name

SCHEMA = fields.Schema(
    iri=fields.ID(stored=True, unique=True),
    id=fields.TEXT(stored=True, analyzer=_words),
    label=fields.TEXT(stored=True, analyzer=_words),
    kind=fields.KEYWORD(stored=True, lowercase=True),
    owner=fields.TEXT(analyzer=_words),
    tier=fields.KEYWORD(stored=True),
    status=fields.KEYWORD(lowercase=True),
    description=fields.TEXT(stored=True, analyzer=StemmingAnalyzer()),
    text=fields.TEXT(stored=True, analyzer=StemmingAnalyzer()),
    degree=fields.STORED,  # relations in and out: ties go to the more connected node
)

# plain words are looked for in these, each weighted: names count more than prose
TEXT_FIELDS: dict[str, float] = {
    "label": 4.0,
    "id": 3.0,
    "owner": 1.5,
    "description": 1.0,
    "text": 1.0,
}

_DESCRIPTIONS = (DCTERMS.description, RDFS.comment)
_SHOWN = {RDFS.label, IC.tier, IC.status, *_DESCRIPTIONS}
_NOT_OTHER = {str(p) for p in _SHOWN}  # "text" holds every other literal


def searchable_nodes(graph: Graph) -> list[URIRef]:
    """Every node of the estate: entities of our kinds, and whatever a relation names.

    Other typed nodes (a snapshot's provenance, an ontology's classes) are not the estate.
    """
    index = index_of(graph)
    return sorted(set(index.kinds) | index.related())


def _clean(text: str) -> str:
    """Graph text without the control characters the highlighter uses as markers."""
    return "".join(ch for ch in text if ch >= " " or ch in "\t\n")


def degree(index: EstateIndex, node: URIRef) -> int:
    """How many relations the node takes part in, either way."""
    n = index.number.get(node)
    if n is None:
        return 0
    none: tuple[int, ...] = ()
    return sum(len(index.out[p].get(n, none)) + len(index.into[p].get(n, none)) for p in PREDICATES)


def documents(
    graph: Graph,
    nodes: Iterable[URIRef] | None = None,
    degrees: Mapping[URIRef, int] | None = None,
) -> Iterator[dict[str, object]]:
    """One whoosh document per searchable node (or per node of ``nodes``); ``degrees``
    when the graph holds only part of each node's relations (an endpoint's copy)."""
    index = index_of(graph)
    pairs = PredicateScan(graph)
    descriptions = _literals(pairs, _DESCRIPTIONS)
    others = _literals(pairs, [URIRef(p) for p in pairs.predicates() - _NOT_OTHER])
    for subject, texts in _context_texts(graph).items():
        others[subject].extend(texts)
    for node in searchable_nodes(graph) if nodes is None else nodes:
        record = index.entity(node)
        owners = index.targets(node, OWNED_BY.predicate)
        owner_words = [index.label(o) for o in owners] + [index.id_of(o) for o in owners]
        yield {
            "iri": str(node),
            "id": _clean(record.id),
            "label": _clean(record.label),
            "kind": str(record.kind),
            "owner": _clean(" ".join(owner_words)),
            "tier": str(record.tier or ""),
            "status": record.status,
            "description": _clean("\n".join(sorted(descriptions.get(str(node), ())))),
            "text": _clean("\n".join(sorted(others.get(str(node), ())))),
            "degree": degrees.get(node, 0) if degrees is not None else degree(index, node),
        }


def _context_texts(graph: Graph) -> dict[str, list[str]]:
    """What was recorded about each node, to be found by it: the questions about it and
    their answers, and where what was said of it came from and who said it."""
    found: dict[str, list[str]] = defaultdict(list)
    for question in questions_of(graph):
        for about in question.about:
            found[about] += [t for t in (question.text, question.answer) if t]
    for statement in statements_of(graph):
        said = [t for t in (statement.source, statement.author) if t]
        found[str(statement.fact[0])] += said
    return found


def _literals(pairs: PredicateScan, predicates: Iterable[URIRef]) -> dict[str, list[str]]:
    """The literal texts of ``predicates``, by subject: a pass per predicate, where asking
    node by node would be a query per node."""
    found: dict[str, list[str]] = defaultdict(list)
    for predicate in predicates:
        for subject, text in zip(*pairs.literals(predicate), strict=True):
            found[subject].append(text)
    return found
