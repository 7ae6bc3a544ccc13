"""RDF sources: every format loads, round-trips, and folders are read recursively."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from explorer.domain.vocab import IC, iri_for_id
from explorer.export import dump
from explorer.ingest import load
from helpers import SAMPLES, rdf_snapshot_extensions

Write = Callable[[str, str | bytes], Path]

TURTLE = """
@prefix ic: <https://infra-context.dev/ontology#> .
@prefix id: <https://infra-context.dev/id/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
id:api a ic:Service ; rdfs:label "API" ; ic:dependsOn id:db ; ic:ownedBy id:team-a .
id:db a ic:Resource ; rdfs:label "Database" .
id:team-a a ic:Team ; ic:contact "a@example.org" .
"""

RDF_XML = """<?xml version="1.0"?>
<!DOCTYPE rdf:RDF [ <!ENTITY id "https://infra-context.dev/id/"> ]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
         xmlns:rdfs="http://www.w3.org/2000/01/rdf-schema#"
         xmlns:ic="https://infra-context.dev/ontology#">
  <ic:Service rdf:about="&id;api">
    <rdfs:label>API</rdfs:label>
    <ic:dependsOn rdf:resource="&id;db"/>
  </ic:Service>
</rdf:RDF>
"""


class TestRoundTrip:
    @pytest.mark.parametrize("extension", rdf_snapshot_extensions())
    def test_export_then_reload_is_isomorphic(self, tmp_path: Path, extension: str) -> None:
        original = load([SAMPLES / "region-build.ttl"]).graph
        out = tmp_path / f"estate{extension}"
        dump(original, out)
        assert isomorphic(load([out]).graph, original)

    def test_the_yaml_sample_survives_a_snapshot(self, tmp_path: Path) -> None:
        original = load([SAMPLES / "buyer-profile.yaml"]).graph
        dump(original, tmp_path / "x.ttl")
        assert isomorphic(load([tmp_path / "x.ttl"]).graph, original)


class TestFormats:
    def test_rdf_xml_with_internal_entities(self, write: Write) -> None:
        graph = load([write("estate.rdf", RDF_XML)]).graph
        assert (iri_for_id("api"), IC.dependsOn, iri_for_id("db")) in graph

    def test_trig_named_graphs_merge_into_one_graph(self, write: Write) -> None:
        trig = (
            "@prefix ic: <https://infra-context.dev/ontology#> .\n"
            "@prefix id: <https://infra-context.dev/id/> .\n"
            "id:g1 { id:api a ic:Service . }\n"
            "id:g2 { id:api ic:dependsOn id:db . }\n"
        )
        graph = load([write("estate.trig", trig)]).graph
        assert (iri_for_id("api"), IC.dependsOn, iri_for_id("db")) in graph

    def test_format_is_sniffed_when_the_extension_says_nothing(self, write: Write) -> None:
        graph = load([write("estate.txt", TURTLE)]).graph
        assert (iri_for_id("api"), IC.dependsOn, iri_for_id("db")) in graph

    def test_jsonld_with_an_inline_context(self, write: Write) -> None:
        doc = """{"@context": {"ic": "https://infra-context.dev/ontology#"},
                  "@id": "https://infra-context.dev/id/api", "@type": "ic:Service",
                  "ic:dependsOn": {"@id": "https://infra-context.dev/id/db"}}"""
        graph = load([write("estate.jsonld", doc)]).graph
        assert (iri_for_id("api"), IC.dependsOn, iri_for_id("db")) in graph


class TestFolders:
    def test_a_folder_is_read_recursively_skipping_other_files(self, write: Write) -> None:
        write("estate/a/services.ttl", TURTLE)
        write("estate/b/c/teams.yaml", "teams:\n  - id: team-b\n    contact: b@x\n")
        write("estate/notes.txt", "not an estate")
        write("estate/node_modules/lib/broken.ttl", "this is not turtle")  # never a catalog
        result = load([write("estate/a/services.ttl", TURTLE).parent.parent])
        assert {s.path.name for s in result.sources} == {"services.ttl", "teams.yaml"}
        assert (iri_for_id("team-b"), None, None) in result.graph

    def test_a_symbolic_link_cycle_ends(self, write: Write, tmp_path: Path) -> None:
        write("estate/a.ttl", TURTLE)
        (tmp_path / "estate" / "loop").symlink_to(tmp_path / "estate")
        result = load([tmp_path / "estate"])
        assert [s.path.name for s in result.sources] == ["a.ttl"]

    def test_no_source_loads_the_bundled_sample(self) -> None:
        result = load()
        assert result.sources[0].path.name == "region-build.ttl"
        assert isomorphic(result.graph, Graph().parse(SAMPLES / "region-build.ttl"))

    def test_sources_record_their_content_hash(self, write: Write) -> None:
        import hashlib

        path = write("a.ttl", TURTLE)
        (info,) = load([path]).sources
        assert info.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
        assert info.format == "turtle"
