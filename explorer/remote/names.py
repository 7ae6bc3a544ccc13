"""Which nodes an endpoint holds: how many, which one a user means, and the first few.

A node is named as for a local file (``explorer.graph.lookup``): an IRI, a ``prefix:name``, an
id, or an exact label. The server finds the candidates; the local rules choose.
"""

from __future__ import annotations

from urllib.parse import quote

from rdflib import RDFS, Graph, URIRef

from explorer.domain.errors import UnknownNode
from explorer.domain.model import Entity
from explorer.domain.progress import StepProgress, quiet
from explorer.domain.vocab import PREFIXES, id_from_iri, iri_for_id
from explorer.graph.index import index_of
from explorer.graph.lookup import choose, closest, expand
from explorer.remote.client import SparqlClient
from explorer.remote.mirror import Mirror
from explorer.remote.queries import entity, iri

__all__ = ["count_entities", "first_entities", "resolve"]

_TYPED = entity("x")  # a node of one of our kinds: what the local ``entities`` lists


def count_entities(client: SparqlClient) -> int:
    """How many nodes of our kinds the endpoint holds (0 says: not an estate)."""
    rows = client.select(f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ {_TYPED} }}")
    return int(str(rows[0]["n"])) if rows else 0


def resolve(client: SparqlClient, text: str) -> URIRef:
    """The node ``text`` names, as ``explorer.graph.lookup.resolve_node`` finds it in a file."""
    text = text.strip()
    namespaces = {prefix: str(ns) for prefix, ns in PREFIXES.items()}
    for node in (expand(namespaces, text), iri_for_id(text)):
        if node is not None and _named(client, node):
            return node
    found = _entities(client, _nodes(client, f"FILTER({_names_like(text, exact=True)})"))
    picked = choose(text, found)
    if picked is not None:
        return picked
    shown = id_from_iri(text) if text.startswith(str(iri_for_id(""))) else text
    near = _entities(client, _nodes(client, f"FILTER({_names_like(shown[:4], exact=False)})"))
    raise UnknownNode(shown, closest(shown, near))


def first_entities(client: SparqlClient, limit: int, tick: StepProgress = quiet) -> Graph:
    """A copy of the first ``limit`` entities in IRI order, and the relations among them."""
    mirror = Mirror(client, tick)
    mirror.describe_with_owners(_nodes(client, "", limit))
    return mirror.graph


def _named(client: SparqlClient, node: URIRef) -> bool:
    return client.exists(f"{{ {iri(node)} ?p ?o }} UNION {{ ?s ?p {iri(node)} }}")


def _names_like(text: str, exact: bool) -> str:
    folded = text.lower().replace("\\", "\\\\").replace('"', '\\"')
    if exact:
        tails = [f"/{folded}", f"#{folded}", f"/{quote(folded, safe='')}"]
        ends = " || ".join(f'STRENDS(LCASE(STR(?x)), "{t}")' for t in tails)
        label = f'EXISTS {{ ?x {iri(RDFS.label)} ?l FILTER(LCASE(STR(?l)) = "{folded}") }}'
        return f"{label} || {ends}"
    return (
        f'CONTAINS(LCASE(STR(?x)), "{folded}") || EXISTS {{ ?x {iri(RDFS.label)} ?l '
        f'FILTER(CONTAINS(LCASE(STR(?l)), "{folded}")) }}'
    )


def _nodes(client: SparqlClient, where: str, limit: int = 50) -> list[URIRef]:
    """Nodes of our kinds passing ``where``, at most ``limit``, in IRI order."""
    query = f"SELECT DISTINCT ?x WHERE {{ {_TYPED} {where} }} ORDER BY ?x LIMIT {limit}"
    return [row["x"] for row in client.select(query)]  # type: ignore[misc]


def _entities(client: SparqlClient, nodes: list[URIRef]) -> list[Entity]:
    mirror = Mirror(client)
    mirror.describe_with_owners(nodes)
    index = index_of(mirror.graph)
    return [index.entity(n) for n in nodes]
