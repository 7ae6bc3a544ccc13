"""Backstage catalogs: kinds, reference forms, namespaces, Locations, integrity gaps."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from rdflib import RDF, Graph, Literal
from rdflib.namespace import ORG, RDFS

from explorer.analysis import blast_radius, ownership_gaps
from explorer.domain.errors import InputError
from explorer.domain.vocab import IC
from explorer.ingest import load
from explorer.search import search
from helpers import SAMPLES, node, run_cli

Write = Callable[[str, str | bytes], Path]
CATALOG = SAMPLES / "backstage"
HEAD = "apiVersion: backstage.io/v1alpha1\n"


def doc(kind: str, name: str, spec: str = "{}", metadata: str = "") -> str:
    return f"{HEAD}kind: {kind}\nmetadata: {{name: {name}{metadata}}}\nspec: {spec}\n"


def targets(graph: Graph, subject: str, predicate: object) -> set[str]:
    return {
        str(o).removeprefix("https://infra-context.dev/id/")
        for o in graph.objects(node(subject), predicate)
    }


class TestKinds:
    @pytest.mark.parametrize(
        ("kind", "cls"),
        [
            ("Component", IC.Service),
            ("API", IC.Service),
            ("Resource", IC.Resource),
            ("System", IC.System),
            ("Domain", IC.System),
            ("Group", IC.Team),
            ("User", IC.Person),
            ("Template", IC.CatalogEntity),
            ("Environment", IC.CatalogEntity),
        ],
    )
    def test_every_kind_maps_to_a_class(self, write: Write, kind: str, cls: object) -> None:
        graph = load([write("c.yaml", doc(kind, "Thing"))]).graph
        assert (node(f"{kind.lower()}/default/thing"), RDF.type, cls) in graph

    def test_a_kind_we_do_not_model_is_reported_once(self, write: Write) -> None:
        path = write("c.yaml", doc("Product", "a", "{owner: t}") + "---\n" + doc("Product", "b"))
        result = load([path])
        assert [w for w in result.warnings if "not modelled" in w] == [
            f"Backstage kind 'Product' is not modelled: kept as a generic entity (first in {path})"
        ]
        assert targets(result.graph, "product/default/a", IC.ownedBy) == {"group/default/t"}

    def test_metadata_is_kept_for_search(self, write: Write) -> None:
        text = doc(
            "Component",
            "pay",
            "{type: service, lifecycle: production}",
            ", title: Payments, description: Takes money, tags: [pci],"
            " labels: {tier: gold}, annotations: {'pagerduty.com/id': PX9},"
            " links: [{url: 'https://rb.example', title: Runbook}]",
        )
        graph = load([write("c.yaml", text)]).graph
        pay = node("component/default/pay")
        assert graph.value(pay, RDFS.label) == Literal("Payments")
        assert graph.value(pay, IC.type) == Literal("service")
        assert graph.value(pay, IC.status) == Literal("production")
        assert {str(a) for a in graph.objects(pay, IC.annotation)} == {
            "tier: gold",
            "pagerduty.com/id: PX9",
        }
        assert str(graph.value(pay, IC.link)) == "Runbook: https://rb.example"
        assert [h.id for h in search(graph, "PX9")] == ["component/default/pay"]
        assert [h.id for h in search(graph, "pci")] == ["component/default/pay"]


class TestReferences:
    @pytest.mark.parametrize(
        "reference",
        [
            "payments",
            "group:payments",
            "group:default/payments",
            "Group:Default/Payments",
            "{kind: Group, name: payments}",
            "{kind: group, namespace: default, name: payments}",
        ],
    )
    def test_every_form_of_an_owner_reference(self, write: Write, reference: str) -> None:
        path = write(
            "c.yaml",
            doc("Component", "a", f"{{owner: {reference}}}") + "---\n" + doc("Group", "payments"),
        )
        graph = load([path]).graph
        assert targets(graph, "component/default/a", IC.ownedBy) == {"group/default/payments"}
        assert not list(graph.subjects(RDF.type, IC.Placeholder))

    def test_the_default_namespace_is_the_referring_entitys(self, write: Write) -> None:
        path = write("c.yaml", doc("Component", "a", "{owner: ops-team}", ", namespace: ops"))
        graph = load([path]).graph
        assert targets(graph, "component/ops/a", IC.ownedBy) == {"group/ops/ops-team"}

    def test_the_default_kind_follows_the_field(self, write: Write) -> None:
        spec = (
            "{owner: t, system: s, dependsOn: [resource:db], consumesApis: [orders],"
            " providesApis: [pay-api], dependencyOf: [web], subcomponentOf: parent}"
        )
        graph = load([write("c.yaml", doc("Component", "a", spec))]).graph
        a = "component/default/a"
        assert targets(graph, a, IC.ownedBy) == {"group/default/t"}
        assert targets(graph, a, IC.partOf) == {"system/default/s", "component/default/parent"}
        assert targets(graph, a, IC.dependsOn) == {"resource/default/db", "api/default/orders"}
        assert targets(graph, "api/default/pay-api", IC.dependsOn) == {a}  # API needs provider
        assert targets(graph, "component/default/web", IC.dependsOn) == {a}

    def test_groups_users_and_the_team_hierarchy(self, write: Write) -> None:
        text = (
            doc("Group", "eng", "{children: [pay]}")
            + "---\n"
            + doc("Group", "pay", "{parent: eng, members: [jo], profile: {email: p@x}}")
            + "---\n"
            + doc("User", "ann", "{memberOf: [pay], profile: {email: ann@x, displayName: Ann}}")
        )
        graph = load([write("c.yaml", text)]).graph
        assert targets(graph, "group/default/pay", ORG.subOrganizationOf) == {"group/default/eng"}
        assert targets(graph, "user/default/ann", IC.memberOf) == {"group/default/pay"}
        assert targets(graph, "user/default/jo", IC.memberOf) == {"group/default/pay"}
        assert graph.value(node("user/default/ann"), RDFS.label) == Literal("Ann")
        assert graph.value(node("group/default/pay"), IC.contact) == Literal("p@x")

    @pytest.mark.parametrize("bad", ["'group:'", "'https://x/y'", "[[x]]", "{kind: group}"])
    def test_a_malformed_reference_is_refused(self, write: Write, bad: str) -> None:
        path = write(
            "c.yaml", doc("Group", "ok") + "---\n" + doc("Component", "a", f"{{owner: {bad}}}")
        )
        with pytest.raises(InputError, match=r"document 2: .*(malformed|reference)") as caught:
            load([path])
        assert caught.value.path == str(path) and caught.value.line == 6

    @pytest.mark.parametrize(
        ("text", "problem"),
        [
            (f"{HEAD}metadata: {{name: a}}\n", "document 1: a descriptor needs a kind"),
            (
                f"{HEAD}kind: Component\nmetadata: {{title: A}}\n",
                "document 1: a descriptor needs metadata.name",
            ),
        ],
    )
    def test_a_descriptor_without_kind_or_name(self, write: Write, text: str, problem: str) -> None:
        with pytest.raises(InputError, match=problem):
            load([write("c.yaml", text)])


class TestLocations:
    def test_relative_targets_are_followed_and_urls_and_escapes_are_not(
        self, write: Write, tmp_path: Path
    ) -> None:
        write("outside.yaml", doc("Component", "outside"))
        write("cat/teams/t.yaml", doc("Group", "t"))
        write(
            "cat/more/loop.yaml",
            f"{HEAD}kind: Location\nmetadata: {{name: loop}}\n"
            "spec: {targets: [../catalog-info.yaml, ../teams/*.yaml]}\n",
        )
        root = write(
            "cat/catalog-info.yaml",
            f"{HEAD}kind: Location\nmetadata: {{name: root}}\nspec:\n  targets:\n"
            "    - ./teams/t.yaml\n    - more/loop.yaml\n    - ../outside.yaml\n"
            "    - https://example.org/x.yaml\n    - ./missing.yaml\n",
        )
        result = load([root])
        assert sorted(s.path.name for s in result.sources) == [
            "catalog-info.yaml",
            "loop.yaml",
            "t.yaml",
        ]
        assert (node("group/default/t"), RDF.type, IC.Team) in result.graph
        assert (node("component/default/outside"), None, None) not in result.graph
        said = " ".join(result.warnings)
        assert "'../outside.yaml' leaves" in said and "is a URL; not followed" in said
        assert "'./missing.yaml' names no file" in said


class TestTheSampleCatalog:
    def test_owners_dependencies_and_gaps(self) -> None:
        graph = load([CATALOG / "catalog-info.yaml"]).graph
        assert targets(graph, "component/default/payments-api", IC.dependsOn) == {
            "resource/default/payments-db",
            "component/default/fraud-check",
        }
        gaps = {(g.entity.id, g.rule) for g in ownership_gaps(graph)}
        assert gaps == {("component/default/fraud-check", "dangling-owner")}  # said once

    def test_blast_radius_across_a_component_to_resource_dependency(self) -> None:
        graph = load([CATALOG]).graph
        answer = blast_radius(graph, node("resource/default/payments-db"))
        assert {i.entity.id: i.distance for i in answer.impacted} == {
            "component/default/payments-api": 1,
            "api/default/payments-openapi": 2,
            "component/default/checkout-web": 3,
        }
        assert {t.entity.id for t in answer.teams} == {
            "group/default/payments-team",
            "group/ops/platform-team",
        }

    def test_the_cli_answers_on_the_folder(self) -> None:
        done = run_cli("blast-radius", "Payments database", CATALOG)
        assert done.returncode == 0, done.stderr
        assert "Checkout web" in done.stdout and "Platform Team" in done.stdout
        gaps = run_cli("gaps", CATALOG, "--fail-on-gaps")
        assert gaps.returncode == 1
        assert "Fraud check is owned by 'legacy-risk'" in gaps.stdout  # as the file wrote it
