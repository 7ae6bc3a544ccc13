"""The words of an exported picture, without a window: the file name it is offered under
says what it shows, and the caption under a highlight says whom it concerns."""

from __future__ import annotations

from dataclasses import replace

import pytest

from explorer.estate import Estate
from explorer.report import caption
from explorer.report.caption import reach_caption
from explorer.views.filters import Filter
from explorer.workspace.names import view_name
from explorer.workspace.state import Workspace
from helpers import node

DNS, KMS, IAM, NTP = (str(node(i)) for i in ("dns-service", "kms", "iam", "time-sync"))


def test_the_whole_view_keeps_its_name(state: Workspace) -> None:
    assert view_name(state) == "whole-graph"


def test_a_highlight_is_named_after_its_node_and_direction(
    state: Workspace, sample: Estate
) -> None:
    state.select(DNS)
    state.show_reach(sample.blast_radius(DNS))
    assert view_name(state) == "dns-service-blast-radius"
    state.show_reach(sample.upstream(DNS))
    assert view_name(state) == "dns-service-upstream"


def test_a_focus_view_is_not_named_as_the_whole_view(state: Workspace, sample: Estate) -> None:
    state.select(DNS)
    state.focus()
    assert view_name(state) == "focus-dns-service"
    state.set_hops(2)
    assert view_name(state) == "focus-dns-service-2-hops"
    state.show_reach(sample.blast_radius(DNS))
    assert view_name(state) == "focus-dns-service-blast-radius"


def test_a_focus_view_of_many_centres_names_three_and_counts_the_rest(state: Workspace) -> None:
    state.focus((DNS, KMS, IAM, NTP, str(node("gps-clock"))))
    assert view_name(state) == "focus-dns-service-kms-iam-and-2-more"


def test_a_scope_of_several_is_named_by_its_first_and_counted(
    state: Workspace, sample: Estate
) -> None:
    state.select(KMS)
    state.show_reach(sample.blast_radius([KMS, IAM, NTP]))
    assert view_name(state) == "kms-and-2-more-blast-radius"


def test_a_programs_scope_is_named_after_the_program(state: Workspace, sample: Estate) -> None:
    program = sample.program("program-dns-cutover")
    answer = sample.blast_radius([e.iri for e in program.changes])
    state.select(answer.node.iri)
    state.show_reach(replace(answer, program=program.entity))
    assert view_name(state) == "program-dns-cutover-blast-radius"  # "program" said once
    state.show_reach(replace(answer, program=replace(program.entity, id="cutover")))
    assert view_name(state) == "program-cutover-blast-radius"


def test_a_filtered_view_says_so(state: Workspace) -> None:
    state.set_filter(Filter(kinds=frozenset({"service"})))
    assert view_name(state) == "whole-graph-filtered"


class TestTheCaption:
    def test_it_lists_the_teams_to_tell_and_what_nobody_answers_for(self, sample: Estate) -> None:
        answer = sample.blast_radius(DNS)
        teams, nobody = reach_caption(answer)
        assert teams.heading == f"Teams to tell: {len(answer.teams)}"
        assert [line.split(":")[0] for line in teams.lines] == [t.entity.name for t in answer.teams]
        assert "Network Engineering (team-network): active; #netops; owns here " in "\n".join(
            teams.lines
        )
        console = next(line for line in teams.lines if line.startswith("Console"))
        assert console == (
            "Console (team-console): no members, no contact; owns here customer-console"
        )
        assert nobody.heading == "Nobody to tell: 3 (no active owner answers for these)"
        assert "Status page (status-page): no owner; ask Observability" in "\n".join(nobody.lines)

    def test_upstream_names_the_teams_involved(self, sample: Estate) -> None:
        assert reach_caption(sample.upstream(DNS))[0].heading.startswith("Teams involved: ")

    def test_a_scope_says_which_change_reaches_what_a_team_owns(self, sample: Estate) -> None:
        teams = reach_caption(sample.blast_radius([KMS, IAM]))[0]
        assert any("(from kms" in line or "(from iam" in line for line in teams.lines)

    def test_a_long_list_is_cut_and_the_rest_counted(
        self, sample: Estate, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(caption, "CAPTION_LINES", 4)
        answer = sample.blast_radius(DNS)
        teams = reach_caption(answer)[0]
        assert len(teams.lines) == 4
        more = len(answer.teams) - 3
        assert teams.lines[-1] == f"… and {more} more (File ▸ Save the roster has all)"
