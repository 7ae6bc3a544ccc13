"""The window's state, without a window: what each action changes and who is told."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from explorer.estate import Estate, open_estate
from explorer.views.filters import Filter
from explorer.views.graph_view import GraphView
from explorer.workspace.highlight import reach_distances
from explorer.workspace.state import Change, Workspace
from explorer.workspace.view_request import Mode, ViewRequest
from helpers import SAMPLES, node

DNS, GPS = str(node("dns-service")), str(node("gps-clock"))
Write = Callable[[str, str | bytes], Path]


def drawn(state: Workspace, *iris: str) -> GraphView:
    """A picture of ``iris``, as the canvas reports what it drew."""
    assert state.estate is not None
    return GraphView({iri: state.estate.details(iri).entity for iri in iris}, ())


class TestWorkspace:
    def test_opening_resets_and_announces_everything(self, sample: Estate) -> None:
        state, heard = Workspace(selected=DNS, mode=Mode.FOCUS, centres=(DNS,)), []
        state.observe(Change.VIEW, lambda: heard.append(state.view_request()))
        state.open(sample)
        assert (state.estate, state.selected, state.reach, state.comparison) == (
            sample,
            None,
            None,
            None,
        )
        assert heard == [ViewRequest(Mode.WHOLE, (), 1)]

    def test_selecting_in_the_whole_view_changes_only_the_selection(self, told: tuple) -> None:
        state, heard = told
        state.select(DNS)
        assert state.selected == DNS and heard == [Change.SELECTION]

    def test_selecting_what_a_focus_view_does_not_draw_focuses_on_it(self, told: tuple) -> None:
        state, heard = told
        state.focus((GPS,))
        state.was_drawn(drawn(state, GPS))
        heard.clear()
        state.select(DNS)
        assert state.centres == (DNS,) and heard == [Change.VIEW, Change.SELECTION]

    def test_focus_needs_something_to_focus_on(self, told: tuple) -> None:
        state, heard = told
        assert not state.focus() and state.mode is Mode.WHOLE and heard == [Change.NOTE]
        assert state.note.startswith("Nothing to focus on: select a node first")
        state.select(GPS)
        assert state.focus() and state.view_request() == ViewRequest(Mode.FOCUS, (GPS,), 1)

    def test_a_highlight_in_a_focus_view_draws_what_it_reaches(
        self, told: tuple, sample: Estate
    ) -> None:
        state, heard = told
        state.select(DNS)
        state.focus()
        answer = sample.blast_radius(DNS)
        heard.clear()
        state.show_reach(answer)
        assert heard == [Change.VIEW, Change.REACH]
        assert state.view_request() == ViewRequest(Mode.FOCUS, tuple(reach_distances(answer)), 0)
        heard.clear()
        state.set_hops(3)  # more hops: the highlight, which draws only itself, gives way
        assert state.reach is None and state.hops == 3
        assert heard == [Change.REACH, Change.NOTE, Change.VIEW]
        assert state.view_request() == ViewRequest(Mode.FOCUS, (DNS,), 3)
        assert state.note == (
            "Cleared the blast radius of Authoritative and recursive DNS (dns-service): "
            "showing 3 hop(s) around Authoritative and recursive DNS (dns-service)."
        )

    def test_the_highlight_the_list_and_the_selection_tell_one_story(
        self, told: tuple, sample: Estate
    ) -> None:
        state, heard = told
        state.select(DNS)
        state.show_reach(sample.blast_radius(DNS))
        state.select(str(node("control-plane")))  # in the blast radius: it stays
        assert state.reach is not None
        heard.clear()
        state.select(GPS)  # not in it: the highlight goes, and says so
        assert state.reach is None and heard == [Change.REACH, Change.NOTE, Change.SELECTION]
        assert state.note == (
            "Cleared the blast radius of Authoritative and recursive DNS (dns-service): "
            "gps-clock is not in it."
        )

    def test_a_new_answer_says_what_it_replaced(self, told: tuple, sample: Estate) -> None:
        state, _ = told
        state.select(DNS)
        state.show_reach(sample.blast_radius(DNS))
        state.show_reach(sample.upstream(DNS))
        assert state.note == (
            "Replaced the blast radius of Authoritative and recursive DNS (dns-service) "
            "with the upstream of Authoritative and recursive DNS (dns-service)."
        )

    def test_a_filter_is_announced_and_kept_across_an_open(
        self, told: tuple, sample: Estate
    ) -> None:
        state, heard = told
        kept = Filter(kinds=frozenset({"service"}))
        state.set_filter(kept)
        assert heard == [Change.FILTER, Change.VIEW]
        state.open(sample)
        assert state.filter == kept

    def test_expanding_adds_a_centre_and_drops_the_highlight(
        self, told: tuple, sample: Estate
    ) -> None:
        state, _ = told
        state.select(GPS)
        state.focus()
        state.show_reach(sample.upstream(GPS))
        state.centres = (GPS,)
        state.was_drawn(drawn(state, GPS, DNS))  # as the window drew it
        state.expand(DNS)
        assert state.reach is None and state.selected == DNS
        assert state.centres == (GPS, DNS) and state.mode is Mode.FOCUS

    def test_comparing_marks_changes_and_describes_what_was_removed(
        self, told: tuple, write: Write
    ) -> None:
        state, heard = told
        text = (SAMPLES / "buyer-profile.yaml").read_text(encoding="utf-8")
        retired_service = "services:\n  - id: retired-api\n    owner: team-cart\n"
        older = write("old.yaml", text.replace("services:\n", retired_service, 1))
        assert state.estate is not None
        new = open_estate([SAMPLES / "buyer-profile.yaml"])
        state.open(new)
        heard.clear()
        state.compare(new.compare([older]))
        assert heard == [Change.COMPARISON, Change.VIEW] and state.mode is Mode.COMPARE
        retired = str(node("retired-api"))
        assert state.change_marks()[retired] == "removed"
        assert state.describer(retired) is state.comparison.old  # type: ignore[union-attr]
        assert state.describer(str(node("profile-api"))) is new
        state.stop_comparing()
        assert state.comparison is None and state.mode is Mode.WHOLE and state.change_marks() == {}
