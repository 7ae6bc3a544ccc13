"""What the deploy gaps read, copied from an endpoint: each node's kinds of evidence, the
parts of every system a deploy file runs part of, and what CODEOWNERS says (its links
and the statements that name their lines), so ``explorer.analysis.deploy_gaps`` answers
on the copy as on a file."""

from __future__ import annotations

from rdflib import RDF, Graph

from explorer.domain.relations import PART_OF, Evidence
from explorer.domain.vocab import IC
from explorer.remote.client import SparqlClient
from explorer.remote.queries import iri

__all__ = ["deploy_copy"]

_EVIDENCE, _PART_OF, _CODE_OWNER = iri(IC.evidence), iri(PART_OF.predicate), iri(IC.codeOwner)
_QUERIES = (
    f"SELECT ?s ?p ?o WHERE {{ ?s {_EVIDENCE} ?o BIND({_EVIDENCE} AS ?p) }}",
    f'SELECT DISTINCT ?s ?p ?o WHERE {{ ?m {_EVIDENCE} "{Evidence.DEPLOYED}" ; {_PART_OF} ?o .'
    f" ?s {_PART_OF} ?o BIND({_PART_OF} AS ?p) }}",
    f"SELECT ?s ?p ?o WHERE {{ ?s {_CODE_OWNER} ?o BIND({_CODE_OWNER} AS ?p) }}",
    f"SELECT ?s ?p ?o WHERE {{ ?s {iri(RDF.predicate)} {_CODE_OWNER} ; ?p ?o }}",
)


def deploy_copy(client: SparqlClient) -> Graph:
    """The triples the deploy gaps read, paged; an estate with no deploy file has none."""
    copy = Graph()
    for query in _QUERIES:
        for rows in client.pages(f"{query}\nORDER BY ?s ?p ?o"):
            copy.addN((row["s"], row["p"], row["o"], copy) for row in rows)
    return copy
