"""Native YAML and CSV: same estate, same graph; references across files; placeholders."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, Graph, Literal
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS

from explorer.domain.errors import InputError
from explorer.domain.vocab import IC, iri_for_id
from explorer.ingest import load
from helpers import SAMPLES

Write = Callable[[str, str | bytes], Path]


def _without_reference_sites(graph: Graph) -> Graph:
    """The graph minus ic:referencedIn, whose 'file:line' differs between formats."""
    out = Graph()
    for triple in graph:
        if triple[1] != IC.referencedIn:
            out.add(triple)
    return out


def ids(graph: Graph, subject: str, predicate: object) -> set[str]:
    return {str(o).rsplit("/", 1)[-1] for o in graph.objects(iri_for_id(subject), predicate)}


class TestSameEstateTwoFormats:
    def test_yaml_and_csv_samples_load_to_the_same_relations(self) -> None:
        from_yaml = load([SAMPLES / "buyer-profile.yaml"]).graph
        from_csv = load([SAMPLES / "buyer-profile.csv"]).graph
        assert len(from_yaml) > 250
        assert isomorphic(_without_reference_sites(from_yaml), _without_reference_sites(from_csv))

    def test_loading_both_twins_adds_nothing_but_reference_sites(self) -> None:
        both = load([SAMPLES / "buyer-profile.yaml", SAMPLES / "buyer-profile.csv"]).graph
        one = load([SAMPLES / "buyer-profile.yaml"]).graph
        assert isomorphic(_without_reference_sites(both), _without_reference_sites(one))


class TestNativeYaml:
    def test_every_field_becomes_its_triple(self, write: Write) -> None:
        path = write(
            "estate.yaml",
            """
services:
  - id: api
    label: Payments API
    description: Takes payments.
    owner: team-a
    depends_on: [db]
    vendors: vendor-x
    assumptions: [three-zones]
    part_of: payments
    tier: 1
resources: [{id: db, owner: team-a}]
systems: [{id: payments, owner: team-a}]
vendors: [{id: vendor-x, owner: alice}]
assumptions: [{id: three-zones, status: Unverified, owner: team-a}]
teams: [{id: team-a, status: active, contact: a@x, members: [alice]}]
people: [{id: alice, contact: alice@x}]
""",
        )
        graph = load([path]).graph
        api = iri_for_id("api")
        assert (api, RDF.type, IC.Service) in graph
        assert (api, RDFS.label, Literal("Payments API")) in graph
        assert ids(graph, "api", IC.dependsOn) == {"db"}
        assert ids(graph, "api", IC.usesVendor) == {"vendor-x"}
        assert ids(graph, "api", IC.assumes) == {"three-zones"}
        assert ids(graph, "api", IC.partOf) == {"payments"}
        assert ids(graph, "api", IC.ownedBy) == {"team-a"}
        assert graph.value(api, IC.tier) == Literal(1)
        assert graph.value(iri_for_id("three-zones"), IC.status) == Literal("unverified")
        assert ids(graph, "alice", IC.memberOf) == {"team-a"}
        assert not list(graph.subjects(RDF.type, IC.Placeholder))

    def test_references_cross_files_and_formats(self, write: Write) -> None:
        services = write("a/services.yaml", "services:\n  - {id: api, owner: payments}\n")
        write("b/teams.csv", "id,kind,contact\npayments,team,p@x\n")
        graph = load([services.parent.parent]).graph
        assert ids(graph, "api", IC.ownedBy) == {"payments"}
        assert (iri_for_id("payments"), RDF.type, IC.Team) in graph

    def test_a_reference_may_use_a_label_or_another_case(self, write: Write) -> None:
        path = write(
            "estate.yaml",
            "services: [{id: api, owner: Payments Core, depends_on: [DB]}]\n"
            "resources: [{id: db}]\n"
            "teams: [{id: payments-core, label: Payments Core}]\n",
        )
        graph = load([path]).graph
        assert ids(graph, "api", IC.ownedBy) == {"payments-core"}
        assert ids(graph, "api", IC.dependsOn) == {"db"}

    def test_a_reference_to_an_rdf_defined_team_resolves(self, write: Write) -> None:
        write(
            "teams.ttl",
            "@prefix ic: <https://infra-context.dev/ontology#> .\n"
            "<http://example.org/teams/dns> a ic:Team ; "
            '<http://www.w3.org/2000/01/rdf-schema#label> "DNS and Edge" .\n',
        )
        path = write("services.yaml", "services: [{id: api, owner: DNS and Edge}]\n")
        graph = load([path.parent]).graph
        assert graph.value(iri_for_id("api"), IC.ownedBy) is not None
        assert str(graph.value(iri_for_id("api"), IC.ownedBy)) == "http://example.org/teams/dns"

    def test_an_undefined_reference_becomes_a_flagged_placeholder(self, write: Write) -> None:
        path = write("estate.yaml", "services:\n  - id: api\n    owner: ghost-team\n")
        graph = load([path]).graph
        ghost = iri_for_id("ghost-team")
        assert (iri_for_id("api"), IC.ownedBy, ghost) in graph
        assert (ghost, RDF.type, IC.Placeholder) in graph
        assert graph.value(ghost, IC.referencedIn) == Literal(f"{path}:3")

    def test_an_unknown_field_is_a_warning_not_a_loss(self, write: Write) -> None:
        result = load([write("e.yaml", "services:\n  - id: api\n    colour: red\n")])
        assert result.warnings == [
            f"{result.sources[0].path}:3: unknown field 'colour' of a service ignored"
        ]

    def test_a_name_beside_an_id_is_the_label(self, write: Write) -> None:
        graph = load([write("e.yaml", "services: [{id: api, name: The API}]\n")]).graph
        assert graph.value(iri_for_id("api"), RDFS.label) == Literal("The API")

    def test_the_same_id_as_two_kinds_is_refused(self, write: Write) -> None:
        first = write("a.yaml", "services: [{id: dns}]\n")
        write("b.yaml", "resources: [{id: dns}]\n")
        with pytest.raises(InputError, match="'dns' is a resource here but a service"):
            load([first.parent])

    def test_a_label_shared_by_two_entities_is_ambiguous(self, write: Write) -> None:
        path = write(
            "e.yaml",
            "services: [{id: api, owner: Core}]\n"
            "teams: [{id: core-1, label: Core}, {id: core-2, label: Core}]\n",
        )
        with pytest.raises(InputError, match="matches the label of several: core-1, core-2"):
            load([path])


class TestCsv:
    def test_header_synonyms_in_any_case(self, write: Write) -> None:
        path = write(
            "estate.csv",
            "Service,Owned By,Dependencies,Vendor,TIER,Description\n"
            "api,team-a,db;cache,vendor-x,1,Takes payments\n",
        )
        graph = load([path]).graph
        assert (iri_for_id("api"), RDF.type, IC.Service) in graph  # no kind column: a service
        assert ids(graph, "api", IC.dependsOn) == {"db", "cache"}
        assert graph.value(iri_for_id("api"), IC.tier) == Literal(1)

    def test_bom_semicolons_and_quoted_delimiters(self, write: Write) -> None:
        path = write(
            "estate.csv",
            "\ufeffid;kind;description;depends_on\r\n"
            'api;service;"Takes payments; refunds, too";"db, cache"\r\n',
        )
        graph = load([path]).graph
        api = iri_for_id("api")
        assert str(graph.value(api, DCTERMS.description)) == "Takes payments; refunds, too"
        assert ids(graph, "api", IC.dependsOn) == {"db", "cache"}

    def test_quoted_commas_with_a_comma_delimiter(self, write: Write) -> None:
        path = write("e.csv", 'id,label\napi,"Payments, refunds and payouts"\n')
        graph = load([path]).graph
        assert graph.value(iri_for_id("api"), RDFS.label) == Literal(
            "Payments, refunds and payouts"
        )

    def test_a_person_row_team_column_is_membership(self, write: Write) -> None:
        path = write("people.csv", "name,kind,team,email\nAlice,person,sre,alice@x\n")
        graph = load([path]).graph
        assert ids(graph, "Alice", IC.memberOf) == {"sre"}
        assert graph.value(iri_for_id("Alice"), IC.contact) == Literal("alice@x")

    def test_blank_rows_are_skipped(self, write: Write) -> None:
        graph = load([write("e.csv", "id\n\napi\n,\n")]).graph
        assert (iri_for_id("api"), RDF.type, IC.Service) in graph
        assert len(graph) == 1
