"""Snapshots: every format, provenance, determinism, formula escaping, atomic writes."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import networkx as nx
import pydot
import pytest
from rdflib import Graph, Literal
from rdflib.compare import isomorphic
from rdflib.namespace import PROV, RDFS

from explorer.analysis import blast_radius, ownership_gaps
from explorer.domain.relations import PREDICATES as RELATIONS
from explorer.domain.vocab import IC
from explorer.export import dump, render
from explorer.export.provenance import provenance_of, without_provenance
from explorer.formats.registry import written_extensions
from explorer.ingest import load
from explorer.search import search
from helpers import SAMPLES, node, rdf_snapshot_extensions, run_cli

Write = Callable[[str, str | bytes], Path]
MADE = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)


def relations(graph: Graph) -> set[tuple[str, str, str]]:
    """Our relations and attributes, as text, ignoring where references were made."""
    keep = (*RELATIONS, IC.tier, IC.status, IC.contact, RDFS.label)
    return {(str(s), str(p), str(o)) for p in keep for s, o in graph.subject_objects(p)}


@pytest.fixture(params=["region-build.ttl", "buyer-profile.yaml"])
def estate(request: pytest.FixtureRequest) -> Path:
    return SAMPLES / request.param


class TestRoundTrip:
    @pytest.mark.parametrize("extension", rdf_snapshot_extensions())
    def test_rdf_formats_are_isomorphic_after_dropping_provenance(
        self, estate: Path, tmp_path: Path, extension: str
    ) -> None:
        result = load([estate])
        out = tmp_path / f"snapshot{extension}"
        dump(result.graph, out, provenance_of(result, MADE))
        assert isomorphic(without_provenance(load([out]).graph), result.graph)

    def test_csv_loads_back_to_the_same_relations(self, estate: Path, tmp_path: Path) -> None:
        original = load([estate]).graph
        dump(original, tmp_path / "snapshot.csv")
        again = load([tmp_path / "snapshot.csv"]).graph
        remade = {str(p) for g in (original, again) for p in g.subjects(None, IC.Placeholder)}
        # placeholders for dangling references are made anew by each import
        assert {r for r in relations(again) if r[0] not in remade} == {
            r for r in relations(original) if r[0] not in remade
        }

    def test_graphml_opens_in_networkx_with_the_attributes_tools_need(
        self, estate: Path, tmp_path: Path
    ) -> None:
        graph = load([estate]).graph
        dump(graph, tmp_path / "snapshot.graphml")
        opened = nx.read_graphml(tmp_path / "snapshot.graphml")
        iri = dict(opened.nodes(data="iri"))
        gaps = {g.entity.iri for g in ownership_gaps(graph)}
        assert {data["iri"] for _, data in opened.nodes(data=True) if data["gap"]} == gaps
        some = next(iter(opened.nodes(data=True)))[1]
        wanted = {"iri", "id", "label", "kind", "owner", "tier", "status", "gap", "gap_rules"}
        assert wanted <= set(some)
        deps = {
            (iri[s], iri[t]) for s, t, d in opened.edges(data=True) if d["relation"] == "depends on"
        }
        assert deps == {(str(s), str(o)) for s, o in graph.subject_objects(IC.dependsOn)}

    def test_dot_parses_with_every_node(self, tmp_path: Path) -> None:
        graph = load().graph
        dump(graph, tmp_path / "snapshot.dot")
        (parsed,) = pydot.graph_from_dot_file(str(tmp_path / "snapshot.dot"))
        names = {n.get_name().strip('"') for n in parsed.get_nodes()} - {"node", "graph", "edge"}
        assert str(node("dns-service")) in names
        assert len(parsed.get_edges()) == len(
            [t for p in RELATIONS for t in graph.subject_objects(p)]
        )


class TestDeterminism:
    @pytest.mark.parametrize("extension", [".ttl", ".nt", ".csv", ".graphml"])
    def test_the_same_graph_gives_the_same_bytes(self, estate: Path, extension: str) -> None:
        first, second = load([estate]), load([estate])
        assert render(first.graph, extension, provenance_of(first, MADE)) == render(
            second.graph, extension, provenance_of(second, MADE)
        )

    def test_source_date_epoch_fixes_the_time(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
        assert provenance_of(load()).made == datetime(2023, 11, 14, 22, 13, 20, tzinfo=UTC)


class TestProvenance:
    def test_an_rdf_snapshot_says_when_by_what_and_from_which_sources(self, tmp_path: Path) -> None:
        result = load([SAMPLES / "buyer-profile.yaml", SAMPLES / "buyer-profile.csv"])
        out = tmp_path / "x.ttl"
        dump(result.graph, out, provenance_of(result, MADE))
        graph = load([out]).graph
        (snapshot,) = graph.subjects(PROV.generatedAtTime, None)
        assert graph.value(snapshot, PROV.generatedAtTime).toPython() == MADE
        agent = graph.value(snapshot, PROV.wasAttributedTo)
        assert str(graph.value(agent, RDFS.label)).startswith("infra-explorer ")
        sources = {
            str(graph.value(s, RDFS.label)): str(s)
            for s in graph.objects(snapshot, PROV.wasDerivedFrom)
        }
        assert set(sources) == {str(s.path) for s in result.sources}
        assert {v.removeprefix("urn:sha256:") for v in sources.values()} == {
            s.sha256 for s in result.sources
        }

    def test_trig_keeps_provenance_in_a_graph_of_its_own(self, tmp_path: Path) -> None:
        from rdflib import Dataset

        result = load()
        dump(result.graph, tmp_path / "x.trig", provenance_of(result, MADE))
        dataset = Dataset().parse(tmp_path / "x.trig", format="trig")
        named = [g for g in dataset.graphs() if (None, PROV.generatedAtTime, None) in g]
        assert len(named) == 1 and named[0].identifier != dataset.default_graph.identifier

    def test_provenance_changes_no_answer(self, tmp_path: Path) -> None:
        result = load()
        dump(result.graph, tmp_path / "x.ttl", provenance_of(result, MADE))
        with_provenance = load([tmp_path / "x.ttl"]).graph
        assert len(with_provenance) > len(result.graph)
        for graph in (result.graph, with_provenance):
            assert [g.rule for g in ownership_gaps(graph)] == [
                g.rule for g in ownership_gaps(result.graph)
            ]
            assert blast_radius(graph, node("dns-zone")) == blast_radius(
                result.graph, node("dns-zone")
            )
        assert not search(with_provenance, "snapshot")
        assert not search(with_provenance, "region-build.ttl")


class TestSafety:
    def test_formula_cells_are_escaped_and_read_back(self, write: Write, tmp_path: Path) -> None:
        path = write(
            "e.yaml",
            "services:\n  - id: api\n    label: '=HYPERLINK(\"http://x\")'\n"
            "    description: '+1 for payments; @ops -2'\n",
        )
        graph = load([path]).graph
        dump(graph, tmp_path / "x.csv")
        rows = list(csv.DictReader(io.StringIO((tmp_path / "x.csv").read_text())))
        assert rows[0]["label"] == '\'=HYPERLINK("http://x")'
        assert rows[0]["description"] == "'+1 for payments; @ops -2"
        again = load([tmp_path / "x.csv"]).graph
        assert again.value(node("api"), RDFS.label) == Literal('=HYPERLINK("http://x")')

    def test_an_id_with_a_separator_cannot_go_to_csv(self, tmp_path: Path) -> None:
        graph = Graph().parse(
            data="@prefix ic: <https://infra-context.dev/ontology#> .\n"
            "<https://infra-context.dev/id/a> a ic:Service ; "
            "ic:dependsOn <https://infra-context.dev/id/b%3Bc> .\n",
            format="turtle",
        )
        with pytest.raises(Exception, match="';' and ',' separate ids"):
            dump(graph, tmp_path / "x.csv")
        assert not (tmp_path / "x.csv").exists()

    def test_the_cli_writes_every_format_and_never_an_input(self, tmp_path: Path) -> None:
        for extension in written_extensions():
            done = run_cli("snapshot", "-o", tmp_path / f"s{extension}")
            assert done.returncode == 0, done.stderr
        done = run_cli("snapshot", tmp_path / "s.ttl", "-o", tmp_path / "s.ttl")
        assert done.returncode == 2 and "is one of the inputs" in done.stderr
