"""Pictures at scale, without Qt: grouping, capped focus views, and layouts where nothing
sits on another. The thresholds are lowered so the sample shows what 10,000 services do."""

from __future__ import annotations

import itertools
import math
from collections import Counter

import pytest

from explorer.domain.relations import BY_NAME
from explorer.estate import Estate
from explorer.views import focus, grouping, layout
from explorer.views import graph_view as view
from explorer.views.filters import NO_FILTER
from explorer.views.focus import focus_view
from explorer.views.graph_view import MORE_IRI, Edge, GraphView, neighbourhood, whole_graph
from explorer.views.grouping import GROUP_IRI, grouped
from explorer.views.layout import GAP, placed
from explorer.workspace import picture as drawing
from explorer.workspace.highlight import reach_distances
from explorer.workspace.picture import picture
from explorer.workspace.view_request import Mode, ViewRequest
from helpers import node, opened

DNS = str(node("dns-service"))


@pytest.fixture(scope="module")
def sample() -> Estate:
    return opened([])


@pytest.fixture
def small_groups(monkeypatch: pytest.MonkeyPatch) -> None:
    """Group anything past 20 nodes, as if the sample were a large estate."""
    for module in (drawing, grouping, view):
        monkeypatch.setattr(module, "GROUP_FROM", 20)


def _members(shown: GraphView) -> list[str]:
    return [m for g in shown.groups.values() for m in g.members]


class TestGrouping:
    def test_every_node_is_in_one_group_and_the_counts_add_up(
        self, sample: Estate, small_groups: None
    ) -> None:
        whole = whole_graph(sample.graph)
        shown = grouped(whole)
        members = _members(shown)
        assert sorted(members) == sorted(whole.nodes)  # each node once
        assert all(iri.startswith(GROUP_IRI) for iri in shown.nodes)
        for iri, group in shown.groups.items():
            assert shown.nodes[iri].label.endswith(f"({len(group.members):,})")
        region = f"{GROUP_IRI}system:{node('region-core')}"
        assert str(node("compute-api")) in shown.groups[region].members

    def test_more_groups_than_the_threshold_are_still_laid_out_and_kept(
        self, sample: Estate, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """100,000 services in 2,000 systems are 2,005 groups: drawn as groups, each at a
        place of its own, never all at the origin."""
        for module in (drawing, grouping, view):
            monkeypatch.setattr(module, "GROUP_FROM", 3)
        shown = grouped(whole_graph(sample.graph))
        assert len(shown.nodes) > 3 and set(shown.groups) == set(shown.nodes)
        assert set(shown.positions) == set(shown.nodes)
        assert len(set(shown.positions.values())) == len(shown.nodes)

    def test_many_systems_are_shelved_and_a_shelf_opens_into_its_systems(
        self, sample: Estate, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(grouping, "SHELF_FROM", 1)  # the sample's systems are "many"
        monkeypatch.setattr(grouping, "SHELVES", 1)
        monkeypatch.setattr(grouping, "GROUP_FROM", 5)  # an opened shelf is grouped too
        whole = whole_graph(sample.graph)
        shown = grouped(whole)
        shelves = [g for g in shown.groups.values() if g.key.startswith("shelf:")]
        assert len(shelves) == 1 and " \u2013 " in shown.nodes[shelves[0].iri].label
        systems = {e.iri for e in whole.nodes.values() if e.kind == "system"}
        assert systems <= set(shelves[0].members)
        inside = grouped(whole, [shelves[0].key])
        opened = {
            g.key for g in inside.groups.values() if set(g.members) <= set(shelves[0].members)
        }
        assert {f"system:{s}" for s in systems} <= opened

    def test_links_between_groups_count_the_relations_they_stand_for(
        self, sample: Estate, small_groups: None
    ) -> None:
        whole = whole_graph(sample.graph)
        shown = grouped(whole)
        home = {m: g for g, group in shown.groups.items() for m in group.members}
        for edge in shown.edges:
            under = [
                e
                for e in whole.edges
                if (home[e.source], e.relation, home[e.target])
                == (edge.source, edge.relation, edge.target)
            ]
            assert edge.count == len(under) > 0
            assert BY_NAME[edge.relation].walked  # the groups say who owns what

    def test_a_pinned_node_is_drawn_on_its_own(self, sample: Estate, small_groups: None) -> None:
        shown = grouped(whole_graph(sample.graph), pinned=[DNS])
        assert DNS in shown.nodes and DNS not in _members(shown)
        assert any(DNS in (e.source, e.target) for e in shown.edges)

    def test_opening_a_group_draws_its_members_and_the_groups_around(
        self, sample: Estate, small_groups: None
    ) -> None:
        whole = whole_graph(sample.graph)
        region = grouped(whole).groups[f"{GROUP_IRI}system:{node('region-core')}"]
        inside = grouped(whole, (region.key,))
        assert set(region.members) <= set(inside.nodes)
        around = [iri for iri in inside.nodes if iri.startswith(GROUP_IRI)]
        assert around and region.iri not in around
        assert inside.positions.keys() == inside.nodes.keys()

    def test_the_window_s_picture_is_grouped_past_the_threshold_only(
        self, sample: Estate, small_groups: None, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        shot = picture(sample, ViewRequest(Mode.WHOLE), NO_FILTER, {})
        assert shot.view.groups
        assert shot.before_filter == shot.after_filter == len(sample.entities())
        monkeypatch.setattr(drawing, "GROUP_FROM", 1000)
        assert not picture(sample, ViewRequest(Mode.WHOLE), NO_FILTER, {}).view.groups


class TestCappedFocus:
    def test_a_hub_shows_its_most_critical_neighbours_and_gathers_the_rest(
        self, sample: Estate, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(focus, "CAP", 3)
        full = focus_view(sample.graph, [node("dns-service")], 1, {})
        near = {str(n) for n in neighbourhood(sample.graph, [node("dns-service")], 1)} - {DNS}
        shown = [iri for iri in full.nodes if iri != DNS and not iri.startswith(MORE_IRI)]
        assert len(shown) == 3 and set(shown) <= near
        (more,) = full.groups.values()
        assert full.nodes[more.iri].label == f"+{len(near) - 3:,} more"
        assert set(more.members) | set(shown) == near
        tiers = [full.nodes[i].tier or 9 for i in shown]
        hidden_best = min(sample.whole().nodes[m].tier or 9 for m in more.members)
        assert max(tiers) <= hidden_best  # the most critical are the ones shown
        assert full.layered

    def test_opening_more_shows_a_page_more(
        self, sample: Estate, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(focus, "CAP", 3)
        monkeypatch.setattr(focus, "PAGE", 2)
        first = focus_view(sample.graph, [node("dns-service")], 1, {})
        more = focus_view(sample.graph, [node("dns-service")], 1, {DNS: 1})
        assert len(more.nodes) == len(first.nodes) + 2

    def test_of_many_centres_the_first_are_shown_and_the_rest_gathered(
        self, sample: Estate, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(focus, "CENTRES", 5)
        reached = list(reach_distances(sample.blast_radius(DNS)))
        shown = focus_view(sample.graph, [node(i.rsplit("/", 1)[1]) for i in reached], 0, {})
        assert set(reached[:5]) <= set(shown.nodes)
        (more,) = shown.groups.values()
        assert list(more.members) == reached[5:] and more.key == reached[0]

    def test_a_wide_layer_wraps_into_columns(
        self, sample: Estate, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(layout, "MAX_ROWS", 3)
        shown = focus_view(sample.graph, [node("dns-service")], 2, {})
        columns = Counter(x for x, _ in shown.positions.values())
        assert max(columns.values()) <= 3 and len(columns) >= len(shown.nodes) / 3


class TestLayout:
    def test_no_two_nodes_sit_on_each_other(self, sample: Estate) -> None:
        places = whole_graph(sample.graph).positions
        for (_, a), (_, b) in itertools.combinations(places.items(), 2):
            assert math.dist(a, b) >= GAP * 0.95

    def test_nodes_without_relations_are_packed_below(self) -> None:
        places = placed(["a", "b", "lonely"], [(0, 1)], layered=False, sizes={})
        assert places["lonely"][1] > max(places["a"][1], places["b"][1])

    def test_a_group_gets_room_for_its_size(self) -> None:
        names = [f"n{i}" for i in range(6)]
        pairs = [(0, i) for i in range(1, 6)]
        places = placed(names, pairs, layered=False, sizes={"n0": 3.0})
        for other in names[1:]:
            assert math.dist(places["n0"], places[other]) >= GAP * 2 * 0.95


def test_an_edge_between_groups_keeps_its_count_out_of_equality() -> None:
    assert Edge("a", "depends on", "b", 5) == Edge("a", "depends on", "b")
