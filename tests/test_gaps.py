"""ownership_gaps: one record per problem, with a stable rule, a message, and an impact."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from rdflib import Graph

from explorer.analysis import Gap, ownership_gaps
from explorer.domain.rules import RULES
from explorer.ingest import load
from helpers import REPO, SAMPLES, estate

Write = Callable[[str, str | bytes], Path]
TEAM = 'id:t a ic:Team ; rdfs:label "Payments Core" ; ic:contact "t@x" .\n'


def rules(gaps: list[Gap]) -> set[tuple[str, str]]:
    return {(g.entity.id, g.rule) for g in gaps}


class TestOwnershipGaps:
    def test_empty_graph(self) -> None:
        assert ownership_gaps(Graph()) == []

    def test_a_clean_estate_has_no_gaps(self) -> None:
        graph = estate(
            TEAM + "id:api a ic:Service ; ic:ownedBy id:t ; ic:tier 1 ; ic:assumes id:x .\n"
            'id:x a ic:Assumption ; ic:ownedBy id:t ; ic:status "verified" .\n'
        )
        assert ownership_gaps(graph) == []

    def test_no_owner(self) -> None:
        (gap,) = ownership_gaps(estate('id:api a ic:Service ; rdfs:label "Ledger" .\n'))
        assert (gap.rule, gap.message, gap.impact) == ("no-owner", "Ledger has no owner", 1)

    def test_a_dangling_owner_from_rdf(self) -> None:
        """The same gap as the owner named in YAML or CSV gives (a placeholder): the
        undefined name is said once, by what it owns."""
        gaps = ownership_gaps(estate("id:api a ic:Service ; ic:ownedBy id:team-gone .\n"))
        assert {g.rule: g.message for g in gaps} == {
            "dangling-owner": "api is owned by 'team-gone', which no source defines",
        }

    def test_an_owner_that_is_not_a_team(self) -> None:
        graph = estate(
            "id:api a ic:Service ; ic:ownedBy id:db .\nid:db a ic:Resource ; ic:ownedBy id:db .\n"
        )
        assert ("api", "owner-not-team-or-person") in rules(ownership_gaps(graph))

    def test_a_dissolved_owner(self) -> None:
        graph = estate(
            'id:t a ic:Team ; rdfs:label "Old" ; ic:contact "x" ; ic:status "dissolved" .\n'
            "id:api a ic:Service ; ic:ownedBy id:t .\n"
        )
        (gap,) = ownership_gaps(graph)
        assert (gap.rule, gap.message) == (
            "dissolved-owner",
            "api is owned by Old, which was dissolved",
        )

    def test_a_team_nobody_can_reach(self) -> None:
        graph = estate(
            'id:t a ic:Team ; rdfs:label "Ghosts" .\nid:api a ic:Service ; ic:ownedBy id:t .\n'
        )
        (gap,) = ownership_gaps(graph)
        assert gap.rule == "unreachable-team" and gap.entity.id == "t"
        assert gap.impact == 1  # what it owns: api, tier unknown

    def test_assumption_rules(self) -> None:
        graph = estate(
            TEAM + "id:nostatus a ic:Assumption ; ic:ownedBy id:t .\n"
            'id:unverified a ic:Assumption ; ic:ownedBy id:t ; ic:status "unverified" .\n'
            'id:false a ic:Assumption ; ic:ownedBy id:t ; ic:status "invalid" .\n'
            'id:quiet a ic:Assumption ; ic:ownedBy id:t ; ic:status "unverified" .\n'
            "id:pay a ic:Service ; ic:ownedBy id:t ; ic:tier 1 ;\n"
            "    ic:assumes id:unverified, id:false .\n"
            "id:blog a ic:Service ; ic:ownedBy id:t ; ic:tier 3 ; ic:assumes id:quiet .\n"
        )
        assert rules(ownership_gaps(graph)) == {
            ("nostatus", "assumption-without-status"),
            ("unverified", "unverified-tier1-assumption"),
            ("false", "invalid-assumption-in-use"),
        }

    def test_a_placeholder_is_flagged_with_where_it_was_named(self, write: Write) -> None:
        path = write("e.yaml", "services:\n  - id: api\n    depends_on: [shipping]\n")
        gaps = ownership_gaps(load([path]).graph)
        shipping = next(g for g in gaps if g.entity.id == "shipping")
        assert shipping.rule == "undefined-reference"
        assert shipping.message == f"'shipping' is referenced at {path}:3 but defined in no source"
        assert ("api", "no-owner") in rules(gaps)

    def test_a_placeholder_owner_is_a_dangling_owner(self, write: Write) -> None:
        path = write("e.yaml", "services:\n  - id: api\n    owner: team-nobody\n")
        assert rules(ownership_gaps(load([path]).graph)) == {("api", "dangling-owner")}

    def test_the_unowned_thing_under_the_payment_path_ranks_first(self) -> None:
        graph = estate(
            TEAM
            + "id:payments a ic:Service ; ic:ownedBy id:t ; ic:tier 1 ; ic:dependsOn id:ledger .\n"
            "id:checkout a ic:Service ; ic:ownedBy id:t ; ic:tier 1 ; ic:dependsOn id:payments .\n"
            "id:ledger a ic:Service ; ic:tier 1 .\n"
            "id:status-page a ic:Service ; ic:tier 3 .\n"
        )
        gaps = ownership_gaps(graph)
        assert [g.entity.id for g in gaps] == ["ledger", "status-page"]
        assert [g.impact for g in gaps] == [9, 1]  # three tier-1 services hurt; one tier-3

    def test_every_rule_code_is_documented(self) -> None:
        gaps = ownership_gaps(load([SAMPLES]).graph)
        assert {g.rule for g in gaps} <= set(RULES)


def test_the_samples_show_the_gaps_their_stories_tell() -> None:
    found = rules(ownership_gaps(load([SAMPLES]).graph))
    assert {
        ("status-page", "no-owner"),
        ("provisioning", "dissolved-owner"),
        ("image-registry", "dangling-owner"),
        ("vendor-obsidian-optics", "no-owner"),
        ("team-console", "unreachable-team"),
        ("assume-three-zones", "invalid-assumption-in-use"),
        ("assume-lead-time", "assumption-without-status"),
        ("assume-erasure-30-days", "unverified-tier1-assumption"),
        ("segment-builder", "dissolved-owner"),
        ("shipping-tracker", "undefined-reference"),
        ("loyalty-points", "dangling-owner"),
        ("support-console", "no-owner"),
    } <= found


class TestBothEnginesAgree:
    """pyshacl is the reference; the code engine must report exactly what it reports."""

    @pytest.mark.parametrize("services", [0, 300])
    def test_on_the_samples_and_a_generated_estate(self, services: int, tmp_path: Path) -> None:
        from explorer.analysis.gaps import shacl_breaches
        from explorer.analysis.shape_rules import breaches
        from explorer.graph.index import index_of

        if services:
            sys.path.insert(0, str(REPO / "benchmarks"))
            from generate import generate, write_turtle

            write_turtle(generate(services), tmp_path / "estate.ttl")
            graph = load([tmp_path / "estate.ttl"]).graph
        else:
            graph = load([SAMPLES]).graph
        index = index_of(graph)

        def normal(found: list[tuple[object, str, object]]) -> set[tuple[str, str, str]]:
            return {(str(f), r, str(v)) for f, r, v in found}

        assert normal(list(breaches(index))) == normal(shacl_breaches(index))

    @pytest.mark.parametrize("store", ["memory", "oxigraph"])
    def test_every_rule_of_the_shapes_on_a_graph_that_breaks_them_all(self, store: str) -> None:
        from explorer.analysis.gaps import shacl_breaches
        from explorer.analysis.shape_rules import breaches
        from explorer.graph.index import index_of

        graph = estate(
            'id:t a ic:Team ; ic:status "paused", "active" .\n'
            'id:gone a ic:Team ; ic:contact "x" ; ic:status "dissolved" .\n'
            "id:p a ic:Person .\n"
            "id:a a ic:Service ; ic:ownedBy id:t, id:p ; ic:tier 7 .\n"
            'id:b a ic:Service ; ic:ownedBy id:ghost ; ic:tier "one" .\n'
            "id:c a ic:Service ; ic:ownedBy id:gone ; ic:tier 1, 2 .\n"
            "id:d a ic:Resource .\n"
            'id:x a ic:Assumption ; ic:ownedBy id:t ; ic:status "maybe" .\n'
            "id:y a ic:Assumption ; ic:ownedBy id:b .\n"
            'id:z a ic:Assumption ; ic:status "verified"@en .\n'
            # typed twice: the shapes check a node as each of its classes
            "id:both a ic:Team, ic:Service ; ic:ownedBy id:t .\n"
            "id:e a ic:Service ; ic:ownedBy id:both .\n",
            store,
        )
        index = index_of(graph)
        code = {(str(f), r, str(v)) for f, r, v in breaches(index)}
        assert code == {(str(f), r, str(v)) for f, r, v in shacl_breaches(index)}
        rules = {r for _, r, _ in code}
        assert rules == {
            "no-owner",
            "several-owners",
            "owner-not-team-or-person",
            "dissolved-owner",
            "unreachable-team",
            "bad-team-status",
            "assumption-without-status",
            "bad-assumption-status",
            "bad-tier",
        }
