"""The bundled Harbor sample: five repositories (a Backstage catalog with CODEOWNERS, a
Compose file, Kubernetes manifests, a Terraform state, a PagerDuty export) load into one
estate; blast radius runs across all of them; the deploy gaps fire where they should and
nowhere else."""

from __future__ import annotations

import json

import pytest

from explorer.analysis import Via, blast_radius, ownership_gaps
from explorer.domain.relations import Evidence
from explorer.domain.rules import DEPLOY_RULES
from explorer.domain.vocab import IC, iri_for_id
from explorer.ingest import load
from explorer.ingest.result import LoadResult
from helpers import SAMPLES, run_cli

HARBOR = SAMPLES / "harbor"


@pytest.fixture(scope="module")
def harbor() -> LoadResult:
    return load([HARBOR])


def test_every_source_is_read_into_one_estate(harbor: LoadResult) -> None:
    assert harbor.problems == []
    formats = {s.format for s in harbor.sources}
    assert {"yaml", "terraform", "oncall", "codeowners"} <= formats
    # the catalog's checkout, its Deployment and its PagerDuty service are one node
    places = harbor.origins.of(iri_for_id("component/default/checkout"))
    assert {p.rsplit(":", 1)[0].rsplit("/", 1)[-1] for p in places} == {
        "shop.yaml",
        "pagerduty-services.json",
        "checkout.yaml",
    }
    # the Terraform database went into the catalog's resource by its Name tag
    orders = iri_for_id("resource/default/orders-db")
    assert "aws_db_instance.orders" in {str(a) for a in harbor.graph.objects(orders, IC.alias)}


def test_on_call_people_are_the_contacts(harbor: LoadResult) -> None:
    contacts = {
        str(c) for c in harbor.graph.objects(iri_for_id("component/default/checkout"), IC.contact)
    }
    assert "Ana Silva <ana@harbor.example>" in contacts


def test_blast_radius_crosses_terraform_the_catalog_and_the_manifests(
    harbor: LoadResult,
) -> None:
    answer = blast_radius(harbor.graph, iri_for_id("aws_db_subnet_group.shop"))
    path = {i.entity.id: i.path for i in answer.impacted}
    assert path["component/default/shopfront"] == (
        "aws_db_subnet_group.shop",  # Terraform: depends_on
        "resource/default/orders-db",  # the catalog: checkout depends on it
        "component/default/checkout",
        "component/default/shopfront",
    )
    assert {i.via for i in answer.impacted} == {Via.DEPLOYED}  # the first step is deployed
    teams = {t.entity.id for t in answer.teams}
    assert {"group/default/team-checkout", "group/default/team-web"} <= teams


def test_counting_only_what_is_declared_leaves_the_deployed_step_out(
    harbor: LoadResult,
) -> None:
    start = iri_for_id("aws_db_subnet_group.shop")
    declared = blast_radius(harbor.graph, start, counted=frozenset({Evidence.DECLARED}))
    assert declared.impacted == ()


def test_the_deploy_gaps_fire_where_they_should(harbor: LoadResult) -> None:
    found = sorted(
        (str(g.rule), g.entity.id) for g in ownership_gaps(harbor.graph) if g.rule in DEPLOY_RULES
    )
    assert found == [
        ("owner-disagrees", "component/default/payments"),
        ("undeclared-workload", "email-worker"),
        ("undeployed-entity", "component/default/recommendations"),
        ("unowned-resource", "aws_s3_bucket.assets"),
        ("unowned-resource", "cloudflare_record.shop"),
    ]


@pytest.mark.parametrize(
    "sources",
    [
        [SAMPLES / "region-build.ttl", SAMPLES / "region-build-traces.json"],
        [SAMPLES / "backstage"],
        [SAMPLES / "buyer-profile.yaml"],
    ],
    ids=["region-build", "backstage", "buyer-profile"],
)
def test_and_nowhere_else(sources: list[object]) -> None:
    gaps = ownership_gaps(load(sources).graph)  # type: ignore[arg-type]
    assert not [g for g in gaps if g.rule in DEPLOY_RULES]


def test_a_deployed_resource_of_no_vendor_is_not_an_ownership_gap(harbor: LoadResult) -> None:
    # the Ingress is how the shopfront is reached: owned with it, not on its own
    gaps = ownership_gaps(harbor.graph)
    assert not [g for g in gaps if g.entity.id == "shop-ingress"]


def test_a_secret_never_reaches_the_estate(harbor: LoadResult) -> None:
    said = {str(o) for _, _, o in harbor.graph}
    assert not [text for text in said if "never-shown-anywhere" in text]


def test_the_command_line_says_the_gaps_and_the_evidence(tmp_path: object) -> None:
    done = run_cli("gaps", HARBOR, "--json")
    rules = {g["rule"] for g in json.loads(done.stdout)["gaps"]}
    assert set(map(str, DEPLOY_RULES)) <= rules
    walked = run_cli("blast-radius", "aws_db_subnet_group.shop", HARBOR, "--json")
    assert {i["via"] for i in json.loads(walked.stdout)["impacted"]} == {"deployed"}
    bad = run_cli("blast-radius", "shopfront", HARBOR, "--evidence", "declared,rumoured")
    assert bad.returncode == 2 and "rumoured is not a kind of evidence" in bad.stderr
