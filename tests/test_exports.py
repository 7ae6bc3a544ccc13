"""The views for other tools open where they claim to: GraphML that the GraphML schema
accepts (what Gephi, yEd and Cytoscape read), DOT that Graphviz itself lays out."""

from __future__ import annotations

import io
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

from explorer.domain.kinds import Kind
from explorer.domain.looks import KIND_LOOKS, RELATION_LOOKS, pale, relation_look
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


class TestOneLook:
    """The DOT and GraphML views draw each kind and relation as the canvas does: from the
    one looks table (``explorer.domain.looks``)."""

    def test_dot_edges_and_nodes_take_the_tables_lines_colours_and_shapes(self) -> None:
        import pydot

        (drawn,) = pydot.graph_from_dot_data(render(TWICE, ".dot").decode())
        for edge in drawn.get_edges():
            look = relation_look(edge.get("label").strip('"'))
            assert edge.get("style") == str(look.line)
            assert edge.get("color").strip('"') == look.colour
        services = [n for n in drawn.get_nodes() if "service" in (n.get("tooltip") or "")]
        assert services and all(n.get("shape") == "box" for n in services)
        assert {n.get("fillcolor").strip('"') for n in services} == {
            pale(KIND_LOOKS[Kind.SERVICE].colour)
        }

    def test_owned_by_is_one_line_everywhere(self) -> None:
        written = nx.read_graphml(io.BytesIO(render(TWICE, ".graphml")))
        lines = {d["relation"]: (d["line"], d["colour"]) for _, _, d in written.edges(data=True)}
        owned = RELATION_LOOKS["owned by"]
        assert lines["owned by"] == (str(owned.line), owned.colour)
        kinds = {d["kind"]: (d["shape"], d["colour"]) for _, d in written.nodes(data=True)}
        system = KIND_LOOKS[Kind.SYSTEM]
        assert kinds["system"] == (str(system.shape), system.colour)
