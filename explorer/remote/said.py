"""What is said about a node on an endpoint: the statements (``rdf:Statement``, see
``explorer.statements``) whose fact is about it, copied so that ``show`` lists them as
it does for a file."""

from __future__ import annotations

from collections.abc import Sequence

from rdflib import RDF, Graph, URIRef

from explorer.remote.client import SparqlClient
from explorer.remote.queries import chunks, iri, values

__all__ = ["statement_copy", "statements_of"]


def statement_copy(client: SparqlClient, about: URIRef) -> Graph:
    """Every triple of every statement whose fact has ``about`` as subject or object."""
    copy = Graph()
    node = iri(about)
    query = (
        f"SELECT ?s ?p ?o WHERE {{ {{ ?s {iri(RDF.subject)} {node} }} UNION "
        f"{{ ?s {iri(RDF.object)} {node} }} ?s a {iri(RDF.Statement)} ; ?p ?o }} "
        "ORDER BY ?s ?p ?o"
    )
    for rows in client.pages(query):
        copy.addN((row["s"], row["p"], row["o"], copy) for row in rows)
    return copy


def statements_of(client: SparqlClient, nodes: Sequence[URIRef]) -> Graph:
    """Every triple of every statement whose fact has one of ``nodes`` as subject: what a
    search finds a node by (who said what of it, and where from)."""
    copy = Graph()
    for part in chunks(sorted(nodes)):
        query = (
            f"SELECT ?s ?p ?o WHERE {{ {values('x', part)} ?s {iri(RDF.subject)} ?x ; "
            f"a {iri(RDF.Statement)} ; ?p ?o }} ORDER BY ?s ?p ?o"
        )
        for rows in client.pages(query):
            copy.addN((row["s"], row["p"], row["o"], copy) for row in rows)
    return copy
