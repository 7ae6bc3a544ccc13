"""resolve_node: IRI, prefix:name, id or exact label; ambiguity and typos explained."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from rdflib import URIRef

from explorer.domain.errors import InputError
from explorer.graph.lookup import resolve_node
from explorer.ingest import load
from helpers import estate, node

Write = Callable[[str, str | bytes], Path]

GRAPH = """
id:ledger-a a ic:Service ; rdfs:label "Ledger" .
id:ledger-b a ic:Service ; rdfs:label "Ledger" .
id:payments a ic:Service ; rdfs:label "Payments API" ; ic:ownedBy id:team-gone .
id:Payments a ic:Team .
"""


class TestResolveNode:
    @pytest.mark.parametrize(
        "text",
        [
            "https://infra-context.dev/id/payments",
            "id:payments",
            "payments",
            "payments api",
            " Payments API ",
        ],
    )
    def test_iri_prefixed_name_id_and_label(self, text: str) -> None:
        assert resolve_node(estate(GRAPH), text) == node("payments")

    def test_an_exact_case_id_wins_over_a_case_insensitive_one(self) -> None:
        assert resolve_node(estate(GRAPH), "Payments") == node("Payments")

    def test_a_node_only_referenced_can_be_named_by_id(self) -> None:
        assert resolve_node(estate(GRAPH), "team-gone") == node("team-gone")

    def test_an_ambiguous_label_lists_the_candidates(self) -> None:
        with pytest.raises(InputError) as caught:
            resolve_node(estate(GRAPH), "ledger")
        assert str(caught.value) == (
            "'ledger' is ambiguous: it names ledger-a (Ledger, service), ledger-b (Ledger, service)"
        )

    def test_an_unknown_name_lists_the_closest(self) -> None:
        with pytest.raises(
            InputError, match=r"unknown node 'paymnts'; closest: .*payments \(Payments API\)"
        ):
            resolve_node(estate(GRAPH), "paymnts")

    def test_nothing_close_suggests_search(self) -> None:
        with pytest.raises(InputError, match="closest: none"):
            resolve_node(estate(GRAPH), "zzzz")

    def test_a_prefix_declared_in_a_source_can_be_used(self, write: Write) -> None:
        path = write(
            "estate.ttl",
            "@prefix ex: <http://example.org/estate/> .\n"
            "@prefix ic: <https://infra-context.dev/ontology#> .\n"
            "ex:dns a ic:Service .\n",
        )
        assert resolve_node(load([path]).graph, "ex:dns") == URIRef("http://example.org/estate/dns")

    def test_an_iri_not_in_the_graph_is_unknown(self) -> None:
        with pytest.raises(InputError, match="unknown node"):
            resolve_node(estate(GRAPH), "https://example.org/nothing")
