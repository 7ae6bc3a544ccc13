"""upstream: what a node needs all the way down, with the vendors and assumptions met."""

from __future__ import annotations

import pytest
from rdflib import Graph

from explorer.analysis import Reach, upstream
from explorer.domain.errors import UnknownNode
from explorer.ingest import load
from helpers import estate, node


def needed(answer: Reach) -> dict[str, tuple[int, tuple[str, ...]]]:
    return {i.entity.id: (i.distance, i.path) for i in answer.impacted}


class TestUpstream:
    def test_empty_graph(self) -> None:
        with pytest.raises(UnknownNode, match="unknown node 'x'"):
            upstream(Graph(), node("x"))

    def test_a_leaf_needs_nothing(self) -> None:
        graph = estate("id:a ic:dependsOn id:b .\n")
        assert upstream(graph, node("b")).impacted == ()

    def test_forward_closure_with_vendors_and_assumptions_on_the_way(self) -> None:
        graph = estate(
            "id:app ic:dependsOn id:db ; ic:assumes id:three-zones .\n"
            "id:db ic:dependsOn id:dns ; ic:usesVendor id:cloud .\n"
            "id:dns ic:usesVendor id:registrar .\n"
        )
        assert needed(upstream(graph, node("app"))) == {
            "db": (1, ("app", "db")),
            "three-zones": (1, ("app", "three-zones")),
            "dns": (2, ("app", "db", "dns")),
            "cloud": (2, ("app", "db", "cloud")),
            "registrar": (3, ("app", "db", "dns", "registrar")),
        }

    def test_a_vendor_needs_nothing_further(self) -> None:
        graph = estate("id:a ic:usesVendor id:v .\nid:v a ic:Vendor .\n")
        assert upstream(graph, node("v")).impacted == ()

    def test_a_system_needs_its_parts_and_what_they_need(self) -> None:
        graph = estate(
            "id:sys a ic:System .\nid:a a ic:Service ; ic:partOf id:sys ; ic:dependsOn id:db .\n"
        )
        assert needed(upstream(graph, node("sys"))) == {
            "a": (1, ("sys", "a")),
            "db": (2, ("sys", "a", "db")),
        }

    def test_a_cycle_terminates_and_depth_bounds(self) -> None:
        graph = estate(
            "id:a ic:dependsOn id:b .\nid:b ic:dependsOn id:c .\nid:c ic:dependsOn id:a .\n"
        )
        assert set(needed(upstream(graph, node("a")))) == {"b", "c"}
        assert set(needed(upstream(graph, node("a"), depth=1))) == {"b"}

    def test_the_teams_involved_include_the_owner_of_every_need(self) -> None:
        graph = estate(
            "id:app ic:dependsOn id:dns ; ic:ownedBy id:web .\n"
            'id:web a ic:Team ; ic:contact "w" .\n'
            'id:dns ic:ownedBy id:dns-team .\nid:dns-team a ic:Team ; ic:contact "d" .\n'
        )
        owners = {t.entity.id: t.owns for t in upstream(graph, node("app")).teams}
        assert owners == {"web": ("app",), "dns-team": ("dns",)}


def test_the_control_plane_needs_dns_and_so_the_dns_team() -> None:
    answer = upstream(load().graph, node("control-plane"))
    assert needed(answer)["dns-zone"] == (2, ("control-plane", "dns-service", "dns-zone"))
    assert needed(answer)["vendor-obsidian-optics"][0] == 3
    assert "team-dns" in {t.entity.id for t in answer.teams}
