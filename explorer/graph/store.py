"""The store a load fills: Oxigraph under rdflib's ``Graph`` API, literals as written.

rdflib's own parsers and in-memory store take about a minute for a million triples;
Oxigraph, in Rust, parses and stores them ten times faster. Through oxrdflib every rdflib
call still works, so exports, diff and pyshacl need no change, while the loader and the
analysis index talk to the Oxigraph store directly: converting term by term into rdflib
objects would cost most of the gain.

Oxigraph's store keeps numbers, booleans, dates and durations in a binary form and gives
back their canonical spelling (``"01"^^xsd:integer`` comes back as ``"1"``, and ``1.0`` and
``1.`` as one decimal), and rdflib normalises such literals, and XML literals, too. What
goes in must come out, so those literals are stored under a datatype of ours that names the
real one (``LEXICAL`` + its IRI), which the store keeps as text, and the terms made of them
say ``normalize=False`` (rdflib's global switch is not enough: pyshacl turns it back on):
every way out of the store (rdflib's triples, ``PredicateScan``) gives them back as written.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable, Iterator

import pyoxigraph as ox
import rdflib
from oxrdflib import OxigraphStore
from rdflib import RDF, XSD, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.term import Node

# "01"^^xsd:integer stays "01": what goes in comes out. pyshacl sets this back to True
# after every validation, so the literals we make say normalize=False themselves
rdflib.NORMALIZE_LITERALS = False
# an ill-typed literal ("flargh"^^xsd:integer) is valid RDF, kept as written; rdflib logs a
# traceback each time it makes one, which says nothing a user can act on
logging.getLogger("rdflib.term").setLevel(logging.ERROR)

Triple = tuple[Node, Node, Node]
Pattern = tuple[Node | None, Node | None, Node | None]
_STRING = XSD.string  # looked up once: rdflib's namespaces resolve attributes in Python
_XSD, _XSD_STRING = str(XSD), str(XSD.string)
LEXICAL = "urn:infra-explorer:lexical:"  # + a datatype the store would rewrite
_MARKUP = (str(RDF.XMLLiteral), str(RDF.HTML))

__all__ = [
    "LEXICAL",
    "EstateStore",
    "TripleTerm",
    "datatype_of",
    "literal",
    "new_graph",
    "oxigraph_of",
    "stored_quad",
    "stored_quads",
    "version",
    "written_triples",
]


def literal(text: str, datatype: str | None = None, language: str | None = None) -> Literal:
    """An rdflib literal spelt exactly ``text`` (rdflib would rewrite ``"01"^^xsd:integer``
    as ``"1"`` whenever its global switch is on)."""
    typed = URIRef(datatype) if datatype and not language else None
    return Literal(text, lang=language or None, datatype=typed, normalize=False)


def _rewritten(datatype: str) -> bool:
    """Whether the store, or rdflib making a term of it, could give a literal of
    ``datatype`` back in another spelling (rdflib parses XML and HTML literals)."""
    return (datatype.startswith(_XSD) and datatype != _XSD_STRING) or datatype in _MARKUP


def datatype_of(stored: str) -> str:
    """A stored literal's real datatype."""
    return stored[len(LEXICAL) :] if stored.startswith(LEXICAL) else stored


def stored_quad(quad: ox.Quad) -> ox.Quad:
    """``quad`` as the store keeps it as written: a literal it would rewrite, in our datatype;
    in the default graph (named graphs are merged into the estate)."""
    value = quad.object
    if type(value) is ox.Literal and _rewritten(value.datatype.value):
        value = ox.Literal(value.value, datatype=ox.NamedNode(LEXICAL + value.datatype.value))
    return ox.Quad(quad.subject, quad.predicate, value)


class TripleTerm(ValueError):
    """An RDF-star triple term (``<< s p o >>``), which the estate does not hold."""


def stored_quads(quads: Iterable[ox.Quad]) -> Iterator[ox.Quad]:
    """``stored_quad`` of each, where a quad needs it: most are kept as they come (a
    parse of a hundred thousand services makes over a million). Raises ``TripleTerm``."""
    literal, default, triple = ox.Literal, ox.DefaultGraph, ox.Triple
    for quad in quads:
        value = quad.object
        kind = type(value)
        if kind is triple or type(quad.subject) is triple:
            raise TripleTerm(quad)
        if type(quad.graph_name) is not default or (
            kind is literal and _rewritten(value.datatype.value)  # type: ignore[union-attr]
        ):
            yield stored_quad(quad)
        else:
            yield quad


def _stored(node: Node | None) -> Node | None:
    if type(node) is Literal and node.datatype is not None and _rewritten(str(node.datatype)):
        return literal(str(node), LEXICAL + str(node.datatype))
    return node


def _given(node: Node) -> Node:
    """A term out of the store as it was written (and a plain string as a plain one)."""
    if type(node) is Literal and node.datatype is not None:
        if node.datatype == _STRING:
            return Literal(str(node))
        if str(node.datatype).startswith(LEXICAL):
            return literal(str(node), datatype_of(str(node.datatype)))
    return node


class EstateStore(OxigraphStore):
    """An Oxigraph store that counts its changes and its triples cheaply.

    oxrdflib counts triples with a SPARQL ``COUNT(DISTINCT ...)`` (seconds at a million
    triples), and the analysis index must know whether the graph changed since it was
    built without counting: ``generation`` moves on every write made through rdflib.
    """

    def __init__(
        self, oxigraph: ox.Store | None = None, later: Callable[[], ox.Store] | None = None
    ) -> None:
        """``later`` makes the store when it is first asked (a warm start's answers may
        need only the index, not the graph); a lock makes it once."""
        self.generation = 0
        self._later, self._making = later, threading.Lock()
        super().__init__(store=oxigraph if oxigraph is not None or later else ox.Store())

    @property
    def _inner(self) -> ox.Store:
        if self._later is not None:
            with self._making:
                if self._later is not None:
                    self._store, self._later = self._later(), None
        return super()._inner

    @property
    def oxigraph(self) -> ox.Store:
        return self._inner

    @property
    def made(self) -> bool:
        """Whether the store is there (a deferred one is made on first use)."""
        return self._later is None

    def add(self, triple: Triple, context: Graph, quoted: bool = False) -> None:
        subject, predicate, obj = triple
        super().add((subject, predicate, _stored(obj)), context, quoted)  # type: ignore[arg-type]
        self.generation += 1

    def addN(self, quads: Iterable[tuple[Node, Node, Node, Graph]]) -> None:
        super().addN((s, p, _stored(o), g) for s, p, o, g in quads)  # type: ignore[misc]
        self.generation += 1

    def remove(self, triple: Pattern, context: Graph | None = None) -> None:
        subject, predicate, obj = triple
        super().remove((subject, predicate, _stored(obj)), context)
        self.generation += 1

    def triples(
        self, triple_pattern: Pattern, context: Graph | None = None
    ) -> Iterator[tuple[Triple, Iterator[Graph | None]]]:
        """As oxrdflib's, with every literal given back as written.

        ``xsd:string`` literals come back as plain ones: RDF 1.1 makes the two the same,
        and Oxigraph keeps only the typed form; rdflib holds them unequal, so without
        this a label read back would not equal the one written.
        """
        subject, predicate, obj = triple_pattern
        pattern = (subject, predicate, _stored(obj))
        for (s, p, o), contexts in super().triples(pattern, context):
            yield (s, p, _given(o)), contexts

    def __len__(self, context: Graph | None = None) -> int:
        default = context is None or context.identifier == DATASET_DEFAULT_GRAPH_ID
        if default and next(iter(self.oxigraph.named_graphs()), None) is None:
            return len(self.oxigraph)  # every quad is a triple of the default graph
        return super().__len__(context)


def new_graph(
    oxigraph: ox.Store | None = None, later: Callable[[], ox.Store] | None = None
) -> Graph:
    """An rdflib graph over the default graph of an Oxigraph store (a new one if None, or
    the one ``later`` makes when the graph is first read)."""
    return Graph(store=EstateStore(oxigraph, later), identifier=DATASET_DEFAULT_GRAPH_ID)


def oxigraph_of(graph: Graph) -> ox.Store | None:
    """The Oxigraph store under ``graph``, None for graphs on other stores."""
    store = graph.store
    return store.oxigraph if isinstance(store, EstateStore) else None


def written_triples(graph: Graph) -> list[ox.Triple] | None:
    """The graph's triples read straight from Oxigraph, every literal as written; None for
    a graph on another store. (Through rdflib, a snapshot spends most of its time making
    rdflib terms only to turn them back.)"""
    oxigraph = oxigraph_of(graph)
    if oxigraph is None:
        return None
    return [
        ox.Triple(q.subject, q.predicate, _as_written(q.object))
        for q in oxigraph.quads_for_pattern(None, None, None, ox.DefaultGraph())
    ]


def _as_written(
    term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple,
) -> ox.Literal | ox.NamedNode | ox.BlankNode | ox.Triple:
    if type(term) is ox.Literal and term.datatype.value.startswith(LEXICAL):
        return ox.Literal(term.value, datatype=ox.NamedNode(datatype_of(term.datatype.value)))
    return term


def version(graph: Graph) -> int:
    """A number that changes when the graph does, cheap on every store we create.

    Other stores fall back to the triple count, which is cheap for rdflib's memory store.
    """
    store = graph.store
    return store.generation if isinstance(store, EstateStore) else len(graph)
