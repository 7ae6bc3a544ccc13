"""The Oxigraph-backed graph a load returns behaves as an rdflib graph, and is read fast."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from rdflib import RDFS, Graph, Literal, URIRef

from explorer.domain.errors import UnknownNode
from explorer.domain.vocab import IC
from explorer.estate.files import FileEstate
from explorer.graph.index import index_of
from explorer.graph.store import EstateStore, oxigraph_of
from explorer.ingest import load
from helpers import SAMPLES, estate, node

Write = Callable[[str, str | bytes], Path]


class TestTheGraphALoadReturns:
    def test_is_on_oxigraph_and_counts_its_triples(self) -> None:
        graph = load([SAMPLES / "region-build.ttl"]).graph
        assert isinstance(graph.store, EstateStore)
        assert oxigraph_of(graph) is not None
        assert len(graph) == len(Graph().parse(SAMPLES / "region-build.ttl"))

    def test_plain_literals_read_back_equal_to_what_was_written(self) -> None:
        graph = estate('id:a a ic:Service ; rdfs:label "Payments" .\n', "oxigraph")
        assert graph.value(node("a"), RDFS.label) == Literal("Payments")
        assert (node("a"), RDFS.label, Literal("Payments")) in graph

    def test_the_index_follows_a_change_to_the_graph(self) -> None:
        graph = estate("id:a a ic:Service .\n", "oxigraph")
        assert index_of(graph).targets(node("a"), IC.dependsOn) == []
        graph.add((node("a"), IC.dependsOn, node("b")))
        assert index_of(graph).targets(node("a"), IC.dependsOn) == [node("b")]

    def test_both_stores_give_the_same_index(self) -> None:
        text = (SAMPLES / "region-build.ttl").read_text()
        memory, oxigraph = Graph().parse(data=text), load([SAMPLES / "region-build.ttl"]).graph
        a, b = index_of(memory), index_of(oxigraph)
        assert a.entities() == b.entities()
        assert a.nodes == b.nodes
        assert a.out == b.out and a.into == b.into
        assert a.values == b.values


class TestOrigins:
    def test_one_rdf_file_describes_its_subjects_and_nothing_else(self) -> None:
        session = FileEstate(load([SAMPLES / "region-build.ttl"]))
        path = str(SAMPLES / "region-build.ttl")
        assert session.details(str(node("dns-zone"))).origins == (path,)
        with pytest.raises(UnknownNode, match=r"elsewhere\.example/x"):
            session.details("https://elsewhere.example/x")  # described nowhere

    def test_several_files_each_name_what_they_describe(self, write: Write) -> None:
        ttl = write("a.ttl", '@prefix id: <https://infra-context.dev/id/> .\nid:x <urn:p> "1" .\n')
        yaml = write("b.yaml", "services:\n  - id: y\n    depends_on: [x]\n")
        session = FileEstate(load([ttl, yaml]))
        assert session.details(str(node("x"))).origins == (str(ttl),)
        assert session.details(str(node("y"))).origins == (f"{yaml}:2",)
        with pytest.raises(UnknownNode, match="urn:none"):
            session.details(str(URIRef("urn:none")))
