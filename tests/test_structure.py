"""cycles and single_points_of_failure: the structure risks of the dependency graph."""

from __future__ import annotations

from rdflib import Graph

from explorer.analysis import cycles, single_points_of_failure
from explorer.domain.model import Entity
from explorer.ingest import load
from helpers import estate, node


def ids(group: tuple[Entity, ...]) -> list[str]:
    return [e.iri.rsplit("/", 1)[1] for e in group]


class TestCycles:
    def test_empty_graph(self) -> None:
        assert cycles(Graph()) == []

    def test_a_dag_has_none(self) -> None:
        assert cycles(estate("id:a ic:dependsOn id:b, id:c .\nid:b ic:dependsOn id:c .\n")) == []

    def test_a_two_node_cycle_and_a_self_loop(self) -> None:
        graph = estate(
            "id:a ic:dependsOn id:b .\nid:b ic:dependsOn id:a .\nid:s ic:dependsOn id:s .\n"
            "id:x ic:dependsOn id:y .\nid:y ic:dependsOn id:z .\nid:z ic:dependsOn id:x .\n"
        )
        assert [ids(g) for g in cycles(graph)] == [["x", "y", "z"], ["a", "b"], ["s"]]

    def test_other_relations_do_not_make_cycles(self) -> None:
        graph = estate("id:a ic:usesVendor id:b .\nid:b ic:dependsOn id:a .\n")
        assert cycles(graph) == []


class TestSinglePointsOfFailure:
    def test_empty_graph(self) -> None:
        assert single_points_of_failure(Graph()) == []

    def test_a_choke_point_between_a_tier1_service_and_its_needs(self) -> None:
        graph = estate(
            "id:pay a ic:Service ; ic:tier 1 ; ic:dependsOn id:gateway .\n"
            "id:gateway ic:dependsOn id:db ; ic:usesVendor id:card-network .\n"
        )
        (point,) = single_points_of_failure(graph)
        assert point.entity.id == "gateway"
        assert point.tier1_services == ("pay",)
        assert point.cut_off == ("card-network", "db")
        assert point.impact == 3 + 1 + 1  # one tier-1 service behind it, two needs cut off

    def test_redundant_paths_are_no_choke_point(self) -> None:
        graph = estate(
            "id:pay a ic:Service ; ic:tier 1 ; ic:dependsOn id:a, id:b .\n"
            "id:a ic:dependsOn id:db .\nid:b ic:dependsOn id:db .\n"
        )
        assert single_points_of_failure(graph) == []

    def test_only_tier1_services_are_roots(self) -> None:
        graph = estate(
            "id:blog a ic:Service ; ic:tier 3 ; ic:dependsOn id:gateway .\n"
            "id:gateway ic:dependsOn id:db .\n"
        )
        assert single_points_of_failure(graph) == []

    def test_a_dominator_cuts_off_everything_below_it(self) -> None:
        graph = estate(
            "id:pay a ic:Service ; ic:tier 1 ; ic:dependsOn id:a .\n"
            "id:a ic:dependsOn id:b .\nid:b ic:dependsOn id:c .\n"
        )
        cut = {p.entity.id: p.cut_off for p in single_points_of_failure(graph)}
        assert cut == {"a": ("b", "c"), "b": ("c",)}

    def test_ranked_by_what_stands_behind_them(self) -> None:
        graph = estate(
            "id:pay a ic:Service ; ic:tier 1 ; ic:dependsOn id:small, id:big .\n"
            "id:small ic:dependsOn id:x .\n"
            "id:big ic:dependsOn id:y .\n"
            "id:shop a ic:Service ; ic:tier 1 ; ic:dependsOn id:big .\n"
        )
        assert [p.entity.id for p in single_points_of_failure(graph)] == ["big", "small"]


def test_the_region_sample_has_the_dns_bootstrap_cycle() -> None:
    assert [ids(g) for g in cycles(load().graph)] == [["dns-service", "network-controller"]]
    points = {p.entity.iri for p in single_points_of_failure(load().graph)}
    assert str(node("network-fabric")) in points
