"""The views for other tools open where they claim to: GraphML that the GraphML schema
accepts (what Gephi, yEd and Cytoscape read), DOT that Graphviz itself lays out."""

from __future__ import annotations

import subprocess
import tempfile
from collections.abc import Callable
from functools import cache
from pathlib import Path

import networkx as nx
import pytest
import xmlschema
from hypothesis import given
from hypothesis import strategies as st
from rdflib import Graph, Literal
from rdflib.namespace import RDFS

from explorer.domain.relations import PREDICATES
from explorer.export import render
from explorer.ingest import load
from helpers import SAMPLES, estate, node, program

Write = Callable[[str, str | bytes], Path]
SCHEMA = Path(__file__).parent / "graphml" / "graphml.xsd"
# a service that depends twice over on one node (two relations), and an IRI full of what
# an XML id may not hold
TWICE = estate(
    "id:a a ic:Service ; ic:dependsOn id:b ; ic:partOf id:b ; ic:ownedBy id:t .\n"
    "id:b a ic:System .\n id:t a ic:Team .\n"
    "<https://example.org/estate/x?y=1#z%20w> a ic:Service ; ic:dependsOn id:a .\n"
)
ANY_TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=30)


@cache
def graphml_schema() -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(SCHEMA)


def schema_errors(data: bytes) -> list[str]:
    with tempfile.NamedTemporaryFile(suffix=".graphml") as file:
        file.write(data)
        file.flush()
        return [str(error.reason) for error in graphml_schema().iter_errors(file.name)]


def graphviz_reads(data: bytes) -> subprocess.CompletedProcess[bytes]:
    dot = program("dot", "graphviz")
    return subprocess.run([dot, "-Tsvg", "-o", "/dev/null"], input=data, capture_output=True)


def estates_with_samples() -> list[Graph]:
    return [load([p]).graph for p in (SAMPLES / "region-build.ttl", SAMPLES / "backstage")] + [
        TWICE
    ]


class TestGraphML:
    @pytest.mark.parametrize("graph", estates_with_samples(), ids=["region", "backstage", "twice"])
    def test_every_export_is_valid_graphml(self, graph: Graph) -> None:
        assert schema_errors(render(graph, ".graphml")) == []

    def test_the_schema_refuses_what_the_tools_refuse(self) -> None:
        """The check can fail: an IRI as a node id, two edges with one id."""
        written = render(TWICE, ".graphml").decode()
        broken = written.replace('id="n1"', 'id="https://infra-context.dev/id/b"', 1)
        assert any("id=" in e for e in schema_errors(broken.encode()))
        assert schema_errors(written.replace('id="e1"', 'id="e0"').encode())

    def test_edges_have_unique_ids_and_every_relation_is_kept(self) -> None:
        with tempfile.NamedTemporaryFile(suffix=".graphml") as file:
            file.write(render(TWICE, ".graphml"))
            file.flush()
            opened = nx.read_graphml(file.name, force_multigraph=True)
        ids = [key for _, _, key in opened.edges(keys=True)]
        assert (
            len(ids)
            == len(set(ids))
            == len([t for p in PREDICATES for t in TWICE.triples((None, p, None))])
        )
        iri = dict(opened.nodes(data="iri"))
        assert {(iri[s], iri[t]) for s, t in opened.edges()} >= {
            (str(node("a")), str(node("b"))),
            ("https://example.org/estate/x?y=1#z%20w", str(node("a"))),
        }

    @given(ANY_TEXT)
    def test_any_label_gives_valid_graphml(self, label: str) -> None:
        graph = Graph() + TWICE
        graph.set((node("a"), RDFS.label, Literal(label)))
        assert schema_errors(render(graph, ".graphml")) == []


class TestDot:
    @pytest.mark.parametrize("graph", estates_with_samples(), ids=["region", "backstage", "twice"])
    def test_graphviz_lays_out_every_export(self, graph: Graph) -> None:
        done = graphviz_reads(render(graph, ".dot"))
        assert done.returncode == 0 and not done.stderr, done.stderr

    @given(ANY_TEXT)
    def test_graphviz_reads_any_label(self, label: str) -> None:
        graph = Graph() + TWICE
        graph.set((node("a"), RDFS.label, Literal(label)))
        done = graphviz_reads(render(graph, ".dot"))
        assert done.returncode == 0, (label, done.stderr)

    def test_graphviz_refuses_what_is_not_dot(self) -> None:
        """The check can fail."""
        assert graphviz_reads(b'digraph { "a" -> ').returncode != 0
