"""ownership_gaps: one record per problem, with a stable rule, a message, and an impact."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from rdflib import Graph

from explorer.analysis import Gap, ownership_gaps
from explorer.domain.rules import NEXT_STEPS, RULES, Rule
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


PLATFORM = 'id:platform a ic:Team ; rdfs:label "Platform" ; ic:contact "p@x" .\n'


class TestTierInversion:
    """A node that needs something less critical than itself, by any kind of evidence."""

    def inversions(self, turtle: str) -> list[Gap]:
        gaps = ownership_gaps(estate(TEAM + PLATFORM + turtle))
        return [g for g in gaps if g.rule == "tier-inversion"]

    def test_declared_deployed_and_observed_inversions_are_each_found(self) -> None:
        found = self.inversions(
            "id:api a ic:Service ; ic:ownedBy id:t ; ic:tier 1 ;"
            " ic:dependsOn id:cache ; ic:connectsTo id:queue ; ic:calls id:mail .\n"
            'id:cache a ic:Resource ; ic:ownedBy id:platform ; ic:tier "tier 3" .\n'
            'id:queue a ic:Resource ; ic:ownedBy id:platform ; ic:tier "T2" .\n'
            "id:mail a ic:Service ; ic:ownedBy id:platform ; ic:tier 2 .\n"
        )
        assert [g.entity.id for g in found] == ["api"] * 3
        assert sorted(g.message for g in found) == [
            "api (tier 1) depends on cache (tier 3), which is less critical (declared: depends on)",
            "api (tier 1) depends on mail (tier 2), which is less critical (observed: calls)",
            "api (tier 1) depends on queue (tier 2), which is less critical "
            "(deployed: connects to)",
        ]

    def test_one_gap_a_pair_names_every_kind_of_evidence(self) -> None:
        (gap,) = self.inversions(
            "id:api a ic:Service ; ic:ownedBy id:t ; ic:tier 1 ;"
            " ic:dependsOn id:cache ; ic:calls id:cache .\n"
            "id:cache a ic:Resource ; ic:ownedBy id:platform ; ic:tier 2 .\n"
        )
        assert gap.message.endswith("(declared: depends on; observed: calls)")
        assert gap.impact == 3  # what the tier-1 node's failure hurts: itself
        assert gap.next == (
            "raise cache's tier to 1, or remove the dependency; ask Platform (its owner)"
        )
        assert gap.ask is not None and gap.ask.id == "platform"

    def test_equal_or_more_critical_tiers_and_missing_tiers_are_not_inversions(self) -> None:
        assert not self.inversions(
            "id:api a ic:Service ; ic:ownedBy id:t ; ic:tier 2 ;"
            " ic:dependsOn id:db, id:auth, id:loose ; ic:usesVendor id:cloud .\n"
            'id:db a ic:Resource ; ic:ownedBy id:t ; ic:tier "02" .\n'  # the same tier
            "id:auth a ic:Service ; ic:ownedBy id:t ; ic:tier 1 .\n"  # more critical
            "id:loose a ic:Service ; ic:ownedBy id:t .\n"  # no tier
            "id:cloud a ic:Vendor ; ic:ownedBy id:t ; ic:tier 3 .\n"  # a vendor is not read
            "id:untiered a ic:Service ; ic:ownedBy id:t ; ic:dependsOn id:db .\n"
        )

    def test_the_sample_s_tier_1_services_that_need_tier_2_ones(self) -> None:
        found = [
            g
            for g in ownership_gaps(load([SAMPLES / "region-build.ttl"]).graph)
            if g.rule == "tier-inversion"
        ]
        assert [(g.entity.id, g.next.split(";")[0]) for g in found] == [
            ("usage-metering", "raise Metrics pipeline's tier to 1, or remove the dependency"),
            ("compute-api", "raise Machine image registry's tier to 1, or remove the dependency"),
        ]


class TestNextSteps:
    """Each gap says what to do, and whom to ask by one rule."""

    def test_no_owner_asks_the_owner_of_the_system_it_is_part_of(self) -> None:
        (gap,) = ownership_gaps(
            estate(
                TEAM + 'id:core a ic:System ; rdfs:label "Region core" ; ic:ownedBy id:t .\n'
                'id:api a ic:Service ; rdfs:label "Status page" ; ic:partOf id:core .\n'
            )
        )
        assert (
            gap.next == "name an owner; ask Payments Core (owns Region core, which it is part of)"
        )
        assert gap.ask is not None and gap.ask.id == "t"

    def test_a_dissolved_owner_asks_the_team_owning_most_of_what_it_touches(self) -> None:
        gaps = ownership_gaps(
            estate(
                TEAM
                + PLATFORM
                + 'id:old a ic:Team ; rdfs:label "Old" ; ic:contact "x" ; ic:status "dissolved" .\n'
                "id:api a ic:Service ; ic:ownedBy id:old ; ic:dependsOn id:db, id:cache .\n"
                "id:db a ic:Resource ; ic:ownedBy id:platform .\n"
                "id:cache a ic:Resource ; ic:ownedBy id:platform .\n"
                "id:web a ic:Service ; ic:ownedBy id:t ; ic:dependsOn id:api .\n"
            )
        )
        (gap,) = [g for g in gaps if g.rule == "dissolved-owner"]
        assert gap.next == (
            "move it to an active team; ask Platform (owns 2 of the 3 things it touches)"
        )

    def test_an_unverified_assumption_is_verified_with_its_owner(self) -> None:
        (gap,) = ownership_gaps(
            estate(
                TEAM + "id:pay a ic:Service ; ic:ownedBy id:t ; ic:tier 1 ; ic:assumes id:x .\n"
                'id:x a ic:Assumption ; ic:ownedBy id:t ; ic:status "unverified" .\n'
            )
        )
        assert gap.next == "verify it; ask Payments Core (its owner)"

    def test_with_nobody_to_ask_the_step_says_so(self) -> None:
        (gap,) = ownership_gaps(estate('id:api a ic:Service ; rdfs:label "Ledger" .\n'))
        assert gap.ask is None
        assert gap.next == (
            "name an owner; nobody to ask: no active team owns a system it is part of or "
            "what it touches"
        )

    def test_an_unreachable_team_is_asked_of_its_parent_team(self) -> None:
        (gap,) = ownership_gaps(
            estate(
                "@prefix org: <http://www.w3.org/ns/org#> .\n"
                + PLATFORM
                + 'id:ghosts a ic:Team ; rdfs:label "Ghosts" ;'
                " org:subOrganizationOf id:platform .\n"
                "id:api a ic:Service ; ic:ownedBy id:ghosts .\n"
            )
        )
        assert gap.next == "add a member or a contact; ask Platform (its parent team)"

    def test_a_team_with_no_parent_is_asked_of_whoever_answers_for_what_it_owns(self) -> None:
        (gap,) = ownership_gaps(
            estate(
                PLATFORM + 'id:ghosts a ic:Team ; rdfs:label "Ghosts" .\n'
                'id:core a ic:System ; rdfs:label "Core" ; ic:ownedBy id:platform .\n'
                "id:api a ic:Service ; ic:ownedBy id:ghosts ; ic:partOf id:core .\n"
            )
        )
        assert gap.next == (
            "add a member or a contact; "
            "ask Platform (for api, which the team owns: owns Core, which it is part of)"
        )

    def test_an_overdue_question_is_asked_of_its_assignee(self) -> None:
        graph = estate(
            TEAM + "id:api a ic:Service ; ic:ownedBy id:t .\n"
            '<urn:infra-explorer:question:q> a ic:Question ; ic:text "Who runs it?" ;'
            ' ic:about id:api ; ic:assignee id:platform ; ic:questionStatus "open" ;'
            ' ic:due "2020-01-31"^^<http://www.w3.org/2001/XMLSchema#date> .\n' + PLATFORM
        )
        (gap,) = ownership_gaps(graph)
        assert gap.next == "answer it, or set a new due date; ask Platform (it was asked of them)"

    def test_every_gap_of_the_samples_begins_with_its_rule_s_step(self) -> None:
        gaps = ownership_gaps(load([SAMPLES]).graph)
        for gap in gaps:
            step = NEXT_STEPS[gap.rule].split("{")[0]
            assert gap.next.startswith(step) and "; " in gap.next, gap
        assert set(NEXT_STEPS) == set(Rule)


def test_the_readme_tables_every_rule_with_its_meaning_and_step() -> None:
    class Named(dict[str, str]):
        def __missing__(self, field: str) -> str:
            return field.upper()

    text = (REPO / "README.md").read_text(encoding="utf-8")
    table = text[text.index("| rule | what it means | next step") :]
    rows = table[: table.index("\n\n")].splitlines()[2:]
    assert rows == [
        f"| `{rule}` | {RULES[rule]} | {NEXT_STEPS[rule].format_map(Named())} |" for rule in Rule
    ]
