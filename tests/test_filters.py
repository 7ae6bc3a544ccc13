"""Filters by kind, relation, owner, tier and gap rule: what each keeps, the counts behind
each choice, and the same filters on the command line."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from explorer.analysis import blast_radius, ownership_gaps
from explorer.cli import main
from explorer.graph.index import entities
from explorer.ingest import load
from explorer.views.filters import (
    Filter,
    facet_counts,
    filtered_gaps,
    filtered_graph,
    filtered_reach,
    filtered_view,
    rules_of,
)
from explorer.views.graph_view import whole_graph
from helpers import node

SERVICES = Filter(kinds=frozenset({"service"}))


@pytest.fixture(scope="module")
def sample() -> tuple:  # type: ignore[type-arg]
    graph = load().graph
    return graph, whole_graph(graph), rules_of(ownership_gaps(graph))


class TestCounts:
    def test_each_choice_counts_what_it_would_keep(self, sample: tuple) -> None:  # type: ignore[type-arg]
        graph, view, rules = sample
        counts = facet_counts(view, rules)
        listed = entities(graph)
        assert counts.kinds["service"] == sum(e.kind == "service" for e in listed)
        assert counts.tiers[1] == sum(e.tier == 1 for e in view.nodes.values())
        assert counts.rules["dissolved-owner"] == sum(
            "dissolved-owner" in r for r in rules.values()
        )
        assert counts.relations["depends on"] == sum(e.relation == "depends on" for e in view.edges)
        assert counts.owners["DNS and Edge"] == sum(
            "DNS and Edge" in e.owners for e in view.nodes.values()
        )

    def test_each_count_is_what_the_filter_then_shows(self, sample: tuple) -> None:  # type: ignore[type-arg]
        _, view, rules = sample
        counts = facet_counts(view, rules)
        for tier, count in counts.tiers.items():
            assert len(filtered_view(view, Filter(tiers=frozenset({tier})), rules).nodes) == count
        for rule, count in counts.rules.items():
            assert len(filtered_view(view, Filter(rules=frozenset({rule})), rules).nodes) == count


class TestWhatIsKept:
    def test_facets_combine_and_the_view_is_laid_out_anew(self, sample: tuple) -> None:  # type: ignore[type-arg]
        _, view, rules = sample
        kept = filtered_view(view, SERVICES.with_facet("tiers", [1]), rules)
        assert kept.nodes and all(e.kind == "service" and e.tier == 1 for e in kept.nodes.values())
        assert set(kept.positions) == set(kept.nodes)
        assert all(e.source in kept.nodes and e.target in kept.nodes for e in kept.edges)

    def test_a_relation_filter_keeps_the_nodes_and_drops_other_edges(self, sample: tuple) -> None:  # type: ignore[type-arg]
        _, view, rules = sample
        kept = filtered_view(view, Filter(relations=frozenset({"uses vendor"})), rules)
        assert set(kept.nodes) == set(view.nodes)
        assert {e.relation for e in kept.edges} == {"uses vendor"}

    def test_an_owner_filter_keeps_what_the_team_owns_and_the_team(self, sample: tuple) -> None:  # type: ignore[type-arg]
        _, view, rules = sample
        kept = filtered_view(view, Filter(owners=frozenset({"DNS and Edge"})), rules)
        ids = {e.id for e in kept.nodes.values()}
        assert ids == {"team-dns", "dns-service", "dns-zone", "vendor-quorum-dns"}

    def test_the_focus_centres_stay_whatever_the_filter(self, sample: tuple) -> None:  # type: ignore[type-arg]
        _, view, rules = sample
        team = str(node("team-dns"))
        assert team in filtered_view(view, SERVICES, rules, centres=[team]).nodes

    def test_an_answer_keeps_the_nodes_and_the_teams_that_own_them(self, sample: tuple) -> None:  # type: ignore[type-arg]
        graph, _, rules = sample
        answer = blast_radius(graph, node("dns-service"))
        kept = filtered_reach(answer, Filter(tiers=frozenset({1})), rules)
        assert kept.impacted and all(i.entity.tier == 1 for i in kept.impacted)
        assert len(kept.impacted) < len(answer.impacted)
        owned = {i.entity.id for i in kept.impacted} | {"dns-service"}
        assert all(set(t.owns) & owned for t in kept.teams)
        assert "team-legacy-infra" not in {t.entity.id for t in kept.teams}  # owns a tier 2

    def test_gaps_by_rule(self, sample: tuple) -> None:  # type: ignore[type-arg]
        graph, _, _ = sample
        gaps = ownership_gaps(graph)
        kept = filtered_gaps(gaps, Filter(rules=frozenset({"no-owner"})))
        assert kept and {g.rule for g in kept} == {"no-owner"}

    def test_a_filtered_graph_keeps_every_triple_of_what_it_keeps(self, sample: tuple) -> None:  # type: ignore[type-arg]
        graph, _, rules = sample
        kept = filtered_graph(graph, SERVICES, rules)
        kinds = {e.kind for e in entities(kept)}
        assert kinds <= {"service", "placeholder", "unknown"}
        dns = node("dns-service")
        assert set(kept.predicate_objects(dns)) <= set(graph.predicate_objects(dns))
        assert (dns, None, node("network-controller")) in kept  # a service it depends on
        assert (dns, None, node("team-dns")) not in kept  # the team is left out


class TestOnTheCommandLine:
    def test_a_snapshot_of_tier_1_services(self, tmp_path: Path) -> None:
        out = tmp_path / "tier1.csv"
        assert main(["snapshot", "--kinds", "service", "--tier", "1", "-o", str(out)]) == 0
        with out.open(newline="", encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
        assert rows and {(r["kind"], r["tier"]) for r in rows} == {("service", "1")}

    def test_an_owner_by_id_or_name_and_relations_by_either_spelling(self, tmp_path: Path) -> None:
        out = tmp_path / "dns.ttl"
        args = ["--owner", "team-dns", "--relations", "depends_on,uses vendor"]
        assert main(["snapshot", *args, "-o", str(out)]) == 0
        assert {e.id for e in entities(load([out]).graph)} >= {"dns-service", "dns-zone"}

    @pytest.mark.parametrize(
        ("option", "value", "said"),
        [
            ("--kinds", "servce", "--kinds: unknown 'servce'; use one of service,"),
            ("--relations", "needs", "--relations: unknown 'needs'; use one of depends on,"),
            ("--tier", "gold", "--tier: unknown 'gold'; use one of 1, 2, 3"),
            ("--owner", "team-nobody", "team-nobody"),
        ],
    )
    def test_a_wrong_value_is_one_line_and_exit_2(
        self,
        tmp_path: Path,
        capsys: pytest.CaptureFixture[str],
        option: str,
        value: str,
        said: str,
    ) -> None:
        out = tmp_path / "x.ttl"
        assert main(["snapshot", option, value, "-o", str(out)]) == 2
        err = capsys.readouterr().err
        assert said in err and err.count("\n") == 1 and not out.exists()
