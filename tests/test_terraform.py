"""Terraform's ``show -json`` (state and plan) and raw ``terraform.tfstate``, read offline:
resources by address, data sources left out, dependencies, vendors, owners, lines."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import RDFS

from explorer.domain.kinds import Kind
from explorer.domain.vocab import IC
from explorer.ingest.deploy.terraform import is_terraform, terraform_records
from explorer.ingest.fields import EntityRecord
from explorer.ingest.notes import Notes

FIXTURES = Path(__file__).parent / "fixtures" / "deploy" / "terraform"
AWS = "registry.terraform.io/hashicorp/aws"
SUBNET_A = 'module.net.aws_subnet.private["a"]'
SUBNET_B = 'module.net.aws_subnet.private["b"]'
FLOW_LOG = 'module.net.module.flow["eu.west"].aws_flow_log.this'


def read(name: str) -> tuple[dict[str, EntityRecord], Notes]:
    """A fixture's records by id, and what reading it noted."""
    path = FIXTURES / name
    text = path.read_text(encoding="utf-8")
    notes = Notes()
    records = terraform_records(str(path), text, json.loads(text), notes)
    assert len({r.id for r in records}) == len(records)
    return {r.id: r for r in records}, notes


def read_inline(
    document: dict[str, Any], indent: int | None = None
) -> tuple[dict[str, EntityRecord], Notes]:
    """An inline document's records, written on one line as terraform writes it."""
    notes = Notes()
    text = json.dumps(document, indent=indent)
    records = terraform_records("inline.json", text, document, notes)
    return {r.id: r for r in records}, notes


def state(*resources: dict[str, Any], version: str = "1.0") -> dict[str, Any]:
    return {
        "format_version": version,
        "terraform_version": "1.9.8",
        "values": {"root_module": {"resources": list(resources)}},
    }


def resource(address: str, provider: str = AWS, **fields: Any) -> dict[str, Any]:
    kind, name = address.split(".")[-2:]
    return {
        "address": address,
        "mode": "managed",
        "type": kind,
        "name": name,
        "provider_name": provider,
        "schema_version": 0,
        "values": {},
        "sensitive_values": {},
        **fields,
    }


def plan_referring(references: list[str]) -> dict[str, Any]:
    """A plan of one load balancer whose configuration refers to ``references``."""
    config = {"address": "aws_lb.web", "mode": "managed", "type": "aws_lb", "name": "web"}
    config["expressions"] = {"sg": {"references": references}}
    return {
        "format_version": "1.2",
        "planned_values": {"root_module": {"resources": [resource("aws_lb.web")]}},
        "configuration": {"root_module": {"resources": [config]}},
    }


def targets(record: EntityRecord, predicate: URIRef) -> list[str]:
    return [link.target for link in record.links if link.predicate == predicate]


def resources(records: dict[str, EntityRecord]) -> set[str]:
    return {i for i, r in records.items() if r.kind == Kind.RESOURCE}


def vendors(records: dict[str, EntityRecord]) -> dict[str, str | None]:
    return {i: r.label for i, r in records.items() if r.kind == Kind.VENDOR}


class TestShape:
    @pytest.mark.parametrize("name", ["state.json", "plan.json", "terraform.tfstate"])
    def test_each_fixture_is_terraform(self, name: str) -> None:
        assert is_terraform(json.loads((FIXTURES / name).read_text(encoding="utf-8")))

    @pytest.mark.parametrize(
        "document",
        [
            {"apiVersion": "backstage.io/v1alpha1", "kind": "Component"},
            {"@context": {"ic": "https://infra-context.dev/ontology#"}, "@graph": []},
            [{"parent": "a", "child": "b", "callCount": 3}],
            {"format_version": "1.0", "provider_schemas": {}},  # providers schema -json
            {"version": 3, "resources": [{"instances": []}]},
            {"version": 4, "resources": [{"name": "x"}]},
            "text",
        ],
    )
    def test_other_json_is_not(self, document: object) -> None:
        assert not is_terraform(document)


class TestStateResources:
    def test_every_managed_resource_is_a_node_with_its_address_exactly(self) -> None:
        records, notes = read("state.json")
        assert resources(records) == {
            "aws_iam_user.ci",
            "aws_vpc.main",
            "cloudflare_record.www",
            "google_compute_instance.vm",
            "google_storage_bucket.data",
            "null_resource.baz[0]",
            "null_resource.baz[1]",
            "random_password.db",
            SUBNET_A,
            SUBNET_B,
            FLOW_LOG,
        }
        assert notes.problems == [] and notes.warnings == []

    def test_data_sources_are_not_nodes(self) -> None:
        records, _ = read("state.json")
        assert not [i for i in records if "data." in i]
        only_data, _ = read_inline(state(resource("data.aws_ami.x", mode="data")))
        assert only_data == {}

    def test_a_resource_record_is_its_address_type_and_provider(self) -> None:
        records, _ = read("state.json")
        vpc = records["aws_vpc.main"]
        assert (vpc.kind, vpc.label, vpc.evidence) == (Kind.RESOURCE, "aws_vpc.main", "deployed")
        assert vpc.path == str(FIXTURES / "state.json")
        assert vpc.attributes == [
            (RDFS.label, Literal("aws_vpc.main")),
            (IC.type, Literal("aws_vpc")),
            (IC.annotation, Literal(f"provider: {AWS}")),
        ]

    def test_a_resource_in_a_child_module_names_its_module(self) -> None:
        records, _ = read("state.json")
        assert (IC.annotation, Literal("terraform module: module.net")) in records[
            SUBNET_A
        ].attributes
        nested = 'terraform module: module.net.module.flow["eu.west"]'
        assert (IC.annotation, Literal(nested)) in records[FLOW_LOG].attributes
        assert (IC.type, Literal("aws_flow_log")) in records[FLOW_LOG].attributes

    def test_a_quoted_key_may_hold_dots_and_quotes(self) -> None:
        address = 'module.m["a.b\\"c"].aws_sg.web'
        records, _ = read_inline(state(resource(address)))
        module = 'terraform module: module.m["a.b\\"c"]'
        assert (IC.annotation, Literal(module)) in records[address].attributes

    def test_a_one_line_file_puts_everything_on_line_1(self) -> None:
        records, _ = read("state.json")
        assert "\n" not in (FIXTURES / "state.json").read_text(encoding="utf-8").strip()
        assert {r.line for r in records.values()} == {1}
        assert {link.line for r in records.values() for link in r.links} == {1}

    def test_a_resource_is_at_its_address_not_at_an_earlier_mention(self) -> None:
        document = state(resource("aws_lb.web", depends_on=["aws_sg.web"]), resource("aws_sg.web"))
        records, _ = read_inline(document, indent=2)
        lines = json.dumps(document, indent=2).splitlines()
        assert lines[records["aws_sg.web"].line - 1].strip() == '"address": "aws_sg.web",'
        assert records["aws_sg.web"].line > records["aws_lb.web"].line > 1

    def test_no_value_but_the_type_and_the_owner_and_name_tags_reaches_a_record(self) -> None:
        records, _ = read("state.json")
        said = {str(v) for r in records.values() for _, v in r.attributes}
        said |= {link.target for r in records.values() for link in r.links}
        for value in ("hunter2", "s3cret", "vpc-0a1b", "203.0.113.10", "prod"):
            assert not [text for text in said if value in text], value

    def test_a_name_tag_is_the_label_a_catalog_entity_of_that_name_matches(self) -> None:
        records, _ = read("state.json")
        subnet = records['module.net.aws_subnet.private["a"]']
        assert subnet.label == "private-a" and subnet.id.endswith('private["a"]')


class TestStateLinks:
    def test_depends_on_links_the_resource_it_names(self) -> None:
        records, _ = read("state.json")
        for source in ("null_resource.baz[0]", "null_resource.baz[1]", SUBNET_A, SUBNET_B):
            assert targets(records[source], IC.connectsTo) == ["aws_vpc.main"]

    def test_a_dependency_on_a_counted_resource_links_every_instance(self) -> None:
        records, _ = read("state.json")
        assert targets(records[FLOW_LOG], IC.connectsTo) == [SUBNET_A, SUBNET_B]

    def test_a_dependency_no_instance_matches_links_its_address(self) -> None:
        records, _ = read_inline(state(resource("aws_lb.web", depends_on=["aws_vpc.gone"])))
        assert targets(records["aws_lb.web"], IC.connectsTo) == ["aws_vpc.gone"]

    def test_a_module_relative_dependency_is_found_in_its_module(self) -> None:
        document = state(
            resource('module.app["x"].aws_lb.web', depends_on=["aws_sg.web"]),
            resource('module.app["x"].aws_sg.web'),
            resource('module.app["y"].aws_sg.web'),
        )
        records, _ = read_inline(document)
        assert targets(records['module.app["x"].aws_lb.web'], IC.connectsTo) == [
            'module.app["x"].aws_sg.web'
        ]

    def test_data_sources_and_modules_named_alone_are_no_dependency(self) -> None:
        document = state(resource("aws_lb.web", depends_on=["data.aws_ami.x", "module.net"]))
        records, _ = read_inline(document)
        assert targets(records["aws_lb.web"], IC.connectsTo) == []


class TestVendors:
    def test_one_vendor_record_per_vendor(self) -> None:
        records, _ = read("state.json")
        assert vendors(records) == {
            "aws": "AWS",
            "cloudflare": "Cloudflare",
            "google-cloud": "Google Cloud",
        }
        aws = records["aws"]
        assert (aws.evidence, aws.attributes) == ("deployed", [(RDFS.label, Literal("AWS"))])

    def test_each_resource_uses_its_providers_vendor(self) -> None:
        records, _ = read("state.json")
        uses = {i: targets(r, IC.usesVendor) for i, r in records.items()}
        assert uses["aws_vpc.main"] == ["aws"]
        assert uses["cloudflare_record.www"] == ["cloudflare"]
        assert uses["google_storage_bucket.data"] == ["google-cloud"]
        assert uses["google_compute_instance.vm"] == ["google-cloud"]  # google-beta
        assert uses[FLOW_LOG] == ["aws"]  # OpenTofu's registry

    def test_utility_providers_are_not_vendors(self) -> None:
        records, _ = read("state.json")
        for utility in ("null_resource.baz[0]", "random_password.db"):
            assert targets(records[utility], IC.usesVendor) == []
        assert not {"null", "random"} & set(records)

    @pytest.mark.parametrize(
        ("provider", "vendor"),
        [
            ("registry.terraform.io/hashicorp/azurerm", ("azure", "Microsoft Azure")),
            ("registry.terraform.io/DataDog/datadog", ("datadog", "Datadog")),
            ("registry.terraform.io/integrations/github", ("github", "GitHub")),
            ("registry.opentofu.org/cloudflare/cloudflare", ("cloudflare", "Cloudflare")),
            ("aws", ("aws", "AWS")),  # terraform 0.12
            ("registry.terraform.io/-/google", ("google-cloud", "Google Cloud")),
            ("registry.terraform.io/acme/widgets", ("widgets", "widgets")),
            ("registry.terraform.io/hashicorp/time", None),
            ("registry.terraform.io/hashicorp/tls", None),
            ("terraform.io/builtin/terraform", None),
        ],
    )
    def test_the_vendor_of_a_provider_source(
        self, provider: str, vendor: tuple[str, str] | None
    ) -> None:
        records, _ = read_inline(state(resource("x_thing.one", provider)))
        assert targets(records["x_thing.one"], IC.usesVendor) == ([vendor[0]] if vendor else [])
        assert vendors(records) == (dict([vendor]) if vendor else {})


class TestOwners:
    def test_a_team_tag_owns_the_resource(self) -> None:
        records, _ = read("state.json")
        assert targets(records["aws_vpc.main"], IC.ownedBy) == ["network"]

    def test_an_owner_label_owns_a_google_resource(self) -> None:
        records, _ = read("state.json")
        assert targets(records["google_storage_bucket.data"], IC.ownedBy) == ["data-platform"]

    def test_owner_keys_in_any_case_and_with_a_prefix(self) -> None:
        records, _ = read("state.json")
        assert targets(records[SUBNET_A], IC.ownedBy) == ["platform"]  # "Owner"
        assert targets(records[SUBNET_B], IC.ownedBy) == ["platform"]  # "acme.io/team"

    def test_google_network_tags_are_a_list_and_own_nothing(self) -> None:
        records, notes = read("state.json")
        assert targets(records["google_compute_instance.vm"], IC.ownedBy) == []
        assert notes.problems == []

    def test_a_sensitive_tag_is_not_read(self) -> None:
        records, _ = read("state.json")
        assert targets(records["aws_iam_user.ci"], IC.ownedBy) == []
        shown, _ = read_inline(state(resource("aws_iam_user.ci", values={"tags": {"owner": "x"}})))
        assert targets(shown["aws_iam_user.ci"], IC.ownedBy) == ["x"]

    @pytest.mark.parametrize(
        ("key", "owns"),
        [
            ("owner", True),
            ("Team", True),
            ("owning-team", True),
            ("owner_team", True),
            ("owned-by", True),
            ("MAINTAINER", False),  # a person to ask, not an owner
            ("acme.com/owner", True),
            ("cost.team", True),
            ("owners", False),
            ("teamname", False),
            ("env", False),
        ],
    )
    def test_which_keys_name_an_owner(self, key: str, owns: bool) -> None:
        for field in ("tags", "tags_all", "labels", "terraform_labels", "effective_labels"):
            document = state(resource("x_thing.one", values={field: {key: "core"}}))
            records, _ = read_inline(document)
            assert targets(records["x_thing.one"], IC.ownedBy) == (["core"] if owns else [])


class TestPlan:
    def test_resources_are_planned_values_and_changes_that_leave_one(self) -> None:
        records, notes = read("plan.json")
        assert resources(records) == {
            "aws_instance.web[0]",
            "aws_instance.web[1]",
            "aws_vpc.main",
            "datadog_monitor.cpu",  # replaced: delete, then create
            "time_sleep.wait",
            "azurerm_resource_group.rg",  # a change only: in no planned value
            "module.net.aws_internet_gateway.gw",
            "module.net.aws_route_table.rt",
            SUBNET_A,
            SUBNET_B,
        }
        assert "aws_s3_bucket.old" not in records  # deleted
        assert notes.problems == []

    def test_a_change_only_resource_keeps_its_owner_and_vendor(self) -> None:
        records, _ = read("plan.json")
        group = records["azurerm_resource_group.rg"]
        assert targets(group, IC.ownedBy) == ["azure-team"]
        assert targets(group, IC.usesVendor) == ["azure"]

    def test_each_resource_is_at_the_line_of_its_address(self) -> None:
        records, _ = read("plan.json")
        lines = (FIXTURES / "plan.json").read_text(encoding="utf-8").splitlines()
        for address in resources(records):
            written = f'"address": {json.dumps(address)}'
            expected = next(n for n, line in enumerate(lines, 1) if written in line)
            assert records[address].line == expected
            assert {link.line for link in records[address].links} <= {expected}
        assert records["aws_vpc.main"].line != 1

    def test_configuration_references_link_resources_only(self) -> None:
        """data sources, module outputs, variables, locals and constants are dropped."""
        records, _ = read("plan.json")
        for web in ("aws_instance.web[0]", "aws_instance.web[1]"):
            assert targets(records[web], IC.connectsTo) == ["aws_vpc.main"]

    def test_a_reference_to_a_counted_resource_links_every_instance(self) -> None:
        records, _ = read("plan.json")
        assert targets(records["datadog_monitor.cpu"], IC.connectsTo) == [
            "aws_instance.web[0]",
            "aws_instance.web[1]",
        ]

    def test_a_reference_to_one_instance_links_only_it(self) -> None:
        records, _ = read("plan.json")
        assert targets(records["time_sleep.wait"], IC.connectsTo) == [
            "aws_instance.web[1]",
            "aws_vpc.main",  # depends_on; module.net alone is dropped
        ]

    def test_references_inside_a_module_call_are_module_relative(self) -> None:
        records, _ = read("plan.json")
        assert targets(records["module.net.aws_route_table.rt"], IC.connectsTo) == [
            "module.net.aws_internet_gateway.gw",
            SUBNET_A,
        ]
        assert targets(records[SUBNET_A], IC.connectsTo) == []  # var., each., path.

    def test_a_reference_no_instance_matches_links_its_config_address(self) -> None:
        records, _ = read_inline(plan_referring(["aws_sg.web.id", "aws_sg.web"]))
        assert targets(records["aws_lb.web"], IC.connectsTo) == ["aws_sg.web"]

    @pytest.mark.parametrize(
        "reference",
        [
            "var.sg",
            "local.sg",
            "each.value",
            "count.index",
            "path.module",
            "self.id",
            "terraform.workspace",
            "module.net.sg_id",
            "data.aws_sg.web.id",
            "ephemeral.random_password.p.result",
        ],
    )
    def test_a_reference_to_no_resource_links_nothing(self, reference: str) -> None:
        records, _ = read_inline(plan_referring([reference]))
        assert targets(records["aws_lb.web"], IC.connectsTo) == []


class TestFormatVersion:
    def test_an_unsupported_major_version_is_one_problem(self) -> None:
        records, notes = read_inline(state(resource("aws_vpc.main"), version="2.0"))
        assert records == {}
        assert [str(p) for p in notes.problems] == ["inline.json:1: unsupported format_version 2.0"]

    @pytest.mark.parametrize("version", ["0.1", "0.2", "1.0", "1.2"])
    def test_majors_0_and_1_are_read(self, version: str) -> None:
        records, notes = read_inline(state(resource("aws_vpc.main"), version=version))
        assert set(records) == {"aws_vpc.main", "aws"}
        assert notes.problems == []

    def test_a_format_version_that_is_no_version_is_a_problem(self) -> None:
        records, notes = read_inline(state(resource("aws_vpc.main"), version="one"))
        assert records == {}
        assert len(notes.problems) == 1
        assert "format_version must be a version" in str(notes.problems[0])


class TestBadElements:
    def test_a_resource_without_an_address_is_a_problem_and_the_rest_is_read(self) -> None:
        bad = resource("aws_lb.web")
        del bad["address"]
        records, notes = read_inline(state(bad, resource("aws_vpc.main")))
        assert resources(records) == {"aws_vpc.main"}
        assert [p.message for p in notes.problems] == ["a terraform resource without an address"]

    def test_a_resource_without_a_type_is_a_problem(self) -> None:
        records, notes = read_inline(state(resource("aws_lb.web", type=None)))
        assert records == {}
        assert [p.message for p in notes.problems] == ["terraform resource aws_lb.web has no type"]


class TestRawState:
    def test_instances_are_nodes_with_their_addresses(self) -> None:
        records, notes = read("terraform.tfstate")
        assert resources(records) == {
            "aws_db_instance.main",
            "aws_vpc.main",
            "google_compute_instance.vm",
            "null_resource.baz[0]",
            "null_resource.baz[1]",
            SUBNET_A,
            SUBNET_B,
        }
        assert notes.problems == []

    def test_dependencies_link_the_resources_they_name(self) -> None:
        records, _ = read("terraform.tfstate")
        for source in ("null_resource.baz[1]", SUBNET_B):
            assert targets(records[source], IC.connectsTo) == ["aws_vpc.main"]

    def test_provider_configurations_give_the_source_and_vendor(self) -> None:
        records, _ = read("terraform.tfstate")
        subnet = records[SUBNET_A]
        assert (IC.annotation, Literal(f"provider: {AWS}")) in subnet.attributes  # aliased
        assert targets(subnet, IC.usesVendor) == ["aws"]
        assert targets(records["google_compute_instance.vm"], IC.usesVendor) == ["google-cloud"]
        assert targets(records["null_resource.baz[0]"], IC.usesVendor) == []  # provider.null
        assert vendors(records) == {"aws": "AWS", "google-cloud": "Google Cloud"}

    def test_owners_come_from_tags_and_labels_but_not_sensitive_ones(self) -> None:
        records, _ = read("terraform.tfstate")
        assert targets(records["aws_vpc.main"], IC.ownedBy) == ["network"]
        assert targets(records["google_compute_instance.vm"], IC.ownedBy) == ["compute"]
        assert targets(records["aws_db_instance.main"], IC.ownedBy) == []

    def test_an_instance_is_at_the_line_of_its_index_key(self) -> None:
        records, _ = read("terraform.tfstate")
        lines = (FIXTURES / "terraform.tfstate").read_text(encoding="utf-8").splitlines()
        assert lines[records["null_resource.baz[1]"].line - 1].strip() == '"index_key": 1,'
        assert lines[records[SUBNET_B].line - 1].strip() == '"index_key": "b",'
        vpc = records["aws_vpc.main"].line
        assert lines[vpc - 1].strip() == '"mode": "managed",'
        assert '"name": "main"' in lines[vpc + 1]
