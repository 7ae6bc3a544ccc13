"""Several nodes selected at once, without a window: what Ctrl+click and Shift+click make
of the selection, what the workspace does with it, and a scope's answer through a filter
and after an edit."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from explorer.estate import Estate
from explorer.recording.edits import Said, add_relation
from explorer.statements import Confidence
from explorer.views.filters import Filter, filtered_reach
from explorer.views.graph_view import GraphView
from explorer.workspace.highlight import reach_again, reach_name
from explorer.workspace.selection import added, toggled
from explorer.workspace.state import Change
from explorer.workspace.view_request import Mode
from helpers import node

DNS, KMS, QUORUM = (str(node(n)) for n in ("dns-service", "kms", "vendor-quorum-dns"))
GPS = str(node("gps-clock"))


class TestChoosingSeveral:
    def test_ctrl_click_adds_and_takes_out_and_the_last_is_described(self, told: tuple) -> None:
        state, heard = told
        state.select(DNS)
        state.choose(toggled(state.chosen, KMS))
        assert state.chosen == (DNS, KMS) and state.selected == KMS
        state.choose(toggled(state.chosen, QUORUM))
        state.choose(toggled(state.chosen, KMS))
        assert state.chosen == (DNS, QUORUM) and state.selected == QUORUM
        assert heard == [Change.SELECTION] * 4
        state.select(GPS)  # a plain click: that one alone
        assert state.chosen == (GPS,)

    def test_shift_click_adds_a_range_and_nothing_twice(self, told: tuple) -> None:
        state, _ = told
        state.select(DNS)
        state.choose(added(state.chosen, [KMS, DNS, QUORUM]))
        assert state.chosen == (KMS, DNS, QUORUM) and state.selected == QUORUM

    def test_taking_out_the_last_leaves_nothing_selected(self, told: tuple) -> None:
        state, _ = told
        state.select(DNS)
        state.choose(toggled(state.chosen, DNS))
        assert state.chosen == () and state.selected is None

    def test_a_scope_highlighted_stays_while_its_changes_are_chosen(
        self, told: tuple, sample: Estate
    ) -> None:
        state, _ = told
        state.choose((DNS, KMS, QUORUM))
        state.show_reach(sample.blast_radius([DNS, KMS, QUORUM]))
        assert state.reach is not None and state.reach.distances[KMS] == 0
        state.choose((DNS, KMS))  # each is in it (at distance 0)
        assert state.reach is not None
        state.choose((DNS, GPS))  # one is not: the highlight would tell of other nodes
        assert state.reach is None
        assert state.note == (
            "Cleared the blast radius of dns-service, kms, vendor-quorum-dns: "
            "gps-clock is not in it."
        )

    def test_a_grouped_picture_pins_every_node_chosen(self, told: tuple) -> None:
        state, _ = told
        state.choose((DNS, KMS))
        assert state.view_request().pinned == (DNS, KMS)

    def test_focus_takes_in_each_node_chosen(self, told: tuple, sample: Estate) -> None:
        state, _ = told
        state.select(DNS)
        state.focus()
        state.was_drawn(GraphView({DNS: sample.details(DNS).entity}, ()))
        state.choose(added(state.chosen, [GPS]))
        assert state.mode is Mode.FOCUS and state.centres == (DNS, GPS)


class TestAScopesAnswer:
    def test_a_filter_keeps_each_teams_reasons_beside_what_it_owns(self, sample: Estate) -> None:
        answer = sample.blast_radius([DNS, KMS, QUORUM])
        shown = filtered_reach(answer, Filter(kinds=frozenset({"service"})), {})
        for team in shown.teams:
            assert len(team.why) == len(team.owns)
            team.reasons()  # the owns and their reasons still pair up
        security = next(t for t in shown.teams if t.entity.id == "team-security")
        assert security.owns == ("iam", "kms")  # kms is a change, iam is reached
        assert {u.entity.id for u in shown.nobody} <= {i.entity.id for i in shown.impacted}
        assert "status-page" in {u.entity.id for u in shown.nobody}
        resources = filtered_reach(answer, Filter(kinds=frozenset({"resource"})), {})
        assert "status-page" not in {u.entity.id for u in resources.nobody}

    def test_asked_again_after_an_edit_it_keeps_its_changes_and_program(
        self, sample: Estate
    ) -> None:
        program = sample.program("program-dns-cutover")
        answer = replace(sample.blast_radius([DNS, KMS, QUORUM]), program=program.entity)
        said = Said("alice", datetime(2026, 12, 1, tzinfo=UTC), "", Confidence.LIKELY)
        edited, _ = sample.apply_edit(
            add_relation(node("gps-clock"), "depends on", node("kms"), said)
        )
        again = reach_again(edited, answer)
        assert again is not None and again.program == program.entity
        assert [e.id for e in again.changes] == ["dns-service", "kms", "vendor-quorum-dns"]
        assert "gps-clock" in {i.entity.id for i in again.impacted}
        assert (
            reach_name(again) == "blast radius of program DNS and key cutover (program-dns-cutover)"
        )
