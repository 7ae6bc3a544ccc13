"""blast_radius: what is hurt if a node fails, how far away, along which path, who to tell."""

from __future__ import annotations

import pytest
from rdflib import Graph

from explorer.analysis import Reach, blast_radius
from explorer.domain.errors import UnknownNode
from explorer.ingest import load
from helpers import SAMPLES, estate, node


def hurt(answer: Reach) -> dict[str, tuple[int, tuple[str, ...]]]:
    return {i.entity.id: (i.distance, i.path) for i in answer.impacted}


def teams(answer: Reach) -> dict[str, tuple[str, tuple[str, ...]]]:
    return {t.entity.id: (t.status, t.owns) for t in answer.teams}


class TestBlastRadius:
    def test_empty_graph(self) -> None:
        with pytest.raises(UnknownNode, match="unknown node 'x'; closest: none"):
            blast_radius(Graph(), node("x"))

    def test_an_unknown_node_is_refused_with_the_closest_names(self) -> None:
        graph = estate("id:dns-service a ic:Service ; ic:dependsOn id:dns-zone .\n")
        with pytest.raises(UnknownNode, match="closest: dns-service"):
            blast_radius(graph, node("dns"))

    def test_a_node_with_no_dependents(self) -> None:
        graph = estate("id:a a ic:Service ; ic:dependsOn id:b .\nid:b a ic:Resource .\n")
        assert blast_radius(graph, node("a")).impacted == ()

    def test_a_chain_gives_distances_and_paths_from_the_node(self) -> None:
        graph = estate("id:c ic:dependsOn id:b .\nid:b ic:dependsOn id:a .\n")
        assert hurt(blast_radius(graph, node("a"))) == {
            "b": (1, ("a", "b")),
            "c": (2, ("a", "b", "c")),
        }

    def test_a_cycle_terminates(self) -> None:
        graph = estate("id:a ic:dependsOn id:b .\nid:b ic:dependsOn id:a .\n")
        assert hurt(blast_radius(graph, node("a"))) == {"b": (1, ("a", "b"))}

    def test_a_self_loop_is_not_its_own_victim(self) -> None:
        graph = estate("id:a ic:dependsOn id:a .\nid:b ic:dependsOn id:a .\n")
        assert hurt(blast_radius(graph, node("a"))) == {"b": (1, ("a", "b"))}

    def test_in_a_diamond_the_shortest_distance_wins(self) -> None:
        graph = estate(
            "id:top ic:dependsOn id:left, id:right, id:db .\n"
            "id:left ic:dependsOn id:db .\nid:right ic:dependsOn id:left .\n"
        )
        found = hurt(blast_radius(graph, node("db")))
        assert found["top"] == (1, ("db", "top"))
        assert found["right"] == (2, ("db", "left", "right"))

    @pytest.mark.parametrize("store", ["memory", "oxigraph"])
    def test_of_equal_paths_the_first_in_iri_order_is_kept(self, store: str) -> None:
        # written, and so stored, in the other order, and across two relations
        graph = estate(
            "id:leaf ic:dependsOn id:zeta ; ic:usesVendor id:alpha .\n"
            "id:zeta ic:dependsOn id:root .\nid:alpha ic:dependsOn id:root .\n",
            store,
        )
        for _ in range(3):
            assert hurt(blast_radius(graph, node("root")))["leaf"] == (
                2,
                ("root", "alpha", "leaf"),
            )

    def test_a_vendor_hurts_the_services_that_use_it(self) -> None:
        graph = estate(
            "id:v a ic:Vendor .\nid:s a ic:Service ; ic:usesVendor id:v .\n"
            "id:t a ic:Service ; ic:dependsOn id:s .\n"
        )
        assert hurt(blast_radius(graph, node("v"))) == {
            "s": (1, ("v", "s")),
            "t": (2, ("v", "s", "t")),
        }

    def test_a_false_assumption_hurts_what_relies_on_it_and_a_systems_parts(self) -> None:
        graph = estate(
            "id:x a ic:Assumption .\nid:s a ic:Service ; ic:assumes id:x .\n"
            "id:sys a ic:System ; ic:assumes id:x .\n"
            "id:part a ic:Service ; ic:partOf id:sys .\n"
        )
        assert hurt(blast_radius(graph, node("x"))) == {
            "s": (1, ("x", "s")),
            "sys": (1, ("x", "sys")),
            "part": (2, ("x", "sys", "part")),
        }

    def test_a_failing_part_does_not_hurt_its_siblings(self) -> None:
        graph = estate(
            "id:sys a ic:System .\nid:a a ic:Service ; ic:partOf id:sys .\n"
            "id:b a ic:Service ; ic:partOf id:sys .\n"
        )
        assert blast_radius(graph, node("a")).impacted == ()
        assert set(hurt(blast_radius(graph, node("sys")))) == {"a", "b"}

    @pytest.mark.parametrize(("depth", "expected"), [(0, set()), (1, {"b"}), (2, {"b", "c"})])
    def test_depth_bounds_the_walk(self, depth: int, expected: set[str]) -> None:
        graph = estate(
            "id:d ic:dependsOn id:c .\nid:c ic:dependsOn id:b .\nid:b ic:dependsOn id:a .\n"
        )
        assert set(hurt(blast_radius(graph, node("a"), depth=depth))) == expected

    def test_a_negative_depth_is_refused(self) -> None:
        with pytest.raises(ValueError, match="depth"):
            blast_radius(Graph(), node("a"), depth=-1)


class TestTeamsToTell:
    GRAPH = """
        id:db a ic:Resource ; ic:ownedBy id:dba .
        id:api a ic:Service ; ic:dependsOn id:db ; ic:ownedBy id:gone .
        id:web a ic:Service ; ic:dependsOn id:api ; ic:ownedBy id:ghost .
        id:app a ic:Service ; ic:dependsOn id:api ; ic:ownedBy id:lonely .
        id:job a ic:Service ; ic:dependsOn id:db ; ic:ownedBy id:ana .
        id:dba a ic:Team ; ic:contact "dba@x" .
        id:gone a ic:Team ; ic:status "dissolved" .
        id:lonely a ic:Team .
        id:ana a ic:Person .
    """

    def test_owners_of_the_node_and_everything_hurt_with_their_state(self) -> None:
        assert teams(blast_radius(estate(self.GRAPH), node("db"))) == {
            "dba": ("active", ("db",)),
            "gone": ("dissolved", ("api",)),
            "ghost": ("undefined", ("web",)),
            "lonely": ("unreachable", ("app",)),
            "ana": ("active", ("job",)),
        }

    def test_the_forgotten_stakeholders_come_first(self) -> None:
        statuses = [t.status for t in blast_radius(estate(self.GRAPH), node("db")).teams]
        assert statuses[-2:] == ["active", "active"]


class TestOnTheRegionSample:
    def test_dns_reaches_the_control_plane_and_reporting(self) -> None:
        answer = blast_radius(load([SAMPLES / "region-build.ttl"]).graph, node("dns-service"))
        found = hurt(answer)
        assert found["control-plane"] == (1, ("dns-service", "control-plane"))
        assert {"capacity-reporting", "usage-metering", "customer-console"} <= set(found)
        assert teams(answer)["team-legacy-infra"][0] == "dissolved"
        assert teams(answer)["team-console"][0] == "unreachable"
        assert "team-finops" in teams(answer)

    def test_the_three_zone_assumption_hurts_storage_and_the_whole_region_core(self) -> None:
        answer = blast_radius(load().graph, node("assume-three-zones"))
        found = hurt(answer)
        assert found["block-storage"][0] == 1 and found["region-core"][0] == 1
        assert found["dns-service"] == (2, ("assume-three-zones", "region-core", "dns-service"))
        assert "team-dns" in teams(answer)
